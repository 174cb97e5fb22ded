import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../db/types.js';

export type Way = 'back' | 'forward';

export interface WalkOptions {
  depth: number;
  /** Only relations in effect at this instant (memberships open then, events not later). */
  at?: Date;
  /** Only first hops out of the start nodes inside this window (impact of a problem period). */
  from?: Date;
  to?: Date;
}

/** What a trace shows of the event behind a relation or a movement. */
export interface EventFields {
  event_id: string;
  event_type: string;
  event_time: Date;
  action: string | null;
  biz_step: string | null;
  disposition: string | null;
  biz_location: string | null;
  read_point: string | null;
  /** The enterprise that captured the event (its credit code). */
  owner_enterprise: string | null;
}

const eventColumns = sql`e.event_id, e.event_type, e.event_time, e.action, e.biz_step, e.disposition, e.biz_location,
  e.read_point, e.owner_enterprise`;

export interface EdgeRow extends EventFields {
  source: string;
  target: string;
  kind: 'transform' | 'contains';
  source_quantity: number | null;
  target_quantity: number | null;
  uom: string | null;
  at: Date;
  valid_to: Date | null;
  event_pk: string;
  /** BFS depth of the node the walk expanded (source going forward, target going back). */
  depth: number;
}

/** Column names for each direction: a walk goes from `near` to `far`. */
const columns = {
  forward: { near: sql.ref('l.source'), far: sql.ref('l.target') },
  back: { near: sql.ref('l.target'), far: sql.ref('l.source') },
} as const;

function inEffect(o: WalkOptions): RawBuilder<unknown> {
  const at = o.at?.toISOString() ?? null;
  return sql`(${at}::timestamptz IS NULL OR (l.at <= ${at}::timestamptz
    AND (l.valid_to IS NULL OR l.valid_to > ${at}::timestamptz)))`;
}

function firstHop(o: WalkOptions): RawBuilder<unknown> {
  const from = o.from?.toISOString() ?? null;
  const to = o.to?.toISOString() ?? null;
  return sql`(w.depth > 0 OR ((${from}::timestamptz IS NULL OR l.at >= ${from}::timestamptz)
    AND (${to}::timestamptz IS NULL OR l.at <= ${to}::timestamptz)))`;
}

/**
 * Every relation reached from the start nodes in one direction, in one recursive statement that
 * carries the relation itself (no second pass over the links). UNION drops repeats of the same
 * relation at the same depth, so cycles end at the depth limit and diamonds do not multiply paths.
 */
export async function walkEdges(
  db: Kysely<DB>,
  starts: string[],
  way: Way,
  o: WalkOptions,
): Promise<EdgeRow[]> {
  const { near, far } = columns[way];
  const { rows } = await sql<EdgeRow>`
    WITH RECURSIVE walk(node, depth, source, target, kind, source_quantity, target_quantity, uom, at, valid_to,
        event_pk) AS (
      SELECT s, 0, NULL::text, NULL::text, NULL::text, NULL::float8, NULL::float8, NULL::text, NULL::timestamptz,
        NULL::timestamptz, NULL::bigint FROM unnest(${starts}::text[]) AS s
      UNION
      SELECT ${far}, w.depth + 1, l.source, l.target, l.kind, l.source_quantity, l.target_quantity, l.uom, l.at,
        l.valid_to, l.event_pk
      FROM walk w JOIN lineage_links l ON ${near} = w.node
      WHERE w.depth < ${o.depth} AND ${inEffect(o)} AND ${firstHop(o)}
    )
    SELECT w.source, w.target, w.kind, w.source_quantity, w.target_quantity, w.uom, w.at, w.valid_to, w.event_pk,
      w.depth - 1 AS depth, ${eventColumns}
    FROM (SELECT DISTINCT ON (source, target, event_pk, kind) * FROM walk WHERE depth > 0
      ORDER BY source, target, event_pk, kind, depth) w
    JOIN events e ON e.id = w.event_pk`.execute(db);
  return rows;
}

/** Identifiers reached and their hop count, without the relations (what impact assessment needs). */
export async function reachedNodes(
  db: Kysely<DB>,
  starts: string[],
  way: Way,
  o: WalkOptions,
): Promise<Map<string, number>> {
  const { near, far } = columns[way];
  const { rows } = await sql<{ node: string; depth: number }>`
    WITH RECURSIVE walk(node, depth) AS (
      SELECT s, 0 FROM unnest(${starts}::text[]) AS s
      UNION
      SELECT ${far}, w.depth + 1 FROM walk w JOIN lineage_links l ON ${near} = w.node
      WHERE w.depth < ${o.depth} AND ${inEffect(o)} AND ${firstHop(o)}
    ) SELECT node, min(depth) AS depth FROM walk GROUP BY node`.execute(db);
  return new Map(rows.map((r) => [r.node, r.depth]));
}

/** The bare recursive query the benchmark compares with: reachable identifiers only. */
export async function bareWalk(db: Kysely<DB>, start: string, way: Way, depth: number): Promise<number> {
  const { near, far } = columns[way];
  const { rows } = await sql<{ n: string }>`
    WITH RECURSIVE walk(node, depth) AS (
      SELECT ${start}::text, 0
      UNION
      SELECT ${far}, w.depth + 1 FROM walk w JOIN lineage_links l ON ${near} = w.node WHERE w.depth < ${depth}
    ) SELECT count(DISTINCT node) AS n FROM walk`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

export interface ObjectRow {
  uri: string;
  value: string | null;
  kind: string | null;
  owner: string | null;
  product: string | null;
  product_name: string | null;
  lot: string | null;
  production_date: string | null;
  expiry_date: string | null;
  produced_at: Date | null;
  produced_by: string | null;
  ilmd: Record<string, unknown> | null;
}

/** What the codes registry and the first production event say about each identifier. */
export async function objectFacts(db: Kysely<DB>, uris: string[]): Promise<ObjectRow[]> {
  const { rows } = await sql<ObjectRow>`
    SELECT n.uri, c.value, c.kind, c.owner, c.product, c.product_name, c.lot, c.production_date, c.expiry_date,
      o.at AS produced_at, o.party AS produced_by, e.doc->'ilmd' AS ilmd
    FROM unnest(${uris}::text[]) AS n(uri)
    LEFT JOIN codes c ON c.uri = n.uri
    LEFT JOIN LATERAL (SELECT m.at, m.party, m.event_pk FROM lineage_movements m
      WHERE m.epc = n.uri AND m.kind = 'produced' ORDER BY m.at, m.event_pk LIMIT 1) o ON true
    LEFT JOIN events e ON e.id = o.event_pk`.execute(db);
  return rows;
}

export interface MovementRow extends EventFields {
  epc: string;
  kind: string;
  party: string | null;
  counterparty: string | null;
  quantity: number | null;
  uom: string | null;
  at: Date;
  event_pk: string;
}

export async function movementsOf(db: Kysely<DB>, uris: string[], at?: Date): Promise<MovementRow[]> {
  const until = at?.toISOString() ?? null;
  const { rows } = await sql<MovementRow>`
    SELECT m.epc, m.kind, m.party, m.counterparty, m.quantity, m.uom, m.at, m.event_pk, ${eventColumns}
    FROM lineage_movements m JOIN events e ON e.id = m.event_pk
    WHERE m.epc = ANY(${uris}::text[]) AND (${until}::timestamptz IS NULL OR m.at <= ${until}::timestamptz)`.execute(
    db,
  );
  return rows;
}

/** Whether an identifier is known at all: issued here, or named by any stored event. */
export async function isKnown(db: Kysely<DB>, uri: string): Promise<boolean> {
  const { rows } = await sql<{ known: boolean }>`
    SELECT EXISTS (SELECT 1 FROM codes WHERE uri = ${uri}) OR EXISTS (SELECT 1 FROM event_epcs WHERE epc = ${uri})
      AS known`.execute(db);
  return rows[0]?.known === true;
}

export async function scanTotals(db: Kysely<DB>, uris: string[]): Promise<Map<string, number>> {
  const { rows } = await sql<{ uri: string; scans: string }>`
    SELECT uri, scans FROM code_scan_totals WHERE uri = ANY(${uris}::text[])`.execute(db);
  return new Map(rows.map((r) => [r.uri, Number(r.scans)]));
}

/** Which of these identifiers ever contained something (cases, pallets: packaging, not goods). */
export async function containersAmong(db: Kysely<DB>, uris: string[]): Promise<Set<string>> {
  const { rows } = await sql<{ target: string }>`
    SELECT DISTINCT target FROM lineage_links WHERE kind = 'contains' AND target = ANY(${uris}::text[])`.execute(
    db,
  );
  return new Set(rows.map((r) => r.target));
}
