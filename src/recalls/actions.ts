import type { Principal } from '../auth/principal.js';
import { DomainError } from '../http/errors.js';
import type { RecallsDb } from './db.js';
import { refuseReadOnly } from './rights.js';
import type { CloseBody, ReportBody } from './schema.js';
import { type RecallRow, recallRow, roleIn } from './service.js';

// What holders and managers do with a recall: acknowledge, report quantities, close.

/** The holder rows the caller answers for in this recall (its own, or the one named). */
async function holderRows(db: RecallsDb, principal: Principal, id: string, holder?: string) {
  let q = db.selectFrom('recall_holders').selectAll().where('recall_id', '=', id);
  if (holder) q = q.where('id', '=', holder);
  else if (principal.enterprise) q = q.where('enterprise', '=', principal.enterprise);
  else
    throw new DomainError('VALIDATION_FAILED', 'Which holder?', [
      { pointer: '/holder', message: 'required when reporting for another party' },
    ]);
  const rows = await q.forUpdate().execute();
  if (rows.length === 0) throw new DomainError('NOT_FOUND', `You hold nothing of recall ${id}`);
  return rows;
}

function refuseUnlessOpen(recall: RecallRow): void {
  if (recall.status !== 'open') throw new DomainError('CONFLICT', `Recall ${recall.id} is closed`);
}

export async function acknowledge(db: RecallsDb, principal: Principal, id: string): Promise<void> {
  refuseReadOnly(principal);
  const recall = await recallRow(db, id);
  refuseUnlessOpen(recall);
  const rows = await holderRows(db, principal, id);
  const changed = await db
    .updateTable('recall_holders')
    .set({ status: 'acknowledged', acknowledged_at: new Date() })
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .where('status', '=', 'notified')
    .returning('id')
    .execute();
  // A repeated acknowledgement changes nothing and adds nothing to the timeline.
  if (changed.length > 0)
    await db
      .insertInto('recall_actions')
      .values({
        recall_id: id,
        actor: principal.id,
        action: 'acknowledged',
        detail: JSON.stringify({ holders: changed.map((r) => r.id) }),
      })
      .execute();
}

/** A holder's quantities to date: found, and of those returned and destroyed. */
export async function report(db: RecallsDb, principal: Principal, id: string, body: ReportBody) {
  refuseReadOnly(principal);
  const recall = await recallRow(db, id);
  refuseUnlessOpen(recall);
  const rows = await holderRows(db, principal, id, body.holder);
  if (rows.length > 1)
    throw new DomainError('VALIDATION_FAILED', 'You hold this recall in several units: name the holder row', [
      { pointer: '/holder', message: `one of ${rows.map((r) => r.id).join(', ')}` },
    ]);
  const holder = rows[0] as (typeof rows)[number];
  // A correction after the final report keeps the holder completed.
  const status = body.final || holder.status === 'completed' ? 'completed' : 'reported';
  if (body.returned + body.destroyed > body.found)
    throw new DomainError('VALIDATION_FAILED', 'Returned and destroyed are part of what was found', [
      { pointer: '/found', message: 'must be at least returned + destroyed' },
    ]);
  await db
    .insertInto('recall_reports')
    .values({
      recall_id: id,
      holder_id: holder.id,
      found: body.found,
      returned: body.returned,
      destroyed: body.destroyed,
      note: body.note ?? null,
      reported_by: principal.id,
    })
    .execute();
  await db
    .updateTable('recall_holders')
    .set({
      found: body.found,
      returned: body.returned,
      destroyed: body.destroyed,
      status,
      acknowledged_at: holder.acknowledged_at ?? new Date(),
    })
    .where('id', '=', holder.id)
    .execute();
  await db
    .insertInto('recall_actions')
    .values({
      recall_id: id,
      actor: principal.id,
      action: body.final ? 'completed' : 'reported',
      detail: JSON.stringify({
        holder: holder.id,
        party: holder.party,
        found: body.found,
        returned: body.returned,
        destroyed: body.destroyed,
      }),
    })
    .execute();
  return { holder: holder.id, status };
}

/** Closes a recall with its closure summary; a regulator's order is closed by a regulator. */
export async function closeRecall(db: RecallsDb, principal: Principal, id: string, body: CloseBody) {
  refuseReadOnly(principal);
  const recall = await recallRow(db, id, true);
  if ((await roleIn(db, id)) !== 'manager')
    throw new DomainError('FORBIDDEN', 'Only the recalling enterprise or its regulators close a recall');
  refuseUnlessOpen(recall);
  if (recall.ordered_by === 'regulator' && principal.enterprise)
    throw new DomainError('FORBIDDEN', 'A recall ordered by a regulator is closed by a regulator');
  await db
    .updateTable('recalls')
    .set({ status: 'closed', closed_at: new Date(), closed_by: principal.id, closure: body.summary })
    .where('id', '=', id)
    .execute();
  await db
    .insertInto('recall_actions')
    .values({
      recall_id: id,
      actor: principal.id,
      action: 'closed',
      detail: JSON.stringify({ summary: body.summary }),
    })
    .execute();
}
