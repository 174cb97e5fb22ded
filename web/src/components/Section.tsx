import type { ReactNode } from 'react';

/** A titled panel: lighter than antd's Card (which brings Tabs), for the scan page's budget. */
export function Section({
  title,
  children,
  testId,
}: {
  title?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section className="sy-card sy-section" data-testid={testId}>
      {title && <h2 className="sy-card-title">{title}</h2>}
      <div className="sy-card-body">{children}</div>
    </section>
  );
}

export function Muted({ children }: { children: ReactNode }) {
  return <p className="sy-muted sy-empty">{children}</p>;
}
