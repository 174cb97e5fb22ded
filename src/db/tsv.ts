/** A value of a row for COPY … FROM in PostgreSQL's text format. */
export type Cell = string | number | boolean | null;

function cell(value: Cell): string {
  if (value === null) return '\\N';
  return String(value)
    .replace(/\\/g, '\\\\')
    .replace(/\t/g, '\\t')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r');
}

/** Rows in COPY's text format: tab-separated, `\N` for NULL, backslash escapes. */
export function tsv(rows: Cell[][]): string {
  let out = '';
  for (const r of rows) out += `${r.map(cell).join('\t')}\n`;
  return out;
}
