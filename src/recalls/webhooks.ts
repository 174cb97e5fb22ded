import { randomBytes } from 'node:crypto';
import type { Principal } from '../auth/principal.js';
import { DomainError } from '../http/errors.js';
import type { Jobs } from '../jobs/jobs.js';
import type { RecallsDb } from './db.js';
import type { WebhookBody } from './schema.js';
import { sign, signatureHeader } from './webhook-signature.js';
import { literalTargetProblem, postToTarget, RefusedTarget } from './webhook-target.js';

export const deliveryQueue = 'recall-webhook';
/** The first try and 8 retries (the job's retryLimit); then the delivery is marked failed. */
export const retries = 8;
const maxAttempts = retries + 1;
/** Active webhooks an enterprise may have: each notice is one POST per webhook. */
export const maxWebhooks = 10;

export async function registerWebhook(
  db: RecallsDb,
  principal: Principal,
  body: WebhookBody,
  allowPrivate: boolean,
) {
  if (!principal.enterprise) throw new DomainError('FORBIDDEN', 'Webhooks belong to an enterprise');
  const problem = literalTargetProblem(body.url, allowPrivate);
  if (problem)
    throw new DomainError('VALIDATION_FAILED', `The platform does not call ${problem}`, [
      { pointer: '/url', message: `${problem} is not allowed` },
    ]);
  const active = await db
    .selectFrom('webhooks')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('enterprise', '=', principal.enterprise)
    .where('active', '=', true)
    .executeTakeFirst();
  if (Number(active?.n ?? 0) >= maxWebhooks)
    throw new DomainError('CONFLICT', `An enterprise has at most ${maxWebhooks} webhooks: remove one first`);
  const secret = randomBytes(24).toString('base64url');
  const row = await db
    .insertInto('webhooks')
    .values({
      enterprise: principal.enterprise,
      url: body.url,
      secret,
      events: body.events ?? ['recall.notice', 'recall.reminder'],
      created_by: principal.id,
    })
    .returning(['id', 'url', 'events', 'created_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, url: row.url, events: row.events, secret, createdAt: row.created_at.toISOString() };
}

export async function listWebhooks(db: RecallsDb) {
  const rows = await db
    .selectFrom('webhooks')
    .select(['id', 'enterprise', 'url', 'events', 'active', 'created_at'])
    .where('active', '=', true)
    .orderBy('id')
    .execute();
  // The secret is shown once, at registration; never again.
  return {
    items: rows.map((r) => ({
      id: r.id,
      enterprise: r.enterprise,
      url: r.url,
      events: r.events,
      active: r.active,
      createdAt: r.created_at.toISOString(),
    })),
    total: rows.length,
  };
}

export async function removeWebhook(db: RecallsDb, id: string): Promise<void> {
  const done = await db
    .updateTable('webhooks')
    .set({ active: false })
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) throw new DomainError('NOT_FOUND', `No webhook ${id}`);
}

/**
 * Writes a delivery for every active webhook of the holders' enterprises that wants this event,
 * and returns their ids for the job queue. System work (the holders are other enterprises).
 */
export async function queueDeliveries(
  system: RecallsDb,
  event: 'recall.notice' | 'recall.reminder',
  holderIds: string[],
): Promise<string[]> {
  if (holderIds.length === 0) return [];
  const holders = await system
    .selectFrom('recall_holders as h')
    .innerJoin('recalls as r', 'r.id', 'h.recall_id')
    .innerJoin('webhooks as w', (j) => j.onRef('w.enterprise', '=', 'h.enterprise').on('w.active', '=', true))
    .select([
      'w.id as webhook',
      'w.events',
      'h.id as holder',
      'h.party',
      'h.enterprise',
      'h.uom',
      'h.held',
      'h.due_at',
      'r.id as recall',
      'r.title',
      'r.reason',
      'r.severity',
      'r.ordered_by',
      'r.enterprise as recalling',
      'r.opened_at',
    ])
    .where('h.id', 'in', holderIds)
    .execute();
  const wanted = holders.filter((h) => h.events.includes(event));
  if (wanted.length === 0) return [];
  const rows = await system
    .insertInto('webhook_deliveries')
    .values(
      wanted.map((h) => ({
        webhook_id: h.webhook,
        event,
        payload: JSON.stringify({
          event,
          recall: {
            id: h.recall,
            title: h.title,
            reason: h.reason,
            severity: h.severity,
            orderedBy: h.ordered_by,
            enterprise: h.recalling,
            openedAt: h.opened_at.toISOString(),
            url: `/api/recalls/${h.recall}`,
          },
          notice: {
            id: h.holder,
            party: h.party,
            enterprise: h.enterprise,
            uom: h.uom,
            held: h.held,
            dueAt: new Date(h.due_at).toISOString(),
            report: `/api/recalls/${h.recall}/reports`,
          },
        }),
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Hands new notices of a recall to webhooks (once per holder) and enqueues their delivery jobs. */
export async function notifyHolders(system: RecallsDb, jobs: Jobs, recallId?: string): Promise<number> {
  // The flag and the delivery rows change together; the jobs are sent after the commit.
  const deliveries = await system.transaction().execute(async (trx) => {
    let q = trx
      .updateTable('recall_holders')
      .set({ webhook_queued: true })
      .where('webhook_queued', '=', false)
      .where('enterprise', 'is not', null);
    if (recallId) q = q.where('recall_id', '=', recallId);
    const holders = await q.returning('id').execute();
    return queueDeliveries(
      trx,
      'recall.notice',
      holders.map((h) => h.id),
    );
  });
  await sendDeliveryJobs(jobs, deliveries);
  return deliveries.length;
}

export async function sendDeliveryJobs(jobs: Jobs, deliveries: string[]): Promise<void> {
  for (const id of deliveries)
    await jobs.send(
      deliveryQueue,
      { delivery: id },
      { retryLimit: retries, retryDelay: 30, retryBackoff: true },
    );
}

/**
 * POSTs one delivery, signed with the time of this attempt: a retry hours later must still verify
 * within the receiver's tolerance. Throws on failure so the job queue retries it (with backoff);
 * the delivery row records every attempt.
 */
export async function deliver(
  system: RecallsDb,
  id: string,
  options: { allowPrivate: boolean; timeoutMs?: number; now?: Date },
): Promise<void> {
  const row = await system
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
    .select(['d.id', 'd.event', 'd.payload', 'd.status', 'w.url', 'w.secret', 'w.active'])
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (row?.status !== 'pending') return;
  if (!row.active) {
    await system
      .updateTable('webhook_deliveries')
      .set({ status: 'failed', last_error: 'the webhook was removed' })
      .where('id', '=', id)
      .execute();
    return;
  }
  const body = JSON.stringify({ id: row.id, ...row.payload });
  let status: number | null = null;
  let error: string | null = null;
  try {
    status = await postToTarget(
      row.url,
      {
        'content-type': 'application/json',
        'x-suyuan-event': row.event,
        'x-suyuan-delivery': row.id,
        [signatureHeader]: sign(row.secret, body, options.now ?? new Date()),
      },
      body,
      { allowPrivate: options.allowPrivate, timeoutMs: options.timeoutMs ?? 10_000 },
    );
    if (status < 200 || status > 299) error = `HTTP ${status}`;
  } catch (e) {
    if (e instanceof RefusedTarget) {
      await system
        .updateTable('webhook_deliveries')
        .set((eb) => ({ status: 'failed', attempts: eb('attempts', '+', 1), last_error: e.message }))
        .where('id', '=', id)
        .execute();
      return;
    }
    error = (e as Error).message;
  }
  const updated = await system
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_status: status,
      last_error: error,
      ...(error ? {} : { status: 'delivered' as const, delivered_at: new Date() }),
    }))
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirst();
  if (!error) return;
  if ((updated?.attempts ?? 0) >= maxAttempts) {
    await system.updateTable('webhook_deliveries').set({ status: 'failed' }).where('id', '=', id).execute();
    return;
  }
  throw new Error(`webhook delivery ${id} failed: ${error}`);
}
