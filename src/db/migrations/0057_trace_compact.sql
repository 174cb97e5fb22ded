-- Cheaper traces (issue #6; figures in bench/README.md): an index of what a trace reads of each event
-- (3), and suyuan_trace as in 0055 except for 1 and 2:
--
-- 1. Relations and parties name their event by its position in the events array, which is ordered
--    by (time, eventID), instead of repeating the eventID and the time: a relation's or a movement's
--    time is always its event's time (src/trace/derive.ts writes both from the event). A feed lot's
--    forward trace returned ~5,000 party rows and ~1,400 relations, each with a 40-character eventID
--    and a timestamp; the service rebuilds both from the event (src/trace/service.ts).
-- 2. Timestamps are written in UTC (SET TimeZone), which the service turns into the API's form as
--    text instead of parsing each into a Date (objects.ts, iso).
-- 3. What a trace reads of each event (its `ev` step) is also kept in an index, so the events are read
--    by an index-only scan instead of a random heap page of the largest table each: with
--    shared_buffers at the default 128 MB, most of a large trace's time was those page reads. The
--    index holds ~130 bytes an event (1.3 GB for 10 M events). Rows are read from the index alone
--    once VACUUM (autovacuum, for inserts) has marked their pages all-visible.
CREATE INDEX events_trace_head ON events (id) INCLUDE (event_id, event_type, event_time, action, biz_step,
  disposition, biz_location, read_point, owner_enterprise);

CREATE OR REPLACE FUNCTION suyuan_trace(p_start text, p_back boolean, p_forward boolean, p_depth integer,
  p_at timestamptz, p_limit bigint)
RETURNS TABLE (total integer, known boolean, objects json, relations json, parties json, events json,
  directory json)
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan SET TimeZone = 'UTC' AS $$
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
  evn AS MATERIALIZED (
    SELECT e.id, (row_number() OVER (ORDER BY e.event_time, e.event_id COLLATE "C") - 1)::integer AS i
    FROM ev e
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
        l.valid_to, e.i) ORDER BY l.at, l.side, l.source COLLATE "C", l.target COLLATE "C", l.event_pk, l.kind COLLATE "C")
      FROM links l JOIN evn e ON e.id = l.event_pk),
    (SELECT json_agg(json_build_array(m.party, m.kind, m.epc, m.quantity, m.uom, m.counterparty,
        e.i) ORDER BY m.at, m.epc COLLATE "C", e.i, m.kind COLLATE "C")
      FROM moves m JOIN evn e ON e.id = m.event_pk WHERE m.party IS NOT NULL),
    (SELECT json_agg(json_build_array(e.event_id, e.event_type, e.event_time, e.action, e.biz_step,
        e.disposition, e.biz_location, e.read_point, e.owner_enterprise)
        ORDER BY e.event_time, e.event_id COLLATE "C") FROM ev e),
    (SELECT json_agg(json_build_array(d.id, d.credit_code, d.name, d.region, d.location)) FROM dir d);
END
$$;

