import type { FastifyInstance } from 'fastify';
import { maxAttempts, runImport } from './run.js';

/** The pg-boss queue of imports; a job carries only the import id (the file is in `imports`). */
export const importQueue = 'imports';

export interface ImportJob {
  id: string;
}

/**
 * Declares the queue (stately: at most one queued and one running job per import id) and, when
 * this process runs workers, its handler.
 */
export async function defineImportJob(app: FastifyInstance): Promise<void> {
  await app.jobs.define<ImportJob>(
    importQueue,
    { policy: 'stately', retryLimit: maxAttempts - 1, expireInSeconds: 3600 },
    async (job) => runImport(app.database, job.data.id, { log: app.log }),
  );
  if (!app.jobs.working) return;
  // The upload is committed before its job is sent: an import whose job was lost between the two
  // (a crash in that instant) is sent again when a worker starts.
  const stranded = await app.database.db
    .selectFrom('imports')
    .select('id')
    .where('status', '=', 'queued')
    .where('created_at', '<', new Date(Date.now() - 10 * 60_000))
    .execute();
  for (const { id } of stranded) await enqueueImport(app, id);
}

export async function enqueueImport(app: FastifyInstance, id: string): Promise<void> {
  // One job per import at a time, however often it is sent (the sweep below may send it again).
  await app.jobs.send<ImportJob>(
    importQueue,
    { id },
    { retryLimit: maxAttempts - 1, expireInSeconds: 3600, singletonKey: id },
  );
}

/**
 * Runs the queued import jobs in this process and marks them done: what the worker does, for
 * tests and tools that build the app without workers. Returns how many ran.
 */
export async function drainImports(app: FastifyInstance): Promise<number> {
  let ran = 0;
  for (;;) {
    const jobs = await app.jobs.boss.fetch<ImportJob>(importQueue, { batchSize: 20 });
    if (jobs.length === 0) return ran;
    for (const job of jobs) {
      try {
        await runImport(app.database, job.data.id, { log: app.log });
        await app.jobs.boss.complete(importQueue, job.id);
      } catch (error) {
        await app.jobs.boss.fail(importQueue, job.id, { message: (error as Error).message });
        throw error;
      }
      ran++;
    }
  }
}
