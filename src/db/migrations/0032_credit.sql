-- Credit (信用): spot checks (随机抽查), the quality-dishonesty blacklist (质量失信黑名单), consumer
-- alerts (消费提示) and policy notices (政策公告). The credit score is computed from these and from
-- reporting, warnings, recalls and complaints (src/credit/README.md).

CREATE TABLE spot_checks (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  enterprise  text NOT NULL,
  checked_on  date NOT NULL,
  subject     text NOT NULL,                 -- what was checked: a product, a lot, the ledger …
  code        text,                          -- lot or code checked, when there is one
  result      text NOT NULL CHECK (result IN ('pass', 'fail')),
  findings    text,
  department  text,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX spot_checks_enterprise ON spot_checks (enterprise, checked_on DESC);

CREATE TABLE blacklist (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  enterprise   text NOT NULL,                -- 统一社会信用代码
  name         text NOT NULL,
  reason       text NOT NULL,
  listed_from  date NOT NULL,
  listed_to    date,                         -- NULL: until removed
  region       text,
  added_by     text NOT NULL,
  added_at     timestamptz NOT NULL DEFAULT now(),
  removed_at   timestamptz,
  removed_by   text,
  removal_reason text,
  CHECK (listed_to IS NULL OR listed_to >= listed_from)
);
CREATE INDEX blacklist_enterprise ON blacklist (enterprise);

CREATE TABLE alerts (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title         text NOT NULL,
  body          text NOT NULL,
  category      text,
  region        text,
  products      text[] NOT NULL DEFAULT '{}',
  published_by  text NOT NULL,
  published_at  timestamptz NOT NULL DEFAULT now(),
  withdrawn_at  timestamptz
);
CREATE INDEX alerts_published ON alerts (published_at DESC);

CREATE TABLE notices (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title         text NOT NULL,
  body          text NOT NULL,
  kind          text NOT NULL DEFAULT 'policy' CHECK (kind IN ('policy', 'notice', 'regulation')),
  region        text,
  department    text,
  published_by  text NOT NULL,
  published_at  timestamptz NOT NULL DEFAULT now(),
  withdrawn_at  timestamptz
);
CREATE INDEX notices_published ON notices (published_at DESC);

-- Spot checks: the enterprise reads its own, regulators those they oversee, and record them.
ALTER TABLE spot_checks ENABLE ROW LEVEL SECURITY;
CREATE POLICY spot_checks_read ON spot_checks FOR SELECT TO suyuan_app USING (
  suyuan_is_admin() OR enterprise = suyuan_setting('enterprise') OR suyuan_regulates(enterprise));
CREATE POLICY spot_checks_write ON spot_checks FOR INSERT TO suyuan_app
  WITH CHECK (suyuan_is_admin() OR suyuan_regulates(enterprise));

-- Blacklist, alerts and notices are public: everyone reads them (public reads run as the owner
-- anyway); regulators write, the blacklist only for enterprises they oversee, alerts and notices
-- only for their region (withdrawing included); a nationwide one (region NULL) is the
-- administrators'. No policy allows DELETE: withdrawal and removal keep the row.
ALTER TABLE blacklist ENABLE ROW LEVEL SECURITY;
CREATE POLICY blacklist_read ON blacklist FOR SELECT TO suyuan_app USING (true);
CREATE POLICY blacklist_write ON blacklist FOR INSERT TO suyuan_app
  WITH CHECK (suyuan_is_admin() OR suyuan_regulates(enterprise));
CREATE POLICY blacklist_update ON blacklist FOR UPDATE TO suyuan_app
  USING (suyuan_is_admin() OR suyuan_regulates(enterprise));

ALTER TABLE alerts ENABLE ROW LEVEL SECURITY;
CREATE POLICY alerts_read ON alerts FOR SELECT TO suyuan_app USING (true);
CREATE POLICY alerts_insert ON alerts FOR INSERT TO suyuan_app
  WITH CHECK (suyuan_is_admin() OR suyuan_oversees(region));
CREATE POLICY alerts_update ON alerts FOR UPDATE TO suyuan_app
  USING (suyuan_is_admin() OR suyuan_oversees(region))
  WITH CHECK (suyuan_is_admin() OR suyuan_oversees(region));

ALTER TABLE notices ENABLE ROW LEVEL SECURITY;
CREATE POLICY notices_read ON notices FOR SELECT TO suyuan_app USING (true);
CREATE POLICY notices_insert ON notices FOR INSERT TO suyuan_app
  WITH CHECK (suyuan_is_admin() OR suyuan_oversees(region));
CREATE POLICY notices_update ON notices FOR UPDATE TO suyuan_app
  USING (suyuan_is_admin() OR suyuan_oversees(region))
  WITH CHECK (suyuan_is_admin() OR suyuan_oversees(region));
