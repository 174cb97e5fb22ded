-- Early warning (预警): warnings raised by the rules of src/warnings/rules, their status history,
-- per-region and per-industry rule settings, and the progress of scheduled scans.

-- A warning about one subject (a code, an event, an enterprise's licence …). `subject` is the
-- rule's own key for "the same thing": while a warning is open (new or acknowledged) the same rule
-- does not raise about the same subject again.
CREATE TABLE warnings (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  rule        text NOT NULL,
  severity    text NOT NULL CHECK (severity IN ('high', 'medium', 'low')),
  status      text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'acknowledged', 'resolved', 'dismissed')),
  subject     text NOT NULL,
  enterprise  text,                      -- the enterprise concerned (统一社会信用代码), shown the warning
  region      text,                      -- its GB/T 2260 region: the regulators of the region get it
  industries  text[] NOT NULL DEFAULT '{}',
  code        text,                      -- the main identifier concerned (canonical URI), if any
  message     text NOT NULL,             -- zh-CN, with the facts in it
  evidence    jsonb NOT NULL DEFAULT '{}'::jsonb,  -- {events: [eventID], codes: [uri], parties: [id], facts: {}}
  source      text NOT NULL CHECK (source IN ('capture', 'schedule')),
  raised_at   timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  closed_at   timestamptz
);
CREATE UNIQUE INDEX warnings_open_once ON warnings (rule, subject) WHERE status IN ('new', 'acknowledged');
CREATE INDEX warnings_subject ON warnings (rule, subject);
CREATE INDEX warnings_raised ON warnings (raised_at DESC, id DESC);
CREATE INDEX warnings_region ON warnings (region text_pattern_ops, raised_at DESC);
CREATE INDEX warnings_enterprise ON warnings (enterprise, raised_at DESC);
CREATE INDEX warnings_code ON warnings (code) WHERE code IS NOT NULL;
CREATE INDEX warnings_status ON warnings (status, raised_at DESC);

-- Every change of status: who, when, why. Append-only.
CREATE TABLE warning_history (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  warning_id   bigint NOT NULL REFERENCES warnings (id),
  from_status  text,
  to_status    text NOT NULL,
  reason       text NOT NULL,
  changed_by   text NOT NULL,
  changed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX warning_history_warning ON warning_history (warning_id, id);
CREATE FUNCTION warning_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'warning_history is append-only';
END $$;
CREATE TRIGGER warning_history_no_change BEFORE UPDATE OR DELETE ON warning_history
  FOR EACH ROW EXECUTE FUNCTION warning_history_append_only();

-- Settings of a rule for a region (GB/T 2260 prefix, '' = everywhere) and an industry ('' = all):
-- `settings` holds only what differs from the rule's defaults — `enabled`, `severity` and parameters.
CREATE TABLE warning_rule_settings (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  rule        text NOT NULL,
  region      text NOT NULL DEFAULT '' CHECK (region ~ '^([0-9]{2}){0,3}$'),
  industry    text NOT NULL DEFAULT '',
  settings    jsonb NOT NULL CHECK (jsonb_typeof(settings) = 'object'),
  updated_by  text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (rule, region, industry)
);

-- The setting `key` of `rule` for an enterprise: the most specific row that has the key (longest
-- region prefix first, then an industry row before an all-industries row). NULL: the default.
-- src/warnings/settings.ts resolves the same way in TypeScript (capture resolves once per batch).
CREATE FUNCTION warning_setting(rule_id text, key text, enterprise text) RETURNS jsonb
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.settings -> key
  FROM warning_rule_settings s
  LEFT JOIN enterprises e ON e.credit_code = enterprise
  WHERE s.rule = rule_id AND s.settings ? key
    AND (s.region = '' OR coalesce(e.region, substr(enterprise, 3, 6), '') LIKE s.region || '%')
    AND (s.industry = '' OR s.industry = ANY (coalesce(e.industries, '{}')))
  ORDER BY length(s.region) DESC, (s.industry <> '') DESC, s.industry
  LIMIT 1
$$;

-- Scheduled scans (job `warnings.scan`): one row per pg-boss job, one per rule it finished. A job
-- retried after a stop resumes after the last finished rule.
CREATE TABLE warning_runs (
  job_id       text PRIMARY KEY,
  started_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  attempts     integer NOT NULL DEFAULT 1,
  scan_time    timestamptz NOT NULL     -- the "now" the rules judged by (kept across retries)
);
CREATE TABLE warning_run_rules (
  job_id       text NOT NULL REFERENCES warning_runs (job_id) ON DELETE CASCADE,
  rule         text NOT NULL,
  raised       integer NOT NULL,
  finished_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job_id, rule)
);

-- Row-level security: an enterprise reads the warnings about itself; a regulator those of its region
-- (and, with industry scopes, its industries); the public none. Status changes go through
-- regulators and administrators; warnings are raised by system work (the owner role).
ALTER TABLE warnings ENABLE ROW LEVEL SECURITY;
CREATE FUNCTION suyuan_regulates_warning(region text, industries text[]) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT suyuan_setting('role') = 'regulator' AND region IS NOT NULL
    AND region LIKE coalesce(suyuan_setting('region'), '') || '%'
    AND (suyuan_setting('industries') IS NULL OR cardinality(industries) = 0
         OR industries && string_to_array(suyuan_setting('industries'), ','))
$$;
CREATE POLICY warnings_read ON warnings FOR SELECT TO suyuan_app USING (
  suyuan_is_admin()
  OR (enterprise IS NOT NULL AND enterprise = suyuan_setting('enterprise'))
  OR suyuan_regulates_warning(region, industries));
CREATE POLICY warnings_update ON warnings FOR UPDATE TO suyuan_app
  USING (suyuan_is_admin() OR suyuan_regulates_warning(region, industries))
  WITH CHECK (suyuan_is_admin() OR suyuan_regulates_warning(region, industries));

ALTER TABLE warning_history ENABLE ROW LEVEL SECURITY;
CREATE POLICY warning_history_read ON warning_history FOR SELECT TO suyuan_app
  USING (EXISTS (SELECT 1 FROM warnings w WHERE w.id = warning_id));
CREATE POLICY warning_history_insert ON warning_history FOR INSERT TO suyuan_app
  WITH CHECK (EXISTS (SELECT 1 FROM warnings w WHERE w.id = warning_id
    AND (suyuan_is_admin() OR suyuan_regulates_warning(w.region, w.industries))));

-- Rule settings are readable by every signed-in caller; a regulator writes them within its region
-- and industries, an administrator everywhere.
ALTER TABLE warning_rule_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY warning_rule_settings_read ON warning_rule_settings FOR SELECT TO suyuan_app USING (true);
CREATE POLICY warning_rule_settings_write ON warning_rule_settings FOR ALL TO suyuan_app
  USING (suyuan_is_admin() OR (suyuan_setting('role') = 'regulator'
    AND region LIKE coalesce(suyuan_setting('region'), '') || '%'
    AND (suyuan_setting('industries') IS NULL OR industry = ANY (string_to_array(suyuan_setting('industries'), ',')))))
  WITH CHECK (suyuan_is_admin() OR (suyuan_setting('role') = 'regulator'
    AND region LIKE coalesce(suyuan_setting('region'), '') || '%'
    AND (suyuan_setting('industries') IS NULL OR industry = ANY (string_to_array(suyuan_setting('industries'), ',')))));

ALTER TABLE warning_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE warning_run_rules ENABLE ROW LEVEL SECURITY;
CREATE POLICY warning_runs_admin ON warning_runs FOR SELECT TO suyuan_app USING (suyuan_is_admin());
CREATE POLICY warning_run_rules_admin ON warning_run_rules FOR SELECT TO suyuan_app USING (suyuan_is_admin());
