import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { warningsDb } from './db.js';
import { raise } from './raise.js';
import { rules } from './rules/index.js';
import { sqlParam } from './settings.js';

/** The scheduled scan: a pg-boss queue with policy singleton (never two runs at once). */
export const scanQueue = 'warnings.scan';
/** Every ten minutes (UTC cron); pg-boss fires it once per tick across all processes. */
export const scanCron = '*/10 * * * *';

export class ScanInterrupted extends Error {
  constructor() {
    super('the warnings scan was interrupted by a shutdown; the job is retried');
  }
}

/** Test seam: runs inside each rule's transaction before it commits. */
export const scanHooks: {
  beforeCommit?: (rule: string, signal: AbortSignal, jobId: string) => Promise<void>;
} = {};

export interface ScanResult {
  raised: number;
  /** Rules run by this attempt (rules finished by an earlier attempt of the job are skipped). */
  ran: string[];
}

/**
 * Runs the rules that look at what time passing makes wrong, for one job. Each rule runs and is
 * marked done in its own transaction, so a job retried after a stop (or a crash) resumes after the
 * last finished rule; a rule cut off midway left nothing behind and runs again. The job's judging
 * time is fixed at its first attempt, so a resumed run judges as the interrupted one did. Open
 * warnings are never raised twice (unique index), whatever happens.
 */
export async function runScan(
  database: Database,
  jobId: string,
  signal: AbortSignal,
  now: Date = new Date(),
): Promise<ScanResult> {
  const db = warningsDb(database.db);
  const { rows } = await sql<{ scan_time: Date; finished_at: Date | null }>`
    INSERT INTO warning_runs (job_id, scan_time) VALUES (${jobId}, ${now})
    ON CONFLICT (job_id) DO UPDATE SET attempts = warning_runs.attempts + 1
    RETURNING scan_time, finished_at`.execute(database.db);
  const run = rows[0];
  const result: ScanResult = { raised: 0, ran: [] };
  if (!run || run.finished_at) return result;
  const scanTime = new Date(run.scan_time);
  const { rows: last } = await sql<{ since: Date | null }>`
    SELECT max(scan_time) AS since FROM warning_runs
    WHERE finished_at IS NOT NULL AND scan_time < ${scanTime} AND job_id <> ${jobId}`.execute(database.db);
  const since = last[0]?.since ? new Date(last[0].since) : null;
  const done = new Set(
    (await db.selectFrom('warning_run_rules').select('rule').where('job_id', '=', jobId).execute()).map(
      (r) => r.rule,
    ),
  );
  for (const rule of rules) {
    if (!rule.onSchedule || done.has(rule.id)) continue;
    if (signal.aborted) throw new ScanInterrupted();
    await database.db.transaction().execute(async (trx) => {
      const select = rule.onSchedule?.({
        trx,
        now: scanTime,
        since,
        param: (name, enterprise) => sqlParam(rule, name, enterprise),
      });
      const raised = select ? await raise(trx, rule, select, 'schedule') : 0;
      await scanHooks.beforeCommit?.(rule.id, signal, jobId);
      if (signal.aborted) throw new ScanInterrupted();
      await warningsDb(trx)
        .insertInto('warning_run_rules')
        .values({ job_id: jobId, rule: rule.id, raised })
        .execute();
      result.raised += raised;
    });
    result.ran.push(rule.id);
  }
  await db.updateTable('warning_runs').set({ finished_at: new Date() }).where('job_id', '=', jobId).execute();
  // the progress of runs is needed while they may be retried, not for ever
  await sql`DELETE FROM warning_runs WHERE finished_at < ${scanTime}::timestamptz - interval '30 days'`.execute(
    database.db,
  );
  return result;
}
