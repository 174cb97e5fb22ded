import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { awaitResolvers } from '../../resolver/freshness.js';
import type { ValidationIssue } from '../validation/index.js';
import { type ErrorBehaviour, jobDocument, processCapture } from './service.js';

const leaseSeconds = 120;
const maxAttempts = 3;
const pollMs = 1000;

/**
 * Runs queued capture jobs. A job is claimed with a lease (so several server processes share the
 * queue, and a job whose process died is taken up again when its lease ends); its events and its
 * final status commit in one transaction, so after a crash a job is either finished or queued
 * again, and after three failed attempts it is reported failed — never silently lost.
 */
export class CaptureWorker {
  private running = false;
  private loops: Promise<void>[] = [];
  private sleepers = new Set<() => void>();

  constructor(
    private readonly database: Database,
    private readonly log: FastifyBaseLogger,
    /** Jobs processed at once: the CPU work of one overlaps the database work of another. */
    private readonly concurrency = 1,
    /** The resolver lease length (SUYUAN_RESOLVER_LEASE_MS), the longest wait for resolvers. */
    private readonly leaseMs = 3000,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    const loops = this.database.kind === 'pglite' ? 1 : this.concurrency; // PGlite has one connection
    this.loops = [this.recover().then(() => this.run())];
    for (let i = 1; i < loops; i++) this.loops.push(this.run());
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await Promise.all(this.loops);
  }

  wake(): void {
    for (const wakeUp of this.sleepers) wakeUp();
  }

  /** Processes every claimable job now (tests and the CLI call this directly). */
  async drain(): Promise<number> {
    let done = 0;
    while (await this.runOne()) done++;
    return done;
  }

  private async recover(): Promise<void> {
    if (this.database.kind === 'pglite') {
      // The embedded database has exactly one owner (the data-folder lock): any job left
      // running belongs to a process that is gone, so it need not wait for its lease.
      await sql`UPDATE capture_jobs SET status = 'queued' WHERE status = 'running'`.execute(this.database.db);
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.drain();
      } catch (error) {
        this.log.error({ err: error }, 'capture worker error');
      }
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const wakeUp = () => {
          clearTimeout(timer);
          this.sleepers.delete(wakeUp);
          resolve();
        };
        const timer = setTimeout(wakeUp, pollMs);
        this.sleepers.add(wakeUp);
      });
    }
  }

  private async runOne(): Promise<boolean> {
    const { db } = this.database;
    const { rows } = await sql<{
      capture_id: string;
      attempts: number;
      error_behaviour: ErrorBehaviour;
      captured_by: string;
      enterprise: string | null;
    }>`
      UPDATE capture_jobs SET status = 'running', attempts = attempts + 1, started_at = now()
      WHERE capture_id = (
        SELECT capture_id FROM capture_jobs
        WHERE status = 'queued' OR (status = 'running' AND started_at < now() - make_interval(secs => ${leaseSeconds}))
        ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING capture_id, attempts, error_behaviour, captured_by, enterprise`.execute(db);
    const job = rows[0];
    if (!job) return false;
    if (job.attempts > maxAttempts) {
      await db
        .updateTable('capture_jobs')
        .set({
          status: 'failed',
          finished_at: new Date(),
          document: null,
          errors: JSON.stringify([
            { pointer: '', message: `capture failed ${maxAttempts} times; nothing was stored` },
          ]),
        })
        .where('capture_id', '=', job.capture_id)
        .execute();
      return true;
    }
    try {
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('capture_jobs')
          .select(['document', 'errors'])
          .where('capture_id', '=', job.capture_id)
          .executeTakeFirstOrThrow();
        const outcome = await processCapture(
          trx,
          jobDocument(job.capture_id, row.document),
          job.error_behaviour,
          job.capture_id,
          { principal: job.captured_by, enterprise: job.enterprise },
          row.errors as ValidationIssue[],
        );
        const failedWhole = job.error_behaviour === 'rollback' && !outcome.success;
        await trx
          .updateTable('capture_jobs')
          .set({
            status: outcome.success ? 'success' : 'failed',
            stored_count: outcome.stored,
            errors: JSON.stringify(outcome.errors.slice(0, 1000)),
            finished_at: new Date(),
            document: null,
          })
          .where('capture_id', '=', job.capture_id)
          .execute();
        if (failedWhole) this.log.info({ captureId: job.capture_id }, 'capture rejected');
      });
      // what the capture changed for resolvers (a recall, a destruction) is applied by every
      // resolving process before the next job, and before drain() returns
      if (this.database.kind === 'postgres') await awaitResolvers(db, this.leaseMs);
    } catch (error) {
      this.log.error({ err: error, captureId: job.capture_id }, 'capture job failed; will retry');
      await db
        .updateTable('capture_jobs')
        .set({ status: 'queued' })
        .where('capture_id', '=', job.capture_id)
        .where('status', '=', 'running')
        .execute();
    }
    return true;
  }
}
