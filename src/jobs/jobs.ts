import type { FastifyBaseLogger } from 'fastify';
import PgBoss from 'pg-boss';
import type { Database } from '../db/database.js';

/**
 * Durable background jobs (imports, scheduled rules, reminders) on pg-boss 10, in the platform's
 * own database (schema `pgboss`, created and migrated by pg-boss on start). Jobs survive restarts;
 * a queue created with policy `singleton` never runs two jobs at once, and cron schedules fire
 * once per tick across all processes. The capture worker keeps its own table (capture_jobs),
 * because its job status is part of the EPCIS capture interface.
 */
export interface Jobs {
  readonly boss: PgBoss;
  /**
   * Declares a queue and, when workers run in this process, its handler. Call it from a
   * capability's routes plugin; handlers run one job at a time per queue in this process.
   */
  define<T extends object>(
    queue: string,
    options: QueueOptions,
    handler: (job: PgBoss.Job<T>) => Promise<void>,
  ): Promise<void>;
  send<T extends object>(queue: string, data: T, options?: PgBoss.SendOptions): Promise<string | null>;
  /** True when this process runs handlers (false in tests and CLI commands that only enqueue). */
  readonly working: boolean;
}

export interface QueueOptions {
  policy?: 'standard' | 'short' | 'singleton' | 'stately';
  /** Cron expression (UTC) on which an empty job is sent to the queue. */
  cron?: string;
  retryLimit?: number;
  expireInSeconds?: number;
}

export async function startJobs(
  database: Database,
  log: FastifyBaseLogger,
  working: boolean,
): Promise<Jobs & { stop(): Promise<void> }> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => database.pool.query(text, values) },
    schema: 'pgboss',
    supervise: working,
    schedule: working,
    migrate: true,
  });
  boss.on('error', (error) => log.error({ err: error }, 'job queue error'));
  await boss.start();
  return {
    boss,
    working,
    async define(queue, options, handler) {
      const { cron, ...queueOptions } = options;
      if (!(await boss.getQueue(queue))) await boss.createQueue(queue, { name: queue, ...queueOptions });
      if (cron) await boss.schedule(queue, cron, {}, { tz: 'UTC' });
      if (!working) return;
      await boss.work(queue, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async (jobs) => {
        for (const job of jobs) await handler(job as PgBoss.Job<never>);
      });
    },
    send: (queue, data, options) => boss.send(queue, data, options ?? {}),
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }),
  };
}
