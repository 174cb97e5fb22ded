import type { FastifyBaseLogger } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB } from '../db/types.js';
import { checkFields } from '../templates/engine.js';
import type { RecordIssue, Template } from '../templates/model.js';
import { rowRuns, type SheetRowRef } from './already-imported.js';
import { FileProblem } from './grid.js';
import { type ImportIssue, type ReadSheet, readSheet, type SheetRow } from './read.js';
import { resolveUpload } from './sheets.js';
import { type ImportRow, importedEventId, importKey, occurrences, rowContent, storeRows } from './store.js';

/** Rows per storeRows call; all calls share one transaction. */
const defaultChunkSize = 1000;
/** Progress is written to the imports row at most this often (rows). */
const defaultProgressEvery = 5000;
/** Attempts before an import that keeps failing unexpectedly is marked failed. */
export const maxAttempts = 3;

export interface Progress {
  phase: 'reading' | 'checking' | 'storing' | 'done';
  total: number;
  checked: number;
  stored: number;
  /** Rows whose event an earlier import stored already: not stored again. */
  alreadyImported: number;
}

export interface RunOptions {
  now?: Date;
  log?: FastifyBaseLogger;
  /** Called at each step; the run waits for a returned promise. */
  onProgress?: (progress: Progress) => void | Promise<void>;
  /** Rows per storeRows call (default 1,000). */
  chunkSize?: number;
  /** Rows between progress writes to the imports row (default 5,000). */
  progressEvery?: number;
}

interface Pending {
  sheet: ReadSheet;
  row: SheetRow;
  record: ImportRow;
}

/** Names the cell a record issue points at ('/fields/expiryDate' → column of that field). */
function issueAt(sheet: ReadSheet, row: number, issue: RecordIssue): ImportIssue {
  const name = /^\/fields\/([^/]+)/.exec(issue.pointer)?.[1];
  const column = name ? sheet.columns.find((c) => c.field.name === name) : undefined;
  const field = name ? sheet.cte.fields.find((f) => f.name === name) : undefined;
  return {
    sheet: sheet.sheet,
    row,
    ...(column ? { column: column.letter, header: column.header } : field ? { header: field.label.zh } : {}),
    ...(name ? { field: name } : {}),
    message:
      column || !field
        ? issue.message
        : `${issue.message} (没有“${field.label.zh}”这一列: the column is missing)`,
  };
}

class Refused extends Error {
  constructor(readonly issues: ImportIssue[]) {
    super('refused');
  }
}

/**
 * Runs one import: reads the stored file, checks every row with the template engine, and stores
 * the rows through storeRows in ONE transaction, with the final status and report in that same
 * transaction. Under `rollback` one bad row stores nothing; under `proceed` the good rows are
 * stored. Rows the enterprise imported before (same eventID, see importedEventId) are counted as
 * already imported, listed by sheet and row, and not stored again; a repeat upload keys its rows'
 * eventIDs on the import itself, so they are new events (and stay one each if the job runs again).
 * Safe to run again after a crash: only a queued or running import is picked up, and a run that
 * died stored nothing.
 */
export async function runImport(database: Database, id: string, options: RunOptions = {}): Promise<void> {
  const db = database.db;
  const claimed = await db
    .updateTable('imports')
    .set({ status: 'running', started_at: new Date(), attempts: sql`attempts + 1` })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .returningAll()
    .executeTakeFirst();
  if (!claimed) return;
  const file = claimed.file;
  if (!file) {
    await db
      .updateTable('imports')
      .set({
        status: 'failed',
        problem: '文件已不再保存 (the file is no longer kept)',
        finished_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    return;
  }
  const now = options.now ?? new Date();
  const progress: Progress = { phase: 'reading', total: 0, checked: 0, stored: 0, alreadyImported: 0 };
  const chunkSize = options.chunkSize ?? defaultChunkSize;
  const progressEvery = options.progressEvery ?? defaultProgressEvery;
  const report = async (write: boolean) => {
    await options.onProgress?.({ ...progress });
    if (!write) return;
    await db
      .updateTable('imports')
      .set({ rows_total: progress.total, rows_checked: progress.checked, rows_stored: progress.stored })
      .where('id', '=', id)
      .execute();
  };
  const finish = (trx: Kysely<DB>, values: Record<string, unknown>) =>
    trx
      .updateTable('imports')
      .set({ ...values, finished_at: new Date() })
      .where('id', '=', id)
      .execute();
  try {
    const upload = await resolveUpload(db, {
      format: claimed.format,
      file,
      template: claimed.template,
      templateVersion: claimed.template_version,
      cte: claimed.cte,
    });
    const { template } = upload;
    await db
      .updateTable('imports')
      .set({ template: template.id, template_version: template.version })
      .where('id', '=', id)
      .execute();
    const sheets = upload.sheets.map((s) => readSheet(s.grid, s.cte, s.example));
    progress.total = sheets.reduce((n, s) => n + s.rows.length, 0);
    progress.phase = 'checking';
    await report(true);

    const issues: ImportIssue[] = sheets.flatMap((s) => s.issues);
    const pending: Pending[] = [];
    const badRows = new Set<string>();
    const occurrence = occurrences();
    const key = await importKey(db, claimed.enterprise);
    for (const sheet of sheets) {
      for (const row of sheet.rows) {
        const unreadable = new Set(row.issues.map((i) => i.field));
        const checked = checkFields(template, sheet.cte.id, row.fields, now);
        const found = [
          ...row.issues,
          ...checked.issues
            .map((i) => issueAt(sheet, row.row, i))
            .filter((i) => !i.field || !unreadable.has(i.field)),
        ];
        if (found.length > 0) {
          issues.push(...found);
          badRows.add(`${sheet.sheet}\u0000${row.row}`);
        } else {
          const content = rowContent(sheet.cte.id, checked.values);
          pending.push({
            sheet,
            row,
            record: {
              cte: sheet.cte.id,
              fields: row.fields,
              eventId: importedEventId(
                key,
                template.id,
                content,
                occurrence(content),
                claimed.repeat ? id : undefined,
              ),
            },
          });
        }
        progress.checked++;
        if (progress.checked % progressEvery === 0) await report(true);
      }
    }
    const skipped = sheets.reduce((n, s) => n + s.skipped, 0);
    const counts = { rows_total: progress.total, rows_checked: progress.checked, rows_skipped: skipped };
    if (claimed.mode === 'rollback' && issues.length > 0) {
      await finish(db, {
        ...counts,
        status: 'failed',
        rows_stored: 0,
        rows_invalid: badRows.size,
        errors: JSON.stringify(sortIssues(issues, sheets)),
      });
      progress.phase = 'done';
      await options.onProgress?.({ ...progress });
      return;
    }

    progress.phase = 'storing';
    await report(false);
    const capturer = { principal: claimed.created_by, enterprise: claimed.enterprise };
    // Another connection can record progress while the transaction runs on a server; PGlite has one.
    const liveProgress = database.kind === 'postgres';
    const present: SheetRowRef[] = [];
    try {
      await db.transaction().execute(async (trx) => {
        // One enterprise's imports store one at a time: a concurrent import of the same rows would
        // otherwise insert them between this one's look-up and its insert (a row whose CTE has no
        // time field then differs in eventTime and is refused as a conflicting eventID), and two
        // overlapping files written in different orders could deadlock. Imports of different
        // enterprises never meet (their eventIDs are keyed apart) and do not wait for each other.
        await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`suyuan-import:${claimed.enterprise ?? ''}`}, 0))`.execute(
          trx,
        );
        for (let start = 0; start < pending.length; start += chunkSize) {
          const chunk = pending.slice(start, start + chunkSize);
          const result = await storeRows(
            trx,
            capturer,
            template,
            chunk.map((p) => p.record),
            claimed.mode,
            now,
          );
          progress.alreadyImported += result.present.length;
          for (const index of result.present) {
            const p = chunk[index] as Pending;
            present.push({ sheet: p.sheet.sheet, row: p.row.row });
          }
          const refused = result.issues.map((i) => {
            const p = chunk[i.index] as Pending;
            badRows.add(`${p.sheet.sheet}\u0000${p.row.row}`);
            return issueAt(p.sheet, p.row.row, i);
          });
          if (claimed.mode === 'rollback' && refused.length > 0) throw new Refused(refused);
          issues.push(...refused);
          const before = progress.stored;
          progress.stored += result.stored;
          await report(
            liveProgress && Math.floor(before / progressEvery) < Math.floor(progress.stored / progressEvery),
          );
        }
        await finish(trx, {
          ...counts,
          // proceed: succeeded when some row is in (stored now or before) or nothing was wrong
          status:
            issues.length > 0 && progress.stored + progress.alreadyImported === 0 ? 'failed' : 'succeeded',
          rows_stored: progress.stored,
          rows_invalid: badRows.size,
          errors: JSON.stringify(sortIssues(issues, sheets)),
          // pending (and so present) is in sheet and row order
          already_imported: JSON.stringify(rowRuns(present)),
        });
      });
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      progress.stored = 0;
      progress.alreadyImported = 0;
      await finish(db, {
        ...counts,
        status: 'failed',
        rows_stored: 0,
        rows_invalid: badRows.size,
        errors: JSON.stringify(sortIssues([...issues, ...error.issues], sheets)),
      });
    }
    progress.phase = 'done';
    await options.onProgress?.({ ...progress });
  } catch (error) {
    if (error instanceof FileProblem) {
      await finish(db, { status: 'failed', problem: error.message, rows_stored: 0 });
      return;
    }
    options.log?.error({ err: error, import: id }, 'import failed');
    if (claimed.attempts >= maxAttempts) {
      await finish(db, {
        status: 'failed',
        rows_stored: 0,
        problem: `导入失败，已记录日志 (the import failed ${maxAttempts} times with an internal error; it has been logged)`,
      });
      return;
    }
    throw error;
  }
}

/** In sheet order, then row, then column (A … Z, AA …). */
function sortIssues(issues: ImportIssue[], sheets: ReadSheet[]): ImportIssue[] {
  const order = new Map(sheets.map((s, i) => [s.sheet, i]));
  return issues.sort(
    (a, b) =>
      (order.get(a.sheet) ?? 0) - (order.get(b.sheet) ?? 0) ||
      a.row - b.row ||
      (a.column ?? '~~~').length - (b.column ?? '~~~').length ||
      (a.column ?? '~~~').localeCompare(b.column ?? '~~~'),
  );
}

export type { Template };
