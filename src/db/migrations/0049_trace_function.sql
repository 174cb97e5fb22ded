-- A whole trace in one call (src/trace/graph-query.ts): PL/pgSQL keeps the statement's plan for
-- the session, so a trace is not planned again at every request (planning this statement costs
-- about as much as running it for a typical trace of a few dozen objects).

-- The filed enterprise behind party and location identifiers of events (src/trace/parties.ts):
-- a location's identifier (urn:suyuan:loc:CODE:n or its GS1 414 form), an enterprise's GLN
-- (414/417, with or without extension), or a credit code (bare or urn:suyuan:party:CODE).
-- PL/pgSQL too, for the kept plan (a trace passes it a subquery, so it could not be inlined).
CREATE FUNCTION suyuan_party_directory(ids text[])
RETURNS TABLE (id text, credit_code text, name text, region text, location text)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT DISTINCT ON (i.id) i.id, e.credit_code, e.name, e.region, l.name
  FROM (
    -- the LIKE guards only skip regular expressions that could not match
    SELECT x.id,
      CASE WHEN x.id LIKE 'https://id.gs1.org/41%'
        THEN substring(x.id FROM '^https://id\.gs1\.org/41[47]/([0-9]{13})(?:/|$)') END AS gln,
      CASE WHEN length(b.bare) = 18 AND b.bare ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'
        THEN b.bare END AS code
    FROM unnest(ids) AS x(id)
    CROSS JOIN LATERAL (SELECT CASE WHEN x.id ILIKE 'urn:suyuan:%'
      THEN regexp_replace(regexp_replace(x.id, '^urn:suyuan:(party|enterprise):', '', 'i'),
        '^urn:suyuan:loc:([^:]+):[^:]+$', '\1', 'i')
      ELSE x.id END AS bare) b
    WHERE length(x.id) BETWEEN 1 AND 511
  ) AS i
  LEFT JOIN locations l ON l.identifier = i.id
  JOIN enterprises e ON e.credit_code = coalesce(l.enterprise, i.code)
    OR (l.enterprise IS NULL AND i.code IS NULL AND e.gln = i.gln)
  ORDER BY i.id, (l.enterprise IS NOT NULL) DESC;
END
$$;

-- Back (p_back), forward (p_forward) or both from p_start, p_depth hops at most, as the graph
-- stood at p_at (NULL: every relation there ever was), the p_limit nearest objects (NULL: all).
-- One row: nodes reached, whether the start is known at all (only when no relation was found),
-- and the objects, relations, parties, events and party directory as JSON arrays of tuples.
CREATE FUNCTION suyuan_trace(p_start text, p_back boolean, p_forward boolean, p_depth integer,
  p_at timestamptz, p_limit bigint)
RETURNS TABLE (total integer, known boolean, objects json, relations json, parties json, events json,
  directory json)
LANGUAGE plpgsql STABLE AS $$
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
    SELECT DISTINCT ON (x.node) x.node, x.d
    FROM (SELECT p_start AS node, 0 AS d UNION ALL SELECT s.node, s.d FROM steps s) x
    ORDER BY x.node, abs(x.d), x.d
  ),
  kept AS MATERIALIZED (
    SELECT r.node, r.d FROM reached r ORDER BY abs(r.d), r.node COLLATE "C" LIMIT p_limit
  ),
  links AS MATERIALIZED (
    SELECT DISTINCT ON (s.source, s.target, s.event_pk, s.kind) s.side, s.source, s.target, s.kind,
      s.source_quantity, s.target_quantity, s.uom, s.at, s.valid_to, s.event_pk
    FROM steps s
    WHERE p_limit IS NULL
      OR (s.source IN (SELECT k.node FROM kept k) AND s.target IN (SELECT k.node FROM kept k))
    ORDER BY s.source, s.target, s.event_pk, s.kind, s.side
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
      LEFT JOIN LATERAL (SELECT m.at, m.party, e.doc->'ilmd' AS ilmd FROM lineage_movements m
        JOIN events e ON e.id = m.event_pk
        WHERE m.epc = k.node AND m.kind = 'produced' ORDER BY m.at, m.event_pk LIMIT 1) p ON true),
    (SELECT json_agg(json_build_array(l.source, l.target, l.kind, l.source_quantity, l.target_quantity, l.uom,
        l.at, l.valid_to, e.event_id) ORDER BY l.at, l.side, l.source, l.target, l.event_pk, l.kind)
      FROM links l JOIN ev e ON e.id = l.event_pk),
    (SELECT json_agg(json_build_array(m.party, m.kind, m.epc, m.quantity, m.uom, m.at, m.counterparty,
        e.event_id) ORDER BY m.at, m.epc COLLATE "C", e.event_id COLLATE "C", m.kind)
      FROM moves m JOIN ev e ON e.id = m.event_pk WHERE m.party IS NOT NULL),
    (SELECT json_agg(json_build_array(e.event_id, e.event_type, e.event_time, e.action, e.biz_step,
        e.disposition, e.biz_location, e.read_point, e.owner_enterprise)
        ORDER BY e.event_time, e.event_id COLLATE "C") FROM ev e),
    (SELECT json_agg(json_build_array(d.id, d.credit_code, d.name, d.region, d.location)) FROM dir d);
END
$$;
