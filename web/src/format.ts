/** A date-time in the reader's time zone, e.g. 2026-07-01 08:00. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The last word of a CBV URI or a bare step name: 'https://ref.gs1.org/cbv/BizStep-shipping' → 'shipping'. */
export function vocabularyWord(value: string | null | undefined): string {
  if (!value) return 'other';
  return value.replace(/^.*[-:/]/, '');
}
