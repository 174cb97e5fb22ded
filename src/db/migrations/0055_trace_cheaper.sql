-- Cheaper traces at national scale (issue #6; figures in bench/README.md).
--
-- 1. The ilmd of what an event produces is kept on its `produced` movement rows, so a trace or an
--    impact assessment reads an object's origin from the movement it already reads instead of
--    fetching the production event (a random page of the largest table, and its JSON) per object.
--    It is a copy of events.doc->'ilmd' (EPCIS ilmd is a small map of master data); the event stays
--    the record.
-- 2. suyuan_trace keeps one generic plan: PL/pgSQL's plan cache otherwise kept choosing a custom
--    plan, so every trace was planned again, which cost as much as a small trace itself.
-- 3. Its sorts and DISTINCTs on identifiers use the "C" collation (byte order): the result only needs
--    a stable order, and a linguistic collation costs a strcoll per comparison.

ALTER TABLE lineage_movements ADD COLUMN ilmd jsonb;

UPDATE lineage_movements m SET ilmd = e.doc->'ilmd'
FROM events e
WHERE m.kind = 'produced' AND e.id = m.event_pk AND jsonb_typeof(e.doc->'ilmd') = 'object';

ALTER FUNCTION suyuan_party_directory(text[]) SET plan_cache_mode = force_generic_plan;

CREATE OR REPLACE FUNCTION suyuan_trace(p_start text, p_back boolean, p_forward boolean, p_depth integer,
  p_at timestamptz, p_limit bigint)
RETURNS TABLE (total integer, known boolean, objects json, relations json, parties json, events json,
  directory json)
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH RECURSIVE back(node, depth, source, target, kind, source_quantity, target_quantity, uom, at, valid_to,
      event_pk) AS (
    SELECT p_start, 0, NULL::text, NULL::text, NULL::text, NULL::float8, NULL::float8, NULL::text,
      NULL::timestamptz, NULL::timestamptz, NULL::bigint WHERE p_back
    UNION
    SELECT l.source, w.depth + 1, l.source, l.target, l.kind, l.source_quantity, l.target_quantity, l.uom, l.at,
      l.valid_to, l.event_pk
    FROM back w JOIN lineage_links l ON l.target = w.node
    WHERE w.depth < p_depth AND (p_at IS NULL OR (l.at <= p_at AND (l.valid_to IS NULL OR l.valid_to > p_at)))
  ),
  fwd(node, depth, source, target, kind, source_quantity, target_quantity, uom, at, valid_to, event_pk) AS (
    SELECT p_start, 0, NULL::text, NULL::text, NULL::text, NULL::float8, NULL::float8, NULL::text,
      NULL::timestamptz, NULL::timestamptz, NULL::bigint WHERE p_forward
    UNION
    SELECT l.target, w.depth + 1, l.source, l.target, l.kind, l.source_quantity, l.target_quantity, l.uom, l.at,
      l.valid_to, l.event_pk
    FROM fwd w JOIN lineage_links l ON l.source = w.node
    WHERE w.depth < p_depth AND (p_at IS NULL OR (l.at <= p_at AND (l.valid_to IS NULL OR l.valid_to > p_at)))
  ),
  steps AS MATERIALIZED (
    SELECT 0 AS side, -b.depth AS d, b.* FROM back b WHERE b.depth > 0
    UNION ALL
    SELECT 1, f.depth, f.* FROM fwd f WHERE f.depth > 0
  ),
  reached AS MATERIALIZED (
    SELECT DISTINCT ON (x.node COLLATE "C") x.node, x.d
    FROM (SELECT p_start AS node, 0 AS d UNION ALL SELECT s.node, s.d FROM steps s) x
    ORDER BY x.node COLLATE "C", abs(x.d), x.d
  ),
  kept AS MATERIALIZED (
    SELECT r.node, r.d FROM reached r ORDER BY abs(r.d), r.node COLLATE "C" LIMIT p_limit
  ),
  links AS MATERIALIZED (
    SELECT DISTINCT ON (s.source COLLATE "C", s.target COLLATE "C", s.event_pk, s.kind COLLATE "C") s.side, s.source, s.target, s.kind,
      s.source_quantity, s.target_quantity, s.uom, s.at, s.valid_to, s.event_pk
    FROM steps s
    WHERE p_limit IS NULL
      OR (s.source IN (SELECT k.node FROM kept k) AND s.target IN (SELECT k.node FROM kept k))
    ORDER BY s.source COLLATE "C", s.target COLLATE "C", s.event_pk, s.kind COLLATE "C", s.side
  ),
  moves AS MATERIALIZED (
    SELECT m.epc, m.kind, m.party, m.counterparty, m.quantity, m.uom, m.at, m.event_pk
    FROM kept k JOIN lineage_movements m ON m.epc = k.node
    WHERE p_at IS NULL OR m.at <= p_at
  ),
  ev AS MATERIALIZED (
    SELECT e.id, e.event_id, e.event_type, e.event_time, e.action, e.biz_step, e.disposition, e.biz_location,
      e.read_point, e.owner_enterprise
    FROM (SELECT l.event_pk FROM links l UNION SELECT m.event_pk FROM moves m) x
    JOIN events e ON e.id = x.event_pk
  ),
  dir AS MATERIALIZED (
    SELECT * FROM suyuan_party_directory(ARRAY(
      SELECT m.party FROM moves m WHERE m.party IS NOT NULL
      UNION SELECT e.biz_location FROM ev e WHERE e.biz_location IS NOT NULL
      UNION SELECT e.read_point FROM ev e WHERE e.read_point IS NOT NULL
      UNION SELECT e.owner_enterprise FROM ev e WHERE e.owner_enterprise IS NOT NULL))
  )
  SELECT
    (SELECT count(*) FROM reached)::integer,
    CASE WHEN NOT EXISTS (SELECT 1 FROM steps) THEN
      EXISTS (SELECT 1 FROM codes c WHERE c.uri = p_start)
        OR EXISTS (SELECT 1 FROM event_epcs x WHERE x.epc = p_start)
    END,
    (SELECT json_agg(json_build_array(k.node, c.value, c.kind, c.owner, c.product, c.product_name, c.lot,
        c.production_date, c.expiry_date, p.at, p.party, p.ilmd, k.d) ORDER BY k.d, k.node COLLATE "C")
      FROM kept k
      LEFT JOIN codes c ON c.uri = k.node
      LEFT JOIN LATERAL (SELECT m.at, m.party, m.ilmd FROM lineage_movements m
        WHERE m.epc = k.node AND m.kind = 'produced' ORDER BY m.at, m.event_pk LIMIT 1) p ON true),
    (SELECT json_agg(json_build_array(l.source, l.target, l.kind, l.source_quantity, l.target_quantity, l.uom,
        l.at, l.valid_to, e.event_id) ORDER BY l.at, l.side, l.source COLLATE "C", l.target COLLATE "C", l.event_pk, l.kind COLLATE "C")
      FROM links l JOIN ev e ON e.id = l.event_pk),
    (SELECT json_agg(json_build_array(m.party, m.kind, m.epc, m.quantity, m.uom, m.at, m.counterparty,
        e.event_id) ORDER BY m.at, m.epc COLLATE "C", e.event_id COLLATE "C", m.kind COLLATE "C")
      FROM moves m JOIN ev e ON e.id = m.event_pk WHERE m.party IS NOT NULL),
    (SELECT json_agg(json_build_array(e.event_id, e.event_type, e.event_time, e.action, e.biz_step,
        e.disposition, e.biz_location, e.read_point, e.owner_enterprise)
        ORDER BY e.event_time, e.event_id COLLATE "C") FROM ev e),
    (SELECT json_agg(json_build_array(d.id, d.credit_code, d.name, d.region, d.location)) FROM dir d);
END
$$;
