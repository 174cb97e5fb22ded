import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/types.js';
import type { DirectoryTuple, ObjectTuple } from './graph-query.js';
import { type HeldRow, heldCtes } from './holdings.js';

export interface ImpactRow {
  /** Objects reached (the problem lots included), nearest first; depth is the hop count. */
  objects: ObjectTuple[] | null;
  holdings: HeldRow[] | null;
  /** Public scans per object that has any. */
  scans: [string, number][] | null;
  /** Objects that ever contained something (cases, pallets). */
  containers: string[] | null;
  directory: DirectoryTuple[] | null;
}

/**
 * An impact assessment in one statement: the walk forward from the problem lots (first hops only
 * inside the window), then for what it reached the codes registry's facts and the production event,
 * the holdings per party and object (holdings.ts), the public scan totals, which of them are
 * packaging, and the filed enterprises behind the parties. One statement rather than a query per
 * part: each part would send the ~10,000 identifiers again, and PGlite runs them one after another.
 */
export async function impactRow(
  db: Kysely<DB>,
  lots: string[],
  o: { depth: number; from?: Date; to?: Date; prefix: string | null },
): Promise<ImpactRow> {
  const from = o.from?.toISOString() ?? null;
  const to = o.to?.toISOString() ?? null;
  const held = heldCtes({ scope: sql`SELECT node FROM nodes`, prefix: o.prefix, at: null, perObject: true });
  const { rows } = await sql<ImpactRow>`
    WITH RECURSIVE walk(node, depth) AS (
      SELECT s, 0 FROM unnest(${lots}::text[]) AS s
      UNION
      SELECT l.target, w.depth + 1 FROM walk w JOIN lineage_links l ON l.source = w.node
      WHERE w.depth < ${o.depth} AND (w.depth > 0 OR ((${from}::timestamptz IS NULL OR l.at >= ${from}::timestamptz)
        AND (${to}::timestamptz IS NULL OR l.at <= ${to}::timestamptz)))
    ),
    nodes AS MATERIALIZED (SELECT node, min(depth) AS depth FROM walk GROUP BY node),
    ${held}
    SELECT
      (SELECT json_agg(json_build_array(n.node, c.value, c.kind, c.owner, c.product, c.product_name, c.lot,
          c.production_date, c.expiry_date,
          -- in UTC whatever the session's time zone, as suyuan_trace writes it (objects.ts, iso)
          to_char(p.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"'), p.party, p.ilmd, n.depth) ORDER BY n.depth, n.node COLLATE "C")
        FROM nodes n
        LEFT JOIN codes c ON c.uri = n.node
        LEFT JOIN LATERAL (SELECT m.at, m.party, m.ilmd FROM lineage_movements m
          WHERE m.epc = n.node AND m.kind = 'produced' ORDER BY m.at, m.event_pk LIMIT 1) p ON true) AS objects,
      (SELECT json_agg(h ORDER BY h.party, h.epc, h.uom) FROM held h) AS holdings,
      (SELECT json_agg(json_build_array(t.uri, t.scans)) FROM code_scan_totals t
        WHERE t.uri IN (SELECT node FROM nodes)) AS scans,
      (SELECT json_agg(DISTINCT l.target) FROM lineage_links l
        WHERE l.kind = 'contains' AND l.target IN (SELECT node FROM nodes)) AS containers,
      (SELECT json_agg(json_build_array(d.id, d.credit_code, d.name, d.region, d.location))
        FROM suyuan_party_directory(ARRAY(SELECT DISTINCT party FROM held)) d) AS directory`.execute(db);
  return rows[0] as ImpactRow;
}
