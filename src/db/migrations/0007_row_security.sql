-- Row-level security. Requests run their database work inside a transaction that switches to the
-- role suyuan_app (SET LOCAL ROLE through set_config) and records who is asking in suyuan.* settings;
-- the policies below bind that role, so a forgotten WHERE cannot leak another enterprise's rows.
-- System work (authentication, the capture worker, the public resolver) runs as the owner.

DO $$ BEGIN CREATE ROLE suyuan_app NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN EXECUTE format('GRANT suyuan_app TO %I', current_user); EXCEPTION WHEN others THEN NULL; END $$;
GRANT USAGE ON SCHEMA public TO suyuan_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO suyuan_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO suyuan_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO suyuan_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO suyuan_app;

-- Who captured an event, as an enterprise (统一社会信用代码); NULL for keys of no enterprise.
ALTER TABLE events ADD COLUMN owner_enterprise text;
CREATE INDEX events_owner_enterprise ON events (owner_enterprise, id);
ALTER TABLE capture_jobs ADD COLUMN enterprise text;

-- The request's principal, as the policies read it.
CREATE FUNCTION suyuan_setting(name text) RETURNS text LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('suyuan.' || name, true), '') $$;
CREATE FUNCTION suyuan_is_admin() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT coalesce(suyuan_setting('admin') = 'on', false) $$;

-- A regulator oversees enterprises registered in its region: positions 3–8 of a credit code are
-- the GB/T 2260 code of the registering authority (GB 32100). The enterprises' filed regions refine
-- this when they exist.
CREATE FUNCTION suyuan_regulates(enterprise text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT suyuan_setting('role') = 'regulator' AND enterprise IS NOT NULL
    AND substr(enterprise, 3, 6) LIKE suyuan_setting('region') || '%'
$$;

-- Supply-chain partners: an enterprise sees the events of identifiers it has events of itself
-- (the upstream and downstream parties of the same codes). SECURITY DEFINER, so the check reads
-- events without recursing into their own policy.
CREATE FUNCTION suyuan_partner_of(event_pk bigint, enterprise text) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT enterprise IS NOT NULL AND EXISTS (
    SELECT 1 FROM event_epcs x
    JOIN event_epcs y ON y.epc = x.epc AND y.event_pk <> x.event_pk
    JOIN events o ON o.id = y.event_pk
    WHERE x.event_pk = $1 AND o.owner_enterprise = $2)
$$;

ALTER TABLE events ENABLE ROW LEVEL SECURITY;
CREATE POLICY events_read ON events FOR SELECT TO suyuan_app USING (
  suyuan_is_admin()
  OR captured_by = suyuan_setting('principal')
  OR owner_enterprise = suyuan_setting('enterprise')
  OR suyuan_regulates(owner_enterprise)
  OR suyuan_partner_of(id, suyuan_setting('enterprise')));

-- Child rows are visible exactly when their event is.
ALTER TABLE event_epcs ENABLE ROW LEVEL SECURITY;
CREATE POLICY event_epcs_read ON event_epcs FOR SELECT TO suyuan_app
  USING (EXISTS (SELECT 1 FROM events e WHERE e.id = event_pk));
ALTER TABLE event_biz_transactions ENABLE ROW LEVEL SECURITY;
CREATE POLICY event_biz_transactions_read ON event_biz_transactions FOR SELECT TO suyuan_app
  USING (EXISTS (SELECT 1 FROM events e WHERE e.id = event_pk));
ALTER TABLE event_parties ENABLE ROW LEVEL SECURITY;
CREATE POLICY event_parties_read ON event_parties FOR SELECT TO suyuan_app
  USING (EXISTS (SELECT 1 FROM events e WHERE e.id = event_pk));
ALTER TABLE event_sensor_reports ENABLE ROW LEVEL SECURITY;
CREATE POLICY event_sensor_reports_read ON event_sensor_reports FOR SELECT TO suyuan_app
  USING (EXISTS (SELECT 1 FROM events e WHERE e.id = event_pk));

ALTER TABLE capture_jobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY capture_jobs_own ON capture_jobs FOR ALL TO suyuan_app
  USING (suyuan_is_admin() OR captured_by = suyuan_setting('principal'))
  WITH CHECK (suyuan_is_admin() OR captured_by = suyuan_setting('principal'));

ALTER TABLE codes ENABLE ROW LEVEL SECURITY;
CREATE POLICY codes_own ON codes FOR ALL TO suyuan_app
  USING (suyuan_is_admin() OR owner = suyuan_setting('enterprise') OR suyuan_regulates(owner))
  WITH CHECK (suyuan_is_admin() OR owner = suyuan_setting('enterprise'));

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY api_keys_own ON api_keys FOR ALL TO suyuan_app
  USING (suyuan_is_admin() OR enterprise = suyuan_setting('enterprise'))
  WITH CHECK (suyuan_is_admin() OR enterprise = suyuan_setting('enterprise'));

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY users_own ON users FOR ALL TO suyuan_app
  USING (suyuan_is_admin() OR enterprise = suyuan_setting('enterprise') OR 'user:' || id = suyuan_setting('principal'))
  WITH CHECK (suyuan_is_admin() OR enterprise = suyuan_setting('enterprise'));

-- Sessions are the authentication layer's alone; requests never see them.
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_log_admin_reads ON audit_log FOR SELECT TO suyuan_app USING (suyuan_is_admin());
CREATE POLICY audit_log_append ON audit_log FOR INSERT TO suyuan_app WITH CHECK (true);
