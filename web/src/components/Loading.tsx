/** A spinner in plain CSS (antd's Spin would weigh on the scan page's budget). */
export function Loading() {
  return (
    <div className="sy-loading" role="status" aria-live="polite">
      <span className="sy-spinner" />
    </div>
  );
}
