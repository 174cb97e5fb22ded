import type { Principal } from '../auth/principal.js';
import { DomainError } from '../http/errors.js';
import { todayInChina } from '../parties/common.js';
import { containing, paginate } from '../parties/paging.js';
import { policyRefusal, refuseUnlessRegulator } from '../recalls/rights.js';
import type { CreditDb } from './db.js';
import type {
  AlertBody,
  BlacklistBody,
  NoticeBody,
  PublicListQuery,
  SpotCheckBody,
  SpotCheckQuery,
} from './schema.js';

// Consumer alerts (消费提示), policy notices (政策公告), the quality blacklist (质量失信黑名单) and
// spot checks (随机抽查): regulators write as themselves (row-level security), the public reads.

export async function publishAlert(db: CreditDb, principal: Principal, body: AlertBody) {
  refuseUnlessRegulator(principal);
  try {
    const row = await db
      .insertInto('alerts')
      .values({
        title: body.title,
        body: body.body,
        category: body.category ?? null,
        region: body.region ?? principal.regionScope ?? null,
        products: body.products ?? [],
        published_by: principal.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return alertView(row);
  } catch (error) {
    throw policyRefusal(error, 'You publish alerts for your own region only');
  }
}

type AlertRow = {
  id: string;
  title: string;
  body: string;
  category: string | null;
  region: string | null;
  products: string[];
  published_at: Date;
};
const alertView = (r: AlertRow) => ({
  id: r.id,
  title: r.title,
  body: r.body,
  category: r.category,
  region: r.region,
  products: r.products,
  publishedAt: r.published_at.toISOString(),
});

export async function listAlerts(db: CreditDb, query: PublicListQuery) {
  let q = db.selectFrom('alerts').selectAll().where('withdrawn_at', 'is', null);
  if (query.q) {
    const like = containing(query.q);
    q = q.where((eb) =>
      eb.or([eb('title', 'like', like), eb('body', 'like', like), eb('category', 'like', like)]),
    );
  }
  return paginate(q.orderBy('published_at', 'desc').orderBy('id', 'desc'), query, alertView);
}

export async function publishNotice(db: CreditDb, principal: Principal, body: NoticeBody) {
  refuseUnlessRegulator(principal);
  try {
    const row = await db
      .insertInto('notices')
      .values({
        title: body.title,
        body: body.body,
        kind: body.kind ?? 'policy',
        region: body.region ?? principal.regionScope ?? null,
        department: principal.department ?? null,
        published_by: principal.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return noticeView(row);
  } catch (error) {
    throw policyRefusal(error, 'You publish notices for your own region only');
  }
}

type NoticeRow = {
  id: string;
  title: string;
  body: string;
  kind: string;
  region: string | null;
  department: string | null;
  published_at: Date;
};
const noticeView = (r: NoticeRow) => ({
  id: r.id,
  title: r.title,
  body: r.body,
  kind: r.kind,
  region: r.region,
  department: r.department,
  publishedAt: r.published_at.toISOString(),
});

export async function listNotices(db: CreditDb, query: PublicListQuery) {
  let q = db.selectFrom('notices').selectAll().where('withdrawn_at', 'is', null);
  if (query.q) {
    const like = containing(query.q);
    q = q.where((eb) => eb.or([eb('title', 'like', like), eb('body', 'like', like)]));
  }
  return paginate(q.orderBy('published_at', 'desc').orderBy('id', 'desc'), query, noticeView);
}

export async function withdraw(db: CreditDb, principal: Principal, table: 'alerts' | 'notices', id: string) {
  refuseUnlessRegulator(principal);
  const done = await db
    .updateTable(table)
    .set({ withdrawn_at: new Date() })
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) throw new DomainError('NOT_FOUND', `No ${table.slice(0, -1)} ${id}`);
}

/** Who is being listed: name and region from the filing, or as given for an enterprise filed elsewhere. */
export async function blacklistSubject(system: CreditDb, principal: Principal, body: BlacklistBody) {
  refuseUnlessRegulator(principal);
  const enterprise = body.enterprise.toUpperCase();
  if (body.to && body.to < body.from)
    throw new DomainError('VALIDATION_FAILED', 'The period ends before it starts', [
      { pointer: '/to', message: 'before from' },
    ]);
  const filed = await system
    .selectFrom('enterprises')
    .select(['name', 'region'])
    .where('credit_code', '=', enterprise)
    .executeTakeFirst();
  const name = filed?.name ?? body.name;
  if (!name)
    throw new DomainError('VALIDATION_FAILED', 'Name the enterprise', [
      { pointer: '/name', message: 'required: the enterprise is not filed here' },
    ]);
  return { enterprise, name, region: filed?.region ?? enterprise.slice(2, 8) };
}

export async function insertBlacklist(
  db: CreditDb,
  principal: Principal,
  body: BlacklistBody,
  who: { enterprise: string; name: string; region: string },
) {
  try {
    const row = await db
      .insertInto('blacklist')
      .values({
        enterprise: who.enterprise,
        name: who.name,
        reason: body.reason,
        listed_from: body.from,
        listed_to: body.to ?? null,
        region: who.region,
        added_by: principal.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return blacklistView(row);
  } catch (error) {
    throw policyRefusal(error, `You do not oversee enterprise ${who.enterprise}`);
  }
}

type BlacklistRow = {
  id: string;
  enterprise: string;
  name: string;
  reason: string;
  listed_from: string | Date;
  listed_to: string | Date | null;
  region: string | null;
};
const day = (v: string | Date | null) =>
  v === null ? null : typeof v === 'string' ? v.slice(0, 10) : todayInChina(v);
const blacklistView = (r: BlacklistRow) => ({
  id: r.id,
  enterprise: r.enterprise,
  creditCode: r.enterprise,
  name: r.name,
  reason: r.reason,
  from: day(r.listed_from),
  to: day(r.listed_to),
  region: r.region,
});

/** Entries in force today (not removed, period not over). */
export async function listBlacklist(db: CreditDb, query: PublicListQuery, today = todayInChina()) {
  let q = db
    .selectFrom('blacklist')
    .selectAll()
    .where('removed_at', 'is', null)
    .where('listed_from', '<=', today)
    .where((eb) => eb.or([eb('listed_to', 'is', null), eb('listed_to', '>=', today)]));
  if (query.q) {
    const like = containing(query.q);
    q = q.where((eb) =>
      eb.or([
        eb('name', 'like', like),
        eb('enterprise', 'like', like.toUpperCase()),
        eb('reason', 'like', like),
      ]),
    );
  }
  return paginate(q.orderBy('added_at', 'desc').orderBy('id', 'desc'), query, blacklistView);
}

export async function removeFromBlacklist(db: CreditDb, principal: Principal, id: string, reason: string) {
  refuseUnlessRegulator(principal);
  const done = await db
    .updateTable('blacklist')
    .set({ removed_at: new Date(), removed_by: principal.id, removal_reason: reason })
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) throw new DomainError('NOT_FOUND', `No blacklist entry ${id}`);
}

export async function recordSpotCheck(db: CreditDb, principal: Principal, body: SpotCheckBody) {
  refuseUnlessRegulator(principal);
  try {
    const row = await db
      .insertInto('spot_checks')
      .values({
        enterprise: body.enterprise.toUpperCase(),
        checked_on: body.checkedOn,
        subject: body.subject,
        code: body.code ?? null,
        result: body.result,
        findings: body.findings ?? null,
        department: principal.department ?? null,
        recorded_by: principal.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return spotCheckView(row);
  } catch (error) {
    throw policyRefusal(error, `You do not oversee enterprise ${body.enterprise}`);
  }
}

type SpotRow = {
  id: string;
  enterprise: string;
  checked_on: string | Date;
  subject: string;
  code: string | null;
  result: string;
  findings: string | null;
  department: string | null;
};
const spotCheckView = (r: SpotRow) => ({
  id: r.id,
  enterprise: r.enterprise,
  checkedOn: day(r.checked_on),
  subject: r.subject,
  code: r.code,
  result: r.result,
  findings: r.findings,
  department: r.department,
});

export async function listSpotChecks(db: CreditDb, query: SpotCheckQuery) {
  let q = db.selectFrom('spot_checks').selectAll();
  if (query.enterprise) q = q.where('enterprise', '=', query.enterprise.toUpperCase());
  if (query.result) q = q.where('result', '=', query.result);
  return paginate(q.orderBy('checked_on', 'desc').orderBy('id', 'desc'), query, spotCheckView);
}
