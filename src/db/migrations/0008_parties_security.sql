-- Row-level security for the parties and master data (migration 0005), on the model of 0007:
-- an enterprise reads and writes its own rows; a regulator reads the enterprises filed in its
-- region (and their master data) and may change their filing; the catalog is public.

CREATE FUNCTION suyuan_oversees(region text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT suyuan_setting('role') = 'regulator' AND region LIKE suyuan_setting('region') || '%'
$$;

-- The region an enterprise is filed in, read past the enterprises policy (no recursion).
CREATE FUNCTION suyuan_enterprise_region(enterprise text) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
  $$ SELECT region FROM enterprises WHERE credit_code = $1 $$;

CREATE FUNCTION suyuan_may_read(enterprise text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT suyuan_is_admin() OR enterprise = suyuan_setting('enterprise')
    OR (suyuan_setting('role') = 'regulator' AND suyuan_oversees(suyuan_enterprise_region(enterprise)))
$$;
CREATE FUNCTION suyuan_may_write(enterprise text) RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT suyuan_is_admin() OR enterprise = suyuan_setting('enterprise') $$;

ALTER TABLE enterprises ENABLE ROW LEVEL SECURITY;
CREATE POLICY enterprises_read ON enterprises FOR SELECT TO suyuan_app
  USING (suyuan_is_admin() OR credit_code = suyuan_setting('enterprise') OR suyuan_oversees(region));
CREATE POLICY enterprises_insert ON enterprises FOR INSERT TO suyuan_app
  WITH CHECK (suyuan_may_write(credit_code));
-- Regulators update filing status; enterprises their own data.
CREATE POLICY enterprises_update ON enterprises FOR UPDATE TO suyuan_app
  USING (suyuan_is_admin() OR credit_code = suyuan_setting('enterprise') OR suyuan_oversees(region));

ALTER TABLE enterprise_filings ENABLE ROW LEVEL SECURITY;
CREATE POLICY enterprise_filings_read ON enterprise_filings FOR SELECT TO suyuan_app USING (suyuan_may_read(enterprise));
CREATE POLICY enterprise_filings_insert ON enterprise_filings FOR INSERT TO suyuan_app WITH CHECK (suyuan_may_read(enterprise));

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['merchants', 'credentials', 'locations', 'products'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT TO suyuan_app USING (suyuan_may_read(enterprise))', t || '_read', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR INSERT TO suyuan_app WITH CHECK (suyuan_may_write(enterprise))', t || '_insert', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR UPDATE TO suyuan_app USING (suyuan_may_write(enterprise)) WITH CHECK (suyuan_may_write(enterprise))', t || '_update', t);
  END LOOP;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['catalog_nodes', 'catalog_lists', 'catalog_list_items'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT TO suyuan_app USING (true)', t || '_read', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR ALL TO suyuan_app USING (suyuan_is_admin()) WITH CHECK (suyuan_is_admin())', t || '_admin', t);
  END LOOP;
END $$;

-- Secrets never reach a request directly: one function hands out (and creates) a named secret.
REVOKE ALL ON secrets FROM suyuan_app;
-- `candidate` (32 random bytes from the caller) becomes the secret when none exists yet.
CREATE FUNCTION suyuan_secret(secret_name text, candidate bytea) RETURNS bytea
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE v bytea;
BEGIN
  SELECT value INTO v FROM secrets WHERE name = secret_name;
  IF v IS NULL THEN
    INSERT INTO secrets (name, value) VALUES (secret_name, candidate)
      ON CONFLICT (name) DO NOTHING;
    SELECT value INTO v FROM secrets WHERE name = secret_name;
  END IF;
  RETURN v;
END $$;
