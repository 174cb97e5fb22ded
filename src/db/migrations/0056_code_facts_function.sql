-- Everything a resolve needs for a batch of codes (src/resolver/lookup.ts), as a function with one
-- generic plan: the statement was planned again for every batch, which cost ~3.5 ms of database CPU
-- per batch of uncached codes (more than executing it for a few dozen codes).
-- The open public-scans warning is looked up per code through an index of open warnings by code:
-- before, the planner could read every open public-scans warning for each batch or even each code
-- (20,000 of them after a load test: 9 ms a batch, or 3 ms a code, against ~1 ms for 50 codes now).
CREATE INDEX warnings_open_code ON warnings (code, rule)
  WHERE status IN ('new', 'acknowledged') AND code IS NOT NULL;

CREATE FUNCTION suyuan_code_facts(p_uris text[])
RETURNS TABLE (uri text, value text, scheme text, kind text, owner text, product text, product_name text,
  lot text, production_date date, expiry_date date, state text, issued_at timestamptz, activated_at timestamptz,
  state_reason text, scans bigint, first_scan timestamptz, events bigint, first_event timestamptz,
  last_event timestamptz, last_biz_step text, last_disposition text, recall_id bigint, recall_title text,
  recall_reason text, recall_severity smallint, recall_ordered_by text, recall_opened_at timestamptz,
  suspected_copy boolean, stop_trading boolean)
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT i.uri, c.value, c.scheme, c.kind, c.owner, c.product, c.product_name, c.lot, c.production_date,
    c.expiry_date, c.state, c.issued_at, c.activated_at, c.state_reason, t.scans, t.first_scan,
    ev.events, ev.first_event, ev.last_event, ev.last_biz_step, ev.last_disposition,
    rc.id, rc.title, rc.reason, rc.severity, rc.ordered_by, rc.opened_at,
    coalesce(sc.open, false),
    EXISTS (SELECT 1 FROM enterprises en WHERE en.credit_code = c.owner
            AND en.status IN ('suspended', 'cancelled'))
  FROM unnest(p_uris) AS i(uri)
  LEFT JOIN codes c ON c.uri = i.uri
  LEFT JOIN code_scan_totals t ON t.uri = i.uri
  LEFT JOIN LATERAL (
    SELECT count(*) AS events, min(e.event_time) AS first_event, max(e.event_time) AS last_event,
      (array_agg(e.biz_step ORDER BY e.event_time DESC, e.id DESC))[1] AS last_biz_step,
      (array_agg(e.disposition ORDER BY e.event_time DESC, e.id DESC) FILTER (WHERE e.disposition IS NOT NULL))[1]
        AS last_disposition
    FROM event_epcs x JOIN events e ON e.id = x.event_pk
    WHERE x.epc = i.uri AND e.error_declaration_time IS NULL) ev ON true
  LEFT JOIN LATERAL (
    SELECT r.id, r.title, r.reason, r.severity, r.ordered_by, r.opened_at
    FROM recall_codes k JOIN recalls r ON r.id = k.recall_id AND r.status = 'open'
    WHERE k.uri IN (i.uri, CASE WHEN c.product ~ '^[0-9]{14}$' AND c.lot IS NOT NULL
                                THEN 'https://id.gs1.org/01/' || c.product || '/10/' || c.lot END)
    ORDER BY r.severity, r.opened_at LIMIT 1) rc ON true
  LEFT JOIN LATERAL (
    SELECT true AS open FROM warnings w
    WHERE w.code = i.uri AND w.rule = 'public-scans' AND w.status IN ('new', 'acknowledged')
    LIMIT 1) sc ON true;
END
$$;
