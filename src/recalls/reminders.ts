import { sql } from 'kysely';
import type { Jobs } from '../jobs/jobs.js';
import type { RecallsDb } from './db.js';
import { notifyHolders, queueDeliveries, sendDeliveryJobs } from './webhooks.js';

export const reminderQueue = 'recall-reminders';
/** Hourly; a silent holder is reminded at most once a day. */
export const reminderCron = '17 * * * *';
const interval = 86_400_000;

/**
 * Reminds the holders of open recalls that have not answered (still notified or only
 * acknowledged) past their deadline: counts the reminder, records it on the timeline and sends a
 * `recall.reminder` webhook. Also hands any notice not yet given to webhooks (a crash between a
 * recall's opening and its notification loses nothing). Runs as a durable singleton job.
 */
export async function remindSilentHolders(system: RecallsDb, jobs: Jobs, now = new Date()) {
  await notifyHolders(system, jobs);
  const since = new Date(now.getTime() - interval);
  const { count, deliveries } = await system.transaction().execute(async (trx) => {
    const reminded = await trx
      .updateTable('recall_holders as h')
      .set((eb) => ({ reminders: eb('h.reminders', '+', 1), last_reminded_at: now }))
      .where('h.status', 'in', ['notified', 'acknowledged'])
      .where('h.due_at', '<', now)
      .where((eb) => eb.or([eb('h.last_reminded_at', 'is', null), eb('h.last_reminded_at', '<', since)]))
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('recalls as r')
            .select('r.id')
            .whereRef('r.id', '=', 'h.recall_id')
            .where('r.status', '=', 'open'),
        ),
      )
      .returning(['h.id', 'h.recall_id', 'h.party', 'h.reminders'])
      .execute();
    if (reminded.length === 0) return { count: 0, deliveries: [] as string[] };
    await sql`INSERT INTO recall_actions (recall_id, at, actor, action, detail)
      SELECT r.recall_id, ${now}, 'system', 'reminded',
        jsonb_build_object('holder', r.id, 'party', r.party, 'reminders', r.reminders)
      FROM jsonb_to_recordset(${JSON.stringify(reminded)}::jsonb)
        AS r(id text, recall_id bigint, party text, reminders int)`.execute(trx);
    const ids = await queueDeliveries(
      trx,
      'recall.reminder',
      reminded.map((r) => r.id),
    );
    return { count: reminded.length, deliveries: ids };
  });
  await sendDeliveryJobs(jobs, deliveries);
  return { reminded: count, deliveries: deliveries.length };
}
