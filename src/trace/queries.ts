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

/**
 * The bare recursive query the benchmark compares with: the same walk over the same links, returning
 * the same set of nodes (each once, with its hop count) and nothing else — no facts, relations,
 * movements, events or parties. Resolves to the number of nodes, start included.
 */
export async function bareWalk(db: Kysely<DB>, start: string, way: Way, depth: number): Promise<number> {
  const { near, far } = columns[way];
  const { rows } = await sql<{ node: string; depth: number }>`
    WITH RECURSIVE walk(node, depth) AS (
      SELECT ${start}::text, 0
      UNION
      SELECT ${far}, w.depth + 1 FROM walk w JOIN lineage_links l ON ${near} = w.node WHERE w.depth < ${depth}
    ) SELECT node, min(depth) AS depth FROM walk GROUP BY node`.execute(db);
  return rows.length;
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
      o.at AS produced_at, o.party AS produced_by, o.ilmd
    FROM unnest(${uris}::text[]) AS n(uri)
    LEFT JOIN codes c ON c.uri = n.uri
    LEFT JOIN LATERAL (SELECT m.at, m.party, m.ilmd FROM lineage_movements m
      WHERE m.epc = n.uri AND m.kind = 'produced' ORDER BY m.at, m.event_pk LIMIT 1) o ON true`.execute(db);
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
