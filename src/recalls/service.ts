import { sql } from 'kysely';
import { DomainError } from '../http/errors.js';
import type { RecallsDb } from './db.js';
import { severityLabel } from './schema.js';

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** The caller's part in a recall: manager (opener, its regulators, admins), holder, or none. */
export async function roleIn(db: RecallsDb, id: string): Promise<'manager' | 'holder' | null> {
  const { rows } = await sql<{ role: 'manager' | 'holder' | null }>`
    SELECT suyuan_recall_role(${id}::bigint) AS role`.execute(db);
  return rows[0]?.role ?? null;
}

export async function recallRow(db: RecallsDb, id: string, lock = false) {
  let query = db.selectFrom('recalls').selectAll().where('id', '=', id);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `No recall ${id}`);
  return row;
}

export type RecallRow = Awaited<ReturnType<typeof recallRow>>;

export function recallView(r: RecallRow) {
  return {
    id: r.id,
    enterprise: r.enterprise,
    region: r.region,
    orderedBy: r.ordered_by,
    title: r.title,
    reason: r.reason,
    severity: r.severity,
    severityLabel: severityLabel[r.severity],
    targets: r.targets,
    status: r.status,
    openedAt: r.opened_at.toISOString(),
    completeBy: new Date(r.opened_at.getTime() + r.complete_days * 86_400_000).toISOString(),
    closedAt: r.closed_at?.toISOString() ?? null,
    closure: r.closure,
  };
}

/** Every identifier a recall covers (for its managers; row-level security hides them from others). */
export async function affectedCodes(db: RecallsDb, id: string): Promise<string[]> {
  const rows = await db
    .selectFrom('recall_codes')
    .select('uri')
    .where('recall_id', '=', id)
    .orderBy('uri')
    .execute();
  return rows.map((r) => r.uri);
}

/** One recall: impact, holders with status, progress by quantity and by holder, timeline, regions. */
export async function getRecall(db: RecallsDb, id: string, now = new Date()) {
  const recall = await recallRow(db, id);
  const role = await roleIn(db, id);
  const holders = await db
    .selectFrom('recall_holders')
    .selectAll()
    .where('recall_id', '=', id)
    .orderBy('id')
    .execute();
  const manager = role === 'manager';
  const actions = manager
    ? await db
        .selectFrom('recall_actions')
        .selectAll()
        .where('recall_id', '=', id)
        .orderBy('at')
        .orderBy('id')
        .execute()
    : [];
  const codes = manager
    ? await db
        .selectFrom('recall_codes')
        .select('uri')
        .where('recall_id', '=', id)
        .orderBy('uri')
        .limit(1000)
        .execute()
    : [];
  const byUnit = new Map<
    string,
    { uom: string | null; held: number; found: number; returned: number; destroyed: number }
  >();
  for (const h of holders) {
    const key = h.uom ?? '';
    const u = byUnit.get(key) ?? { uom: h.uom, held: 0, found: 0, returned: 0, destroyed: 0 };
    u.held += h.held;
    u.found += h.found;
    u.returned += h.returned;
    u.destroyed += h.destroyed;
    byUnit.set(key, u);
  }
  const count = (s: string) => holders.filter((h) => h.status === s).length;
  const answered = holders.filter((h) => h.status === 'reported' || h.status === 'completed').length;
  const regions = new Map<
    string,
    { region: string | null; holders: number; held: number; answered: number }
  >();
  for (const h of holders) {
    const key = h.region ?? '';
    const r = regions.get(key) ?? { region: h.region, holders: 0, held: 0, answered: 0 };
    r.holders += 1;
    r.held += h.held;
    if (h.status === 'reported' || h.status === 'completed') r.answered += 1;
    regions.set(key, r);
  }
  return {
    ...recallView(recall),
    role,
    impact: recall.impact,
    affectedCodes: manager ? codes.map((c) => c.uri) : undefined,
    holders: holders.map((h) => ({
      id: h.id,
      party: h.party,
      enterprise: h.enterprise,
      region: h.region,
      coordinates: h.latitude === null || h.longitude === null ? null : { lat: h.latitude, lng: h.longitude },
      uom: h.uom,
      held: h.held,
      received: h.received,
      objects: h.objects,
      status: h.status,
      notifiedAt: h.notified_at.toISOString(),
      dueAt: new Date(h.due_at).toISOString(),
      overdue: h.status === 'notified' || h.status === 'acknowledged' ? new Date(h.due_at) < now : false,
      acknowledgedAt: h.acknowledged_at ? new Date(h.acknowledged_at).toISOString() : null,
      reminders: h.reminders,
      found: h.found,
      returned: h.returned,
      destroyed: h.destroyed,
    })),
    progress: {
      byQuantity: [...byUnit.values()].map((u) => ({
        uom: u.uom,
        held: round(u.held),
        found: round(u.found),
        returned: round(u.returned),
        destroyed: round(u.destroyed),
        /** share of what holders held at opening that is now returned or destroyed */
        recovered: u.held > 0 ? round(Math.min(1, (u.returned + u.destroyed) / u.held)) : null,
      })),
      byHolder: {
        total: holders.length,
        notified: count('notified'),
        acknowledged: count('acknowledged'),
        reported: count('reported'),
        completed: count('completed'),
        answered: holders.length > 0 ? round(answered / holders.length) : null,
      },
    },
    regions: [...regions.values()],
    timeline: actions.map((a) => ({
      at: a.at.toISOString(),
      actor: a.actor,
      action: a.action,
      detail: a.detail,
    })),
    links: { pdf: `/api/recalls/${id}/report.pdf`, xlsx: `/api/recalls/${id}/report.xlsx` },
  };
}

export type RecallDetail = Awaited<ReturnType<typeof getRecall>>;
