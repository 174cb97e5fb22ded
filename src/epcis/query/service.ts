import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/types.js';
import { DomainError } from '../../http/errors.js';
import type { EventQuery } from './params.js';

export interface Page {
  rows: {
    id: string;
    doc: Record<string, unknown>;
    record_time: Date;
    owner_enterprise: string | null;
    captured_by: string;
  }[];
  nextPageToken?: string;
}

interface Cursor {
  q: string; // the query the token belongs to
  t?: string; // sort value of the last row
  i: string; // id of the last row
  r?: number; // events still allowed by eventCountLimit
}

function encode(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decode(token: string, canonical: string): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Cursor;
    if (cursor.q === canonical && typeof cursor.i === 'string' && /^\d+$/.test(cursor.i)) return cursor;
  } catch {
    // fall through
  }
  throw new DomainError('BAD_QUERY_PARAMETER', 'nextPageToken does not belong to this query', [
    { pointer: 'nextPageToken', message: 'unknown or expired token; repeat the query without it' },
  ]);
}

const sortColumn = { eventTime: 'event_time', recordTime: 'record_time', id: 'id' } as const;

/** Runs an event query with keyset paging (stable under concurrent capture). */
export async function runEventQuery(
  db: Kysely<DB>,
  query: EventQuery,
  extra: EventQuery['conditions'] = [],
): Promise<Page> {
  const conditions = [...query.conditions, ...extra];
  const cursor = query.nextPageToken ? decode(query.nextPageToken, query.canonical) : undefined;
  const remaining = cursor?.r ?? query.eventCountLimit;
  const limit = Math.min(query.perPage, remaining ?? Number.POSITIVE_INFINITY);
  const column = sql.ref(`e.${sortColumn[query.orderBy]}`);
  const op = sql.raw(query.direction === 'asc' ? '>' : '<');
  const dir = sql.raw(query.direction);
  if (cursor) {
    conditions.push(
      query.orderBy === 'id'
        ? sql`e.id ${op} ${cursor.i}::bigint`
        : sql`(${column}, e.id) ${op} (${cursor.t}::timestamptz, ${cursor.i}::bigint)`,
    );
  }
  const where = conditions.length > 0 ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``;
  if (query.maxEventCount !== undefined && !cursor) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM events e ${where}
      LIMIT ${query.maxEventCount + 1}) s`.execute(db);
    if ((rows[0]?.n ?? 0) > query.maxEventCount) {
      throw new DomainError('QUERY_TOO_LARGE', `More than maxEventCount=${query.maxEventCount} events match`);
    }
  }
  if (limit <= 0) return { rows: [] };
  const { rows } = await sql<{
    id: string;
    doc: Record<string, unknown>;
    record_time: Date;
    owner_enterprise: string | null;
    captured_by: string;
    sort: string;
  }>`
    SELECT e.id, e.doc, e.record_time, e.owner_enterprise, e.captured_by, ${column}::text AS sort FROM events e ${where}
    ORDER BY ${column} ${dir}, e.id ${dir} LIMIT ${limit + 1}`.execute(db);
  const more = rows.length > limit && (remaining === undefined || remaining > limit);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextPageToken =
    more && last
      ? encode({
          q: query.canonical,
          i: last.id,
          ...(query.orderBy === 'id' ? {} : { t: last.sort }),
          ...(remaining === undefined ? {} : { r: remaining - page.length }),
        })
      : undefined;
  return { rows: page, ...(nextPageToken ? { nextPageToken } : {}) };
}
