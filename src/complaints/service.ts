import { createHash, timingSafeEqual } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { DomainError } from '../http/errors.js';
import { containing, paginate } from '../parties/paging.js';
import { isRegulator, policyRefusal, refuseReadOnly } from '../recalls/rights.js';
import type { ActorKind, ComplaintStatus, ComplaintsDb, ComplaintTable } from './db.js';
import type { ActBody, ComplaintListQuery, DeadlineBody } from './schema.js';

/** A complaint as read here: every column but the reporter's principal id. */
type Row = Omit<Selectable<ComplaintTable>, 'reporter'>;

/** Which deadline a complaint has missed: acknowledge (受理), answer (答复), or none. */
export function overdueOf(c: Pick<Row, 'status' | 'acknowledge_by' | 'answer_by'>, now = new Date()) {
  if (c.status === 'received' && new Date(c.acknowledge_by) < now) return 'acknowledge';
  if ((c.status === 'received' || c.status === 'acknowledged') && new Date(c.answer_by) < now)
    return 'answer';
  return null;
}

const normalise = (contact: string) => contact.replace(/[\s\-()+]/g, '').toLowerCase();
const digest = (v: string) => createHash('sha256').update(normalise(v)).digest();

export function sameContact(given: string, stored: string): boolean {
  return timingSafeEqual(digest(given), digest(stored));
}

/** 138****5678 / a***@example.com: enough for the enterprise to recognise, not to call. */
export function maskContact(contact: string): string {
  const at = contact.indexOf('@');
  if (at > 0) return `${contact.charAt(0)}***${contact.slice(at)}`;
  return contact.length <= 7 ? '***' : `${contact.slice(0, 3)}****${contact.slice(-4)}`;
}

async function timeline(db: ComplaintsDb, id: string, publicOnly: boolean) {
  let q = db.selectFrom('complaint_events').selectAll().where('complaint_id', '=', id);
  if (publicOnly) q = q.where('public', '=', true);
  const rows = await q.orderBy('at').orderBy('id').execute();
  return rows.map((e) => ({
    at: e.at.toISOString(),
    action: e.action,
    by: publicOnly ? e.actor_kind : e.actor,
    actorKind: e.actor_kind,
    message: e.message,
    ...(publicOnly ? {} : { public: e.public }),
  }));
}

function base(c: Row, now: Date) {
  return {
    ticket: c.ticket,
    status: c.status,
    category: c.category,
    createdAt: c.created_at.toISOString(),
    acknowledgeBy: new Date(c.acknowledge_by).toISOString(),
    answerBy: new Date(c.answer_by).toISOString(),
    overdue: overdueOf(c, now),
  };
}

/**
 * The ticket page: status and public replies, never the contact. With the right `contact` the
 * reporter also gets what it submitted. System read (anonymous callers have no row rights).
 */
export async function publicTicket(system: ComplaintsDb, ticket: string, contact?: string, now = new Date()) {
  const c = (await system
    .selectFrom('complaints')
    .selectAll()
    .where('ticket', '=', ticket)
    .executeTakeFirst()) as Row | undefined;
  if (!c) throw new DomainError('NOT_FOUND', `No complaint ${ticket}`);
  const owner = contact !== undefined && sameContact(contact, c.contact);
  const photos = owner
    ? await system
        .selectFrom('complaint_photos')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('complaint_id', '=', c.id)
        .executeTakeFirst()
    : undefined;
  return {
    ...base(c, now),
    productName: c.product_name,
    timeline: await timeline(system, c.id, true),
    ...(owner
      ? { reporter: true, code: c.code, description: c.description, photos: Number(photos?.n ?? 0) }
      : {}),
  };
}

/** What handlers see: everything; the contact in full for regulators, masked for the enterprise. */
export async function staffTicket(db: ComplaintsDb, principal: Principal, ticket: string, now = new Date()) {
  const c = (await db.selectFrom('complaints').selectAll().where('ticket', '=', ticket).executeTakeFirst()) as
    | Row
    | undefined;
  if (!c) return undefined;
  const photos = await db
    .selectFrom('complaint_photos')
    .select(['position', 'media_type', 'size'])
    .where('complaint_id', '=', c.id)
    .orderBy('position')
    .execute();
  return {
    ...staffView(c, principal, now),
    photos: photos.map((p) => ({
      n: p.position,
      mediaType: p.media_type,
      size: p.size,
      url: `/api/complaints/${c.ticket}/photos/${p.position}`,
    })),
    timeline: await timeline(db, c.id, false),
  };
}

function staffView(c: Row, principal: Principal, now: Date) {
  return {
    ...base(c, now),
    source: c.source,
    hotlineNo: c.hotline_no,
    code: c.code,
    uri: c.uri,
    product: c.product,
    productName: c.product_name,
    enterprise: c.enterprise,
    region: c.region,
    description: c.description,
    contact: principal.enterprise ? maskContact(c.contact) : c.contact,
    acknowledgedAt: c.acknowledged_at?.toISOString() ?? null,
    answeredAt: c.answered_at?.toISOString() ?? null,
    closedAt: c.closed_at?.toISOString() ?? null,
    unfounded: c.unfounded,
    /** the deadline the job complaint-deadlines escalated, and when */
    escalated: c.overdue ? { stage: c.overdue, at: c.overdue_at?.toISOString() ?? null } : null,
  };
}

export async function listComplaints(
  db: ComplaintsDb,
  principal: Principal,
  query: ComplaintListQuery,
  now = new Date(),
) {
  let q = db.selectFrom('complaints').selectAll();
  if (query.status) q = q.where('status', '=', query.status);
  if (query.enterprise) q = q.where('enterprise', '=', query.enterprise.toUpperCase());
  if (query.source) q = q.where('source', '=', query.source);
  if (query.overdue)
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'received'), eb('acknowledge_by', '<', now)]),
        eb.and([eb('status', 'in', ['received', 'acknowledged']), eb('answer_by', '<', now)]),
      ]),
    );
  if (query.q) {
    const like = containing(query.q);
    q = q.where((eb) =>
      eb.or([
        eb('description', 'like', like),
        eb('ticket', 'like', like),
        eb('code', 'like', like),
        eb('product_name', 'like', like),
      ]),
    );
  }
  return paginate(q.orderBy('created_at', 'desc').orderBy('id', 'desc'), query, (c) =>
    staffView(c as Row, principal, now),
  );
}

const actorKind = (p: Principal): ActorKind => (p.enterprise ? 'enterprise' : 'regulator');

/** Acknowledge (受理), answer (答复) or close (办结) a complaint the caller handles. */
export async function act(
  db: ComplaintsDb,
  principal: Principal,
  ticket: string,
  action: 'acknowledged' | 'answered' | 'closed',
  body: ActBody,
  now = new Date(),
) {
  if (principal.kind === 'anonymous') throw new DomainError('UNAUTHENTICATED', 'Log in to handle complaints');
  refuseReadOnly(principal);
  const c = await db
    .selectFrom('complaints')
    .selectAll()
    .where('ticket', '=', ticket)
    .forUpdate()
    .executeTakeFirst();
  if (!c) throw new DomainError('NOT_FOUND', `No complaint ${ticket}`);
  if (c.status === 'closed') throw new DomainError('CONFLICT', `Complaint ${ticket} is closed`);
  if (action === 'answered' && !body.message)
    throw new DomainError('VALIDATION_FAILED', 'An answer needs a message', [
      { pointer: '/message', message: 'required' },
    ]);
  if (action === 'acknowledged' && c.status !== 'received')
    throw new DomainError('CONFLICT', `Complaint ${ticket} is already ${c.status}`);
  if (body.unfounded && action !== 'closed')
    throw new DomainError('VALIDATION_FAILED', 'Only a closure finds a complaint unfounded', [
      { pointer: '/unfounded', message: 'only with close' },
    ]);
  if (body.unfounded && !isRegulator(principal))
    throw new DomainError(
      'FORBIDDEN',
      'A regulator finds a complaint unfounded, not the enterprise concerned',
    );
  if (action === 'closed' && principal.enterprise && c.status !== 'answered')
    throw new DomainError('CONFLICT', 'An enterprise closes a complaint only after answering it');
  const status: ComplaintStatus = action;
  await db
    .updateTable('complaints')
    .set({
      status,
      ...(action === 'acknowledged' || !c.acknowledged_at ? { acknowledged_at: now } : {}),
      ...(action === 'answered' ? { answered_at: now } : {}),
      ...(action === 'closed' ? { closed_at: now, unfounded: body.unfounded ?? false } : {}),
    })
    .where('id', '=', c.id)
    .execute();
  await db
    .insertInto('complaint_events')
    .values({
      complaint_id: c.id,
      at: now,
      actor: principal.id,
      actor_kind: actorKind(principal),
      action,
      message: body.message ?? null,
      public: body.public ?? true,
    })
    .execute();
  return { ticket, status };
}

export async function photo(db: ComplaintsDb, ticket: string, n: number) {
  const row = await db
    .selectFrom('complaint_photos as p')
    .innerJoin('complaints as c', 'c.id', 'p.complaint_id')
    .select(['p.media_type', 'p.data'])
    .where('c.ticket', '=', ticket)
    .where('p.position', '=', n)
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `No photo ${n} of complaint ${ticket}`);
  return row;
}

/** Counts by status, category, source, region and enterprise, overdue ones, and handling times. */
export async function complaintStats(db: ComplaintsDb, now = new Date()) {
  const group = async (column: 'status' | 'category' | 'source' | 'region' | 'enterprise') => {
    const rows = await db
      .selectFrom('complaints')
      .select([column, (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy(column)
      .orderBy('n', 'desc')
      .limit(50)
      .execute();
    return rows.map((r) => ({
      key: (r as Record<string, unknown>)[column] as string | null,
      count: Number(r.n),
    }));
  };
  const { rows } = await sql<{
    total: string;
    ack: string;
    answer: string;
    ack_hours: number | null;
    answer_hours: number | null;
  }>`
    SELECT count(*) AS total,
      count(*) FILTER (WHERE status = 'received' AND acknowledge_by < ${now}) AS ack,
      count(*) FILTER (WHERE status IN ('received', 'acknowledged') AND answer_by < ${now}) AS answer,
      avg(extract(epoch FROM acknowledged_at - created_at) / 3600)::float8 AS ack_hours,
      avg(extract(epoch FROM answered_at - created_at) / 3600)::float8 AS answer_hours
    FROM complaints`.execute(db);
  const t = rows[0];
  return {
    total: Number(t?.total ?? 0),
    overdue: { acknowledge: Number(t?.ack ?? 0), answer: Number(t?.answer ?? 0) },
    averageHours: { acknowledge: t?.ack_hours ?? null, answer: t?.answer_hours ?? null },
    byStatus: await group('status'),
    byCategory: await group('category'),
    bySource: await group('source'),
    byRegion: await group('region'),
    byEnterprise: await group('enterprise'),
  };
}

export async function listDeadlines(db: ComplaintsDb) {
  const rows = await db.selectFrom('complaint_deadlines').selectAll().orderBy('region').execute();
  return {
    items: rows.map((r) => ({
      region: r.region,
      acknowledgeHours: r.acknowledge_hours,
      answerDays: r.answer_days,
    })),
    total: rows.length,
  };
}

export async function setDeadlines(db: ComplaintsDb, principal: Principal, body: DeadlineBody) {
  try {
    await db
      .insertInto('complaint_deadlines')
      .values({
        region: body.region,
        acknowledge_hours: body.acknowledgeHours,
        answer_days: body.answerDays,
        updated_by: principal.id,
      })
      .onConflict((oc) =>
        oc.column('region').doUpdateSet({
          acknowledge_hours: body.acknowledgeHours,
          answer_days: body.answerDays,
          updated_by: principal.id,
          updated_at: new Date(),
        }),
      )
      .execute();
  } catch (error) {
    throw policyRefusal(error, `You may not set deadlines for region '${body.region}'`);
  }
  return { region: body.region, acknowledgeHours: body.acknowledgeHours, answerDays: body.answerDays };
}
