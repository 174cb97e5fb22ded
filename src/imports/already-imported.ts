/** A run of rows of one sheet (from … to, spreadsheet row numbers), as imports.already_imported keeps them. */
export interface RowRun {
  sheet: string;
  from: number;
  to: number;
}

export interface SheetRowRef {
  sheet: string;
  row: number;
}

/** Rows (in sheet and row order) as runs: a re-imported file of 200,000 rows is one run, not 200,000 entries. */
export function rowRuns(rows: Iterable<SheetRowRef>): RowRun[] {
  const runs: RowRun[] = [];
  for (const { sheet, row } of rows) {
    const last = runs.at(-1);
    if (last && last.sheet === sheet && last.to + 1 === row) last.to = row;
    else runs.push({ sheet, from: row, to: row });
  }
  return runs;
}

/** The first `limit` rows of the runs, one by one. */
export function runRows(runs: RowRun[], limit: number): SheetRowRef[] {
  const rows: SheetRowRef[] = [];
  for (const run of runs) {
    for (let row = run.from; row <= run.to; row++) {
      if (rows.length >= limit) return rows;
      rows.push({ sheet: run.sheet, row });
    }
  }
  return rows;
}

/** The runs as people read them: `生产 3–5, 9; 收货 4`, at most `limit` runs. */
export function describeRuns(runs: RowRun[], limit = 20): string {
  const bySheet = new Map<string, string[]>();
  for (const run of runs.slice(0, limit)) {
    const list = bySheet.get(run.sheet) ?? [];
    list.push(run.from === run.to ? `${run.from}` : `${run.from}–${run.to}`);
    bySheet.set(run.sheet, list);
  }
  const text = [...bySheet].map(([sheet, list]) => `${sheet} ${list.join(', ')}`).join('; ');
  return runs.length > limit ? `${text}; …` : text;
}
