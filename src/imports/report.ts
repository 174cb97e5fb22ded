import { type Kysely, type Selectable, sql } from 'kysely';
import { Type } from 'typebox';
import type { DB, ImportTable } from '../db/types.js';
import { type RowRun, runRows } from './already-imported.js';
import type { ImportIssue } from './read.js';

/** The errors listed in an import's JSON report; errors.xlsx has them all. */
export const reportedErrors = 1000;
/** The rows already imported listed in an import's JSON report; errors.xlsx marks them all. */
export const reportedRows = 1000;

const Issue = Type.Object({
  sheet: Type.String(),
  row: Type.Integer({ description: 'Spreadsheet row (1 = header)' }),
  column: Type.Optional(Type.String({ description: 'Column letter' })),
  header: Type.Optional(Type.String()),
  field: Type.Optional(Type.String({ description: 'Template field name' })),
  message: Type.String(),
});

export const ImportView = Type.Object({
  id: Type.String(),
  status: Type.Union([
    Type.Literal('queued'),
    Type.Literal('running'),
    Type.Literal('succeeded'),
    Type.Literal('failed'),
  ]),
  template: Type.Union([Type.String(), Type.Null()]),
  templateVersion: Type.Union([Type.Integer(), Type.Null()]),
  cte: Type.Union([Type.String(), Type.Null()]),
  format: Type.String(),
  fileName: Type.Union([Type.String(), Type.Null()]),
  fileSize: Type.Integer(),
  mode: Type.String(),
  repeat: Type.Boolean({
    description: 'Rows equal to ones imported before were stored as new events (the upload’s repeat option)',
  }),
  enterprise: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  startedAt: Type.Union([Type.String(), Type.Null()]),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  rows: Type.Object({
    total: Type.Union([Type.Integer(), Type.Null()]),
    checked: Type.Integer(),
    stored: Type.Integer(),
    skipped: Type.Integer({ description: 'Empty rows and the example row' }),
    invalid: Type.Integer(),
    alreadyImported: Type.Integer({
      description:
        'Rows the enterprise had imported before (the same values of the same template and CTE): not stored again',
    }),
  }),
  problem: Type.Union([Type.String(), Type.Null()], { description: 'A problem with the whole file' }),
  errorCount: Type.Integer(),
  errors: Type.Array(Issue, { description: `The first ${reportedErrors} errors, by sheet, row and column` }),
  alreadyImportedRows: Type.Array(
    Type.Object({
      sheet: Type.String(),
      row: Type.Integer({ description: 'Spreadsheet row (1 = header)' }),
    }),
    {
      description: `The first ${reportedRows} rows taken as already imported (not stored again), by sheet and row; rows.alreadyImported counts them all, errors.xlsx marks them all`,
    },
  ),
  links: Type.Object({ self: Type.String(), errorsWorkbook: Type.String() }),
});

type Row = Omit<Selectable<ImportTable>, 'file'> & { errorCount?: number };

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/**
 * Rows found already stored. Not a column of its own: every row read of a finished import was
 * stored, invalid or already imported, so it is what a succeeded import read and neither stored nor
 * refused (a failed import stored nothing and reports none).
 */
export function alreadyImported(
  row: Pick<Row, 'status' | 'rows_total' | 'rows_stored' | 'rows_invalid'>,
): number {
  if (row.status !== 'succeeded') return 0;
  return Math.max(0, (row.rows_total ?? 0) - row.rows_stored - row.rows_invalid);
}

export function importView(row: Row) {
  const errors = (row.errors ?? []) as ImportIssue[];
  return {
    id: row.id,
    status: row.status,
    template: row.template,
    templateVersion: row.template_version,
    cte: row.cte,
    format: row.format,
    fileName: row.file_name,
    fileSize: row.file_size,
    mode: row.mode,
    repeat: row.repeat,
    enterprise: row.enterprise,
    createdAt: iso(row.created_at) as string,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    rows: {
      total: row.rows_total,
      checked: row.rows_checked,
      stored: row.rows_stored,
      skipped: row.rows_skipped,
      invalid: row.rows_invalid,
      alreadyImported: alreadyImported(row),
    },
    problem: row.problem,
    errorCount: row.errorCount ?? errors.length,
    errors: errors.slice(0, reportedErrors),
    alreadyImportedRows: runRows((row.already_imported ?? []) as RowRun[], reportedRows),
    links: { self: `/api/imports/${row.id}`, errorsWorkbook: `/api/imports/${row.id}/errors.xlsx` },
  };
}

const columns = [
  'id',
  'enterprise',
  'created_by',
  'template',
  'template_version',
  'cte',
  'format',
  'file_name',
  'file_size',
  'mode',
  'repeat',
  'status',
  'rows_total',
  'rows_checked',
  'rows_stored',
  'rows_skipped',
  'rows_invalid',
  'problem',
  'errors',
  'already_imported',
  'attempts',
  'created_at',
  'started_at',
  'finished_at',
] as const;

/**
 * One import as the caller may see it (row-level security decides), without its file. The rows
 * already imported are kept as runs of consecutive rows; a file where every other row was imported
 * before has one run per row, so unless `allRows` only the first runs are read (enough for the
 * report's first `reportedRows` rows).
 */
export function findImport(db: Kysely<DB>, id: string, allRows = false): Promise<Row | undefined> {
  const query = db.selectFrom('imports').where('id', '=', id);
  if (allRows) return query.select(columns).executeTakeFirst();
  return query
    .select(columns.filter((c) => c !== 'already_imported'))
    .select(
      sql<unknown>`(SELECT coalesce(jsonb_agg(r ORDER BY n), '[]'::jsonb)
        FROM jsonb_array_elements(already_imported) WITH ORDINALITY AS x(r, n) WHERE n <= ${reportedRows})`.as(
        'already_imported',
      ),
    )
    .executeTakeFirst() as Promise<Row | undefined>;
}

/** The caller's recent imports (no error or row lists: errorCount and rows.alreadyImported only). */
export async function listImports(db: Kysely<DB>, limit: number): Promise<Row[]> {
  const rows = await db
    .selectFrom('imports')
    .select(columns.filter((c) => c !== 'errors' && c !== 'already_imported'))
    .select(sql<number>`jsonb_array_length(errors)`.as('error_count'))
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(({ error_count, ...r }) => ({
    ...r,
    errors: [],
    already_imported: [],
    errorCount: error_count,
  }));
}
