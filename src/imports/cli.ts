import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { Principal } from '../auth/principal.js';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { asPrincipal } from '../db/scoped.js';
import { DomainError } from '../http/errors.js';
import { describeRuns, type RowRun } from './already-imported.js';
import { errorsWorkbook } from './errors-workbook.js';
import type { ImportIssue } from './read.js';
import { findImport, importView } from './report.js';
import { type Progress, runImport } from './run.js';
import { createImport, type ImportMode } from './submit.js';

export interface ImportCommandOptions {
  template?: string;
  cte?: string;
  mode: string;
  /** Store rows equal to ones imported before as new events. */
  repeat?: boolean;
  enterprise?: string;
  /** Write the copy with its error and status columns here when rows are bad or already imported. */
  errors?: string;
  sizeLimit: number;
}

const phaseNames: Record<Progress['phase'], string> = {
  reading: '读取 reading',
  checking: '检查 checking',
  storing: '存储 storing',
  done: '完成 done',
};

/** The report as text: the same content as GET /api/imports/{id}. */
export function formatReport(
  view: ReturnType<typeof importView>,
  allErrors: ImportIssue[],
  alreadyImported: RowRun[] = [],
): string {
  const lines = [
    `import ${view.id}: ${view.status === 'succeeded' ? '成功 succeeded' : view.status === 'failed' ? '失败 failed' : view.status}`,
    `template ${view.template ?? '?'}@${view.templateVersion ?? '?'}, CTE ${view.cte ?? 'all'}, mode ${view.mode}${view.repeat ? ', repeat (rows equal to earlier imports stored as new events)' : ''}`,
    `rows: ${view.rows.total ?? 0} read, ${view.rows.checked} checked, ${view.rows.stored} stored, ${view.rows.alreadyImported} already imported (not stored again), ${view.rows.skipped} skipped (empty or example), ${view.rows.invalid} with errors`,
  ];
  if (view.problem) lines.push(`problem: ${view.problem}`);
  if (alreadyImported.length > 0)
    lines.push(
      `已导入过，未重复保存 already imported, not stored again (rows): ${describeRuns(alreadyImported)}`,
      '  to store them again as new events (a new delivery identical to an earlier one), import with --repeat',
    );
  if (allErrors.length > 0) {
    lines.push(`errors (${allErrors.length}):`);
    for (const e of allErrors) {
      const cell = e.column ? `${e.column}${e.row}` : `row ${e.row}`;
      lines.push(`  ${e.sheet}!${cell}${e.header ? ` ${e.header}` : ''}: ${e.message}`);
    }
  }
  if (view.status === 'failed' && view.mode === 'rollback' && !view.problem)
    lines.push(
      'nothing was stored (rollback); fix the rows above, or use --mode proceed to store the good rows',
    );
  return lines.join('\n');
}

function progressBar(): { update(p: Progress): void; stop(): void } {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: '{phase} {bar} {value}/{total} rows {duration_formatted}', stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      const value = p.phase === 'storing' || p.phase === 'done' ? p.stored : p.checked;
      if (!started) {
        bar.start(p.total, value, { phase: phaseNames[p.phase].padEnd(14) });
        started = true;
      }
      bar.setTotal(p.total);
      bar.update(value, { phase: phaseNames[p.phase].padEnd(14) });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/**
 * `suyuan import FILE`: the same import as POST /api/imports, run in this process with a progress
 * bar. Runs as a platform operator (the CLI has the database itself) for the given enterprise.
 * Returns the exit code: 0 when the import succeeded.
 */
export async function importFile(
  database: Database,
  path: string,
  options: ImportCommandOptions,
): Promise<number> {
  if (options.mode !== 'rollback' && options.mode !== 'proceed') {
    console.error(`--mode must be rollback or proceed, not ${options.mode}`);
    return 2;
  }
  const file = readFileSync(path);
  if (file.length > options.sizeLimit) {
    console.error(
      `${path} has ${file.length} bytes; imports accept at most ${options.sizeLimit} (SUYUAN_IMPORT_FILE_SIZE_LIMIT)`,
    );
    return 2;
  }
  const format =
    extname(path).toLowerCase() === '.csv' || file.subarray(0, 2).toString('latin1') !== 'PK'
      ? 'csv'
      : 'xlsx';
  const principal: Principal = {
    id: 'cli',
    kind: 'user',
    scopes: new Set(['admin']),
    ...(options.enterprise ? { enterprise: options.enterprise.toUpperCase() } : {}),
  };
  let id: string;
  try {
    id = await asPrincipal(database, principal, (trx) =>
      createImport(trx, principal, {
        file,
        format,
        fileName: basename(path),
        template: options.template,
        cte: options.cte,
        mode: options.mode as ImportMode,
        repeat: options.repeat ?? false,
        enterprise: options.enterprise,
      }),
    );
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const where = (e: { pointer: string; message: string }) =>
      e.message === error.message ? `  at ${e.pointer}` : `  ${e.pointer}: ${e.message}`;
    console.error([error.message, ...error.errors.map(where)].join('\n'));
    return 2;
  }
  const bar = progressBar();
  try {
    await runImport(database, id, { onProgress: (p) => bar.update(p) });
  } finally {
    bar.stop();
  }
  const row = await findImport(database.db, id, true);
  if (!row) throw new Error(`import ${id} vanished`);
  const errors = row.errors as ImportIssue[];
  const alreadyImported = row.already_imported as RowRun[];
  console.log(formatReport(importView(row), errors, alreadyImported));
  if (options.errors && (errors.length > 0 || alreadyImported.length > 0) && !row.problem) {
    writeFileSync(options.errors, await errorsWorkbook(format, file, errors, alreadyImported));
    console.log(`the file with its error and status columns: ${options.errors}`);
  }
  return row.status === 'succeeded' ? 0 : 1;
}

type WithDatabase = <T>(fn: (database: Database, config: Config) => Promise<T>) => Promise<T>;

/** Adds `suyuan import FILE --template … --cte …` to the CLI. */
export function registerImportCommand(program: Command, withDatabase: WithDatabase): void {
  program
    .command('import <file>')
    .description(
      'import an Excel workbook (.xlsx) or CSV file of template records, with a progress bar and a report',
    )
    .option(
      '--template <id>',
      'template id (or id@version); required for CSV and workbooks not made by suyuan',
    )
    .option('--cte <id>', 'CTE id (or all); required for CSV')
    .option(
      '--mode <mode>',
      'rollback (store nothing if any row is bad) or proceed (store the good rows)',
      'rollback',
    )
    .option(
      '--repeat',
      'store rows equal to ones imported before as new events (a new delivery identical to an earlier one)',
    )
    .option('--enterprise <creditCode>', 'the enterprise (统一社会信用代码) the events belong to')
    .option(
      '--errors <file.xlsx>',
      'when rows are bad or already imported, write a copy of the file with an error and a status column here',
    )
    .action((file: string, options: Omit<ImportCommandOptions, 'sizeLimit'>) =>
      withDatabase(async (database, config) => {
        process.exitCode = await importFile(database, file, {
          ...options,
          sizeLimit: config.SUYUAN_IMPORT_FILE_SIZE_LIMIT,
        });
      }),
    );
}
