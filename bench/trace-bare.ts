import type pg from 'pg';

/**
 * The bare recursive SQL that answers what a trace and an impact assessment answer, on the same
 * tables: the baseline the `trace` benchmark holds the engine to (docs/decisions.md, "The trace
 * target's bare query"). Plain statements, one round trip each: a recursive walk over
 * `lineage_links`, then joins for what the answer holds, aggregated as JSON rows the driver parses.
 * They are prepared statements (the driver's best case: planned once per connection), read only
 * the columns the answer holds, and are written independently of src/trace (not with its
 * fragments), so the benchmark never compares the engine with itself. `trace-bare.test.ts` checks
 * that they return the same answer as the engine.
 */

/**
 * The walk alone, the floor the benchmark also reports: the same walk over the same links, returning
 * the nodes reached (each once, with its hop count) and nothing else — no facts, relations,
 * movements, events or parties. Resolves to the number of nodes, start included.
 */
export async function walkOnly(
  pool: pg.Pool,
  start: string,
  way: 'back' | 'forward',
  depth: number,
): Promise<number> {
  const [near, far] = way === 'back' ? ['target', 'source'] : ['source', 'target'];
  const { rows } = await pool.query({
    name: `walk-only-${way}`,
    text: `WITH RECURSIVE walk(node, depth) AS (
        SELECT $1::text, 0
        UNION
        SELECT l.${far}, w.depth + 1 FROM walk w JOIN lineage_links l ON l.${near} = w.node WHERE w.depth < $2
      ) SELECT node, min(depth) AS depth FROM walk GROUP BY node`,
    values: [start, depth],
  });
  return rows.length;
}

/** The walk from `start`, `$2` hops at most, carrying the relation each step crossed. */
const walk = (near: string, far: string) => `
  walk(node, depth, source, target, kind, source_quantity, target_quantity, uom, valid_to, event_pk) AS (
    SELECT $1::text, 0, NULL::text, NULL::text, NULL::text, NULL::float8, NULL::float8, NULL::text,
      NULL::timestamptz, NULL::bigint
    UNION
    SELECT l.${far}, w.depth + 1, l.source, l.target, l.kind, l.source_quantity, l.target_quantity, l.uom,
      l.valid_to, l.event_pk
    FROM walk w JOIN lineage_links l ON l.${near} = w.node WHERE w.depth < $2
  )`;

/** Each object with the codes registry's facts and its first production event, as one array each. */
const objectsOf = (nodes: string) => `
  SELECT json_agg(json_build_array(n.node, c.value, c.kind, c.owner, c.product, c.product_name, c.lot,
      c.production_date, c.expiry_date, p.at, p.party, p.ilmd, n.depth) ORDER BY n.depth, n.node COLLATE "C")
  FROM ${nodes} n
  LEFT JOIN codes c ON c.uri = n.node
  LEFT JOIN LATERAL (SELECT m.at, m.party, m.ilmd FROM lineage_movements m
    WHERE m.epc = n.node AND m.kind = 'produced' ORDER BY m.at, m.event_pk LIMIT 1) p ON true`;

// Rows come out as JSON arrays (no keys) ordered in byte order, as the engine's do; a relation or
// movement carries its event's id and time itself, as a plain join gives them.
const traceText = (near: string, far: string) => `
  WITH RECURSIVE ${walk(near, far)},
  nodes AS (SELECT node, min(depth) AS depth FROM walk GROUP BY node),
  links AS (SELECT DISTINCT source, target, kind, source_quantity, target_quantity, uom, valid_to, event_pk
    FROM walk WHERE depth > 0),
  moves AS (SELECT m.epc, m.kind, m.party, m.counterparty, m.quantity, m.uom, m.event_pk
    FROM nodes n JOIN lineage_movements m ON m.epc = n.node),
  evs AS (SELECT e.id, e.event_id, e.event_type, e.event_time, e.action, e.biz_step, e.disposition,
      e.biz_location, e.read_point, e.owner_enterprise
    FROM events e WHERE e.id IN (SELECT event_pk FROM links UNION SELECT event_pk FROM moves))
  SELECT
    -- whether the start is known at all, when nothing was found (the API answers 404 when not)
    CASE WHEN NOT EXISTS (SELECT 1 FROM links) THEN
      EXISTS (SELECT 1 FROM codes WHERE uri = $1) OR EXISTS (SELECT 1 FROM event_epcs WHERE epc = $1) END AS known,
    (${objectsOf('nodes')}) AS objects,
    (SELECT json_agg(json_build_array(l.source, l.target, l.kind, l.source_quantity, l.target_quantity, l.uom,
        l.valid_to, e.event_id, e.event_time) ORDER BY e.event_time, l.source COLLATE "C", l.target COLLATE "C")
      FROM links l JOIN evs e ON e.id = l.event_pk) AS relations,
    (SELECT json_agg(json_build_array(m.party, m.kind, m.epc, m.quantity, m.uom, m.counterparty, e.event_id,
        e.event_time) ORDER BY e.event_time, m.epc COLLATE "C")
      FROM moves m JOIN evs e ON e.id = m.event_pk WHERE m.party IS NOT NULL) AS parties,
    (SELECT json_agg(json_build_array(e.event_id, e.event_type, e.event_time, e.action, e.biz_step, e.disposition,
        e.biz_location, e.read_point, e.owner_enterprise) ORDER BY e.event_time, e.event_id COLLATE "C")
      FROM evs e) AS events,
    (SELECT json_agg(json_build_array(d.id, d.credit_code, d.name, d.region, d.location))
      FROM suyuan_party_directory(ARRAY(
        SELECT party FROM moves WHERE party IS NOT NULL
        UNION SELECT biz_location FROM evs WHERE biz_location IS NOT NULL
        UNION SELECT read_point FROM evs WHERE read_point IS NOT NULL
        UNION SELECT owner_enterprise FROM evs WHERE owner_enterprise IS NOT NULL)) d) AS directory`;

const texts = {
  back: traceText('target', 'source'),
  forward: traceText('source', 'target'),
};

type Text = string | null;
/** uri, value, kind, owner, product, product name, lot, production date, expiry date, produced at,
 * produced by, ilmd, depth (hops): the order of the engine's tuples, so its naming rules apply */
export type BareObject = [
  string,
  Text,
  Text,
  Text,
  Text,
  Text,
  Text,
  Text,
  Text,
  Text,
  Text,
  unknown,
  number,
];
/** source, target, kind, source quantity, target quantity, uom, valid to, event id, event time */
export type BareRelation = [string, string, string, number | null, number | null, Text, Text, string, string];
/** party, movement kind, object, quantity, uom, counterparty, event id, event time */
export type BareParty = [string, string, string, number | null, Text, Text, string, string];
/** event id, type, time, action, bizStep, disposition, bizLocation, readPoint, owner enterprise */
export type BareEvent = [string, string, string, Text, Text, Text, Text, Text, Text];
/** identifier, credit code, name, region, location */
export type BareDirectory = [string, string, string, string, Text];

export interface BareTrace {
  /** Set only when the walk found no relation. */
  known: boolean | null;
  objects: BareObject[];
  relations: BareRelation[] | null;
  parties: BareParty[] | null;
  events: BareEvent[] | null;
  directory: BareDirectory[] | null;
}

/** A whole trace one way, as the bare SQL answers it. */
export async function bareTrace(
  pool: pg.Pool,
  start: string,
  way: 'back' | 'forward',
  depth: number,
): Promise<BareTrace> {
  const { rows } = await pool.query<BareTrace>({
    name: `bare-trace-${way}`,
    text: texts[way],
    values: [start, depth],
  });
  return rows[0] as BareTrace;
}

const impactText = `
  WITH RECURSIVE walk(node, depth) AS (
    SELECT s, 0 FROM unnest($1::text[]) AS s
    UNION
    SELECT l.target, w.depth + 1 FROM walk w JOIN lineage_links l ON l.source = w.node WHERE w.depth < $2
  ),
  nodes AS (SELECT node, min(depth) AS depth FROM walk GROUP BY node),
  -- goods move inside their containers: what each reached object was in, and when (five levels)
  inside(item, container, from_at, to_at, quantity, uom, level) AS (
    SELECT l.source, l.target, l.at, l.valid_to, coalesce(l.source_quantity, 1), l.uom, 1
    FROM lineage_links l WHERE l.kind = 'contains' AND l.source IN (SELECT node FROM nodes)
    UNION ALL
    SELECT i.item, l.target, greatest(i.from_at, l.at), CASE WHEN i.to_at IS NULL THEN l.valid_to
        WHEN l.valid_to IS NULL THEN i.to_at ELSE least(i.to_at, l.valid_to) END, i.quantity, i.uom, i.level + 1
    FROM inside i JOIN lineage_links l ON l.kind = 'contains' AND l.source = i.container
      AND (i.to_at IS NULL OR l.at < i.to_at) AND (l.valid_to IS NULL OR l.valid_to > i.from_at)
    WHERE i.level < 5
  ),
  moved AS (
    SELECT m.epc, m.kind, m.party, m.quantity, m.uom FROM nodes n JOIN lineage_movements m ON m.epc = n.node
    UNION ALL
    SELECT i.item, m.kind, m.party, i.quantity, i.uom FROM inside i JOIN lineage_movements m ON m.epc = i.container
      AND m.at >= i.from_at AND (i.to_at IS NULL OR m.at < i.to_at)
    WHERE NOT EXISTS (SELECT 1 FROM lineage_movements d WHERE d.event_pk = m.event_pk AND d.epc = i.item)
  ),
  held AS (
    SELECT party, epc, uom,
      coalesce(sum(quantity) FILTER (WHERE kind = 'produced'), 0) AS produced,
      coalesce(sum(quantity) FILTER (WHERE kind = 'received'), 0) AS received,
      coalesce(sum(quantity) FILTER (WHERE kind = 'shipped'), 0) AS shipped,
      coalesce(sum(quantity) FILTER (WHERE kind = 'sold'), 0) AS sold,
      coalesce(sum(quantity) FILTER (WHERE kind = 'consumed'), 0) AS consumed,
      coalesce(sum(quantity) FILTER (WHERE kind = 'destroyed'), 0) AS destroyed
    FROM moved WHERE kind <> 'transferred' AND party IS NOT NULL GROUP BY party, epc, uom
  )
  SELECT
    (${objectsOf('nodes')}) AS objects,
    (SELECT json_agg(json_build_array(h.party, h.epc, h.uom, h.produced, h.received, h.shipped, h.sold, h.consumed,
        h.destroyed)) FROM held h) AS holdings,
    (SELECT json_agg(json_build_array(d.id, d.credit_code, d.name, d.region, d.location))
      FROM suyuan_party_directory(ARRAY(SELECT DISTINCT party FROM held)) d) AS directory,
    (SELECT json_agg(json_build_array(t.uri, t.scans)) FROM code_scan_totals t
      WHERE t.uri IN (SELECT node FROM nodes)) AS scans,
    (SELECT json_agg(DISTINCT l.target) FROM lineage_links l
      WHERE l.kind = 'contains' AND l.target IN (SELECT node FROM nodes)) AS containers`;

/** party, object, uom, produced, received, shipped, sold, consumed, destroyed */
export type BareHolding = [string, string, Text, number, number, number, number, number, number];
export interface BareImpact {
  objects: BareObject[];
  holdings: BareHolding[] | null;
  directory: BareDirectory[] | null;
  scans: [string, number][] | null;
  containers: string[] | null;
}

/** An impact assessment of these lots (no time window), as the bare SQL answers it. */
export async function bareImpact(pool: pg.Pool, lots: string[], depth: number): Promise<BareImpact> {
  const { rows } = await pool.query<BareImpact>({
    name: 'bare-impact',
    text: impactText,
    values: [lots, depth],
  });
  return rows[0] as BareImpact;
}
