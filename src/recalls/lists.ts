import type { Principal } from '../auth/principal.js';
import { containing, type Page, paginate } from '../parties/paging.js';
import type { RecallsDb } from './db.js';
import { type NoticeListQuery, type RecallListQuery, type ReportListQuery, severityLabel } from './schema.js';
import { recallRow, recallView } from './service.js';

// The lists of recalls, notices and reports, paged; row-level security decides which rows.

export async function listRecalls(
  db: RecallsDb,
  query: RecallListQuery,
): Promise<Page<ReturnType<typeof recallView>>> {
  let q = db.selectFrom('recalls').selectAll();
  if (query.status) q = q.where('status', '=', query.status);
  if (query.q) {
    const like = containing(query.q);
    q = q.where((eb) =>
      eb.or([eb('title', 'like', like), eb('reason', 'like', like), eb('enterprise', 'like', like)]),
    );
  }
  return paginate(q.orderBy('opened_at', 'desc').orderBy('id', 'desc'), query, recallView);
}

/** Recall notices addressed to the caller's enterprise (all visible ones for regulators and admins). */
export async function listNotices(
  db: RecallsDb,
  principal: Principal,
  query: NoticeListQuery,
  now = new Date(),
) {
  let q = db
    .selectFrom('recall_holders as h')
    .innerJoin('recalls as r', 'r.id', 'h.recall_id')
    .select([
      'h.id',
      'h.recall_id',
      'h.party',
      'h.enterprise',
      'h.uom',
      'h.held',
      'h.status',
      'h.notified_at',
      'h.due_at',
      'h.reminders',
      'r.title',
      'r.reason',
      'r.severity',
      'r.ordered_by',
      'r.enterprise as recalling',
      'r.status as recall_status',
    ]);
  if (principal.enterprise) q = q.where('h.enterprise', '=', principal.enterprise);
  if (query.status) q = q.where('h.status', '=', query.status);
  return paginate(q.orderBy('h.notified_at', 'desc').orderBy('h.id', 'desc'), query, (h) => ({
    id: h.id,
    recall: h.recall_id,
    title: h.title,
    reason: h.reason,
    severity: h.severity,
    severityLabel: severityLabel[h.severity],
    orderedBy: h.ordered_by,
    recallingEnterprise: h.recalling,
    recallStatus: h.recall_status,
    party: h.party,
    uom: h.uom,
    held: h.held,
    status: h.status,
    notifiedAt: h.notified_at.toISOString(),
    dueAt: new Date(h.due_at).toISOString(),
    overdue: (h.status === 'notified' || h.status === 'acknowledged') && new Date(h.due_at) < now,
    reminders: h.reminders,
  }));
}

/**
 * The reports of a recall, newest first: every holder's for its managers, a holder's own for it
 * (row-level security); each with the holder's party and unit.
 */
export async function listReports(db: RecallsDb, id: string, query: ReportListQuery) {
  await recallRow(db, id);
  let q = db
    .selectFrom('recall_reports as p')
    .innerJoin('recall_holders as h', 'h.id', 'p.holder_id')
    .select([
      'p.id',
      'p.holder_id',
      'h.party',
      'h.enterprise',
      'h.uom',
      'p.found',
      'p.returned',
      'p.destroyed',
      'p.note',
      'p.reported_by',
      'p.reported_at',
    ])
    .where('p.recall_id', '=', id);
  if (query.holder) q = q.where('p.holder_id', '=', query.holder);
  return paginate(q.orderBy('p.reported_at', 'desc').orderBy('p.id', 'desc'), query, (r) => ({
    id: r.id,
    holder: r.holder_id,
    party: r.party,
    enterprise: r.enterprise,
    uom: r.uom,
    found: r.found,
    returned: r.returned,
    destroyed: r.destroyed,
    note: r.note,
    reportedBy: r.reported_by,
    reportedAt: r.reported_at.toISOString(),
  }));
}
