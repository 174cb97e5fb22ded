import type { Kysely } from 'kysely';
import { preparedRows } from '../db/prepared.js';
import type { DB } from '../db/types.js';
import type { Way } from './queries.js';

/** One object: uri, code value, kind, owner, product, product name, lot, production and expiry dates,
 * produced at, produced by, ilmd, depth. */
export type ObjectTuple = [
  string,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  Record<string, unknown> | null,
  number,
];
/** source, target, kind, source quantity, target quantity, uom, valid_to, event (index into events) */
export type RelationTuple = [
  string,
  string,
  'transform' | 'contains',
  number | null,
  number | null,
  string | null,
  string | null,
  number,
];
/** party, movement kind, object, quantity, uom, counterparty, event (index into events) */
export type PartyTuple = [string, string, string, number | null, string | null, string | null, number];
/** event id, type, time, action, bizStep, disposition, bizLocation, readPoint, owner enterprise */
export type EventTuple = [
  string,
  string,
  string,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
];
/** identifier, credit code, name, region, location name */
export type DirectoryTuple = [string, string, string, string, string | null];

export interface GraphRow {
  /** Nodes reached, the start included (before the limit). */
  total: number;
  /** Only when the walk found no relation: whether the start is known at all. */
  known: boolean | null;
  objects: ObjectTuple[] | null;
  relations: RelationTuple[] | null;
  parties: PartyTuple[] | null;
  events: EventTuple[] | null;
  directory: DirectoryTuple[] | null;
}

/**
 * A whole trace in one call (one round trip): `suyuan_trace` (migrations 0049, 0055, 0057) walks each way, keeps
 * the nearest `limit` nodes, and returns their facts (codes registry, first production event), the
 * relations between them, their movements, the events behind both, and the filed enterprises
 * behind every party and location those name. It is PL/pgSQL so that the session keeps its plan:
 * planning the statement costs about as much as running it for a trace of a few dozen objects; the
 * call itself is a prepared statement (src/db/prepared.ts).
 * Arrays of tuples keep the JSON small (a relation or movement names its event by position in
 * `events`, whose time is also its own); service.ts names the fields.
 *
 * The walk carries the relation itself (no second pass over the links); UNION drops repeats of the
 * same relation at the same depth, so cycles end at the depth limit and diamonds do not multiply
 * paths.
 */
const traceCall = `SELECT * FROM suyuan_trace($1::text, $2::boolean, $3::boolean, $4::integer, $5::timestamptz,
  $6::bigint)`;

export async function graphRow(
  db: Kysely<DB>,
  start: string,
  ways: Way[],
  o: { depth: number; at?: Date; limit?: number },
): Promise<GraphRow> {
  const at = o.at?.toISOString() ?? null;
  const limit = o.limit === undefined || !Number.isFinite(o.limit) ? null : o.limit;
  const rows = await preparedRows<GraphRow>(db, 'suyuan-trace', traceCall, [
    start,
    ways.includes('back'),
    ways.includes('forward'),
    o.depth,
    at,
    limit,
  ]);
  return rows[0] as GraphRow;
}
