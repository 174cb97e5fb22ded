import type { Kysely, Selectable } from 'kysely';
import type { CaptureJobTable, DB } from '../../db/types.js';

type Job = Selectable<CaptureJobTable>;

/** A principal sees only its own capture jobs; administrators see all. */
export async function getCaptureJob(
  db: Kysely<DB>,
  id: string,
  principalId: string,
): Promise<Job | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return db
    .selectFrom('capture_jobs')
    .selectAll()
    .where('capture_id', '=', id)
    .where('captured_by', '=', principalId)
    .executeTakeFirst();
}

export async function listCaptureJobs(db: Kysely<DB>, principalId: string, limit: number): Promise<Job[]> {
  return db
    .selectFrom('capture_jobs')
    .selectAll()
    .where('captured_by', '=', principalId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/** The capture job document of the EPCIS 2.0 REST binding. */
export function captureJobView(job: Job) {
  const running = job.status === 'queued' || job.status === 'running';
  return {
    captureID: job.capture_id,
    createdAt: job.created_at.toISOString(),
    ...(job.finished_at ? { finishedAt: new Date(job.finished_at).toISOString() } : {}),
    running,
    success: running ? (job.errors as unknown[]).length === 0 : job.status === 'success',
    captureErrorBehaviour: job.error_behaviour,
    eventCount: job.event_count,
    storedCount: job.stored_count,
    errors: job.errors as { pointer: string; message: string }[],
  };
}
