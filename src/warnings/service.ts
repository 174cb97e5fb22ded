import { type Kysely, sql } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { canonicalCodeUri } from '../codes/code-uri.js';
import type { DB } from '../db/types.js';
import { DomainError } from '../http/errors.js';
import { type Page, paginate } from '../parties/paging.js';
import { regionNameOf } from '../trace/parties.js';
import { type WarningStatus, warningsDb } from './db.js';
import { ruleById } from './rules/index.js';
import type { StatsQuery, WarningListQuery, WarningPatch } from './schema.js';
import { historyView, warningView } from './views.js';

// Warnings as their callers see them: every function runs inside scoped() (row-level security of
// migration 0025): an enterprise sees the warnings about itself, a regulator those of its region and
// industries, an administrator all.

type WarningView = ReturnType<typeof warningView>;

/** The lifecycle: new → acknowledged → resolved | dismissed. */
const next: Record<WarningStatus, readonly WarningStatus[]> = {
  new: ['acknowledged'],
  acknowledged: ['resolved', 'dismissed'],
  resolved: [],
  dismissed: [],
};

function codeUri(code: string): string {
  const parsed = canonicalCodeUri(code);
  if (!parsed.ok)
    throw new DomainError('BAD_QUERY_PARAMETER', 'Not a code', [{ pointer: 'code', message: parsed.error }]);
  return parsed.value;
}

export async function listWarnings(trx: Kysely<DB>, q: WarningListQuery): Promise<Page<WarningView>> {
  let query = warningsDb(trx).selectFrom('warnings').selectAll();
  if (q.rule) query = query.where('rule', '=', q.rule);
  if (q.severity) query = query.where('severity', '=', q.severity);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.region) query = query.where('region', 'like', `${q.region}%`);
  if (q.enterprise) query = query.where('enterprise', '=', q.enterprise.toUpperCase());
  if (q.from) query = query.where('raised_at', '>=', new Date(q.from));
  if (q.to) query = query.where('raised_at', '<', new Date(q.to));
  if (q.code) {
    const uri = codeUri(q.code);
    query = query.where((eb) =>
      eb.or([eb('code', '=', uri), sql<boolean>`evidence -> 'codes' @> ${JSON.stringify([uri])}::jsonb`]),
    );
  }
  return paginate(query.orderBy('raised_at', 'desc').orderBy('id', 'desc'), q, warningView);
}

export async function getWarning(trx: Kysely<DB>, id: string) {
  const db = warningsDb(trx);
  const row = await db.selectFrom('warnings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `No warning ${id}`);
  const history = await db
    .selectFrom('warning_history')
    .selectAll()
    .where('warning_id', '=', id)
    .orderBy('id')
    .execute();
  return { ...warningView(row), history: history.map(historyView) };
}

/** Regulators of the warning's region (and administrators) move it along its lifecycle, with a reason. */
export async function changeWarningStatus(
  trx: Kysely<DB>,
  principal: Principal,
  id: string,
  patch: WarningPatch,
) {
  const db = warningsDb(trx);
  const visible = await db.selectFrom('warnings').select('id').where('id', '=', id).executeTakeFirst();
  if (!visible) throw new DomainError('NOT_FOUND', `No warning ${id}`);
  if (!principal.scopes.has('admin') && principal.role !== 'regulator') {
    throw new DomainError(
      'FORBIDDEN',
      'Regulators of the region handle warnings; the enterprise concerned reads them',
    );
  }
  // FOR UPDATE needs the update policy too (regulators of the region, administrators)
  const row = await db.selectFrom('warnings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new DomainError('FORBIDDEN', `Warning ${id} is not yours to handle`);
  if (!next[row.status].includes(patch.status)) {
    throw new DomainError('CONFLICT', `A ${row.status} warning cannot become ${patch.status}`, [
      { pointer: '/status', message: `allowed from ${row.status}: ${next[row.status].join(', ') || 'none'}` },
    ]);
  }
  const closing = patch.status === 'resolved' || patch.status === 'dismissed';
  const now = new Date();
  await db
    .updateTable('warnings')
    .set({ status: patch.status, updated_at: now, ...(closing ? { closed_at: now } : {}) })
    .where('id', '=', id)
    .execute();
  await db
    .insertInto('warning_history')
    .values({
      warning_id: id,
      from_status: row.status,
      to_status: patch.status,
      reason: patch.reason,
      changed_by: principal.id,
    })
    .execute();
  return getWarning(trx, id);
}

/** Counts by rule, region, industry, severity and status of the warnings the caller may see. */
export async function warningStats(trx: Kysely<DB>, q: StatsQuery) {
  const filters = [sql`true`];
  if (q.rule) filters.push(sql`rule = ${q.rule}`);
  if (q.status) filters.push(sql`status = ${q.status}`);
  if (q.region) filters.push(sql`region LIKE ${`${q.region}%`}`);
  if (q.from) filters.push(sql`raised_at >= ${new Date(q.from)}`);
  if (q.to) filters.push(sql`raised_at < ${new Date(q.to)}`);
  const where = sql.join(filters, sql` AND `);
  const group = async (key: ReturnType<typeof sql.raw>) =>
    (
      await sql<{ key: string | null; count: string }>`
        SELECT ${key} AS key, count(*) AS count FROM warnings WHERE ${where} GROUP BY 1 ORDER BY 2 DESC, 1`.execute(
        trx,
      )
    ).rows.map((r) => ({ key: r.key, count: Number(r.count) }));
  const [byRule, byRegion, byIndustry, bySeverity, byStatus] = await Promise.all([
    group(sql.raw('rule')),
    group(sql.raw('region')),
    group(
      sql.raw('unnest(CASE WHEN cardinality(industries) = 0 THEN ARRAY[NULL]::text[] ELSE industries END)'),
    ),
    group(sql.raw('severity')),
    group(sql.raw('status')),
  ]);
  return {
    total: byStatus.reduce((n, r) => n + r.count, 0),
    byRule: byRule.map((r) => ({ rule: r.key, name: ruleById(r.key ?? '')?.name ?? null, count: r.count })),
    byRegion: byRegion.map((r) => ({
      region: r.key,
      name: r.key ? regionNameOf(r.key) : null,
      count: r.count,
    })),
    byIndustry: byIndustry.map((r) => ({ industry: r.key, count: r.count })),
    bySeverity: bySeverity.map((r) => ({ severity: r.key, count: r.count })),
    byStatus: byStatus.map((r) => ({ status: r.key, count: r.count })),
  };
}
