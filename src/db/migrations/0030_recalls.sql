-- Recall and emergency handling (问题产品召回及应急处置). A recall names its targets (products, lots,
-- codes); the impact assessment at opening gives the affected codes (recall_codes: the recalled
-- state the resolver and the stop-trading capture check read) and the holders, each notified and
-- each reporting what it found, returned and destroyed.

CREATE TABLE recalls (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  enterprise    text NOT NULL,                 -- responsible enterprise (统一社会信用代码)
  region        text,                          -- its GB/T 2260 region, for the emergency view
  ordered_by    text NOT NULL CHECK (ordered_by IN ('enterprise', 'regulator')),
  opened_by     text NOT NULL,                 -- principal id
  title         text NOT NULL,
  reason        text NOT NULL,
  severity      smallint NOT NULL CHECK (severity IN (1, 2, 3)),  -- 一级 (most serious) … 三级
  targets       jsonb NOT NULL,                -- {products, lots, codes} as given
  lots          text[] NOT NULL,               -- canonical identifiers the impact started from
  impact        jsonb NOT NULL,                -- the assessment at opening: counts, scans, regions
  respond_days  integer NOT NULL CHECK (respond_days BETWEEN 1 AND 90),
  complete_days integer NOT NULL CHECK (complete_days BETWEEN 1 AND 365),
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  opened_at     timestamptz NOT NULL DEFAULT now(),
  closed_at     timestamptz,
  closed_by     text,
  closure       text                           -- the closure summary
);
CREATE INDEX recalls_enterprise ON recalls (enterprise, opened_at DESC);
CREATE INDEX recalls_open ON recalls (status) WHERE status = 'open';

-- Every affected identifier (canonical URI). Read by the resolver and the capture check as owner.
CREATE TABLE recall_codes (
  recall_id  bigint NOT NULL REFERENCES recalls (id) ON DELETE CASCADE,
  uri        text NOT NULL,
  PRIMARY KEY (uri, recall_id)
);
CREATE INDEX recall_codes_recall ON recall_codes (recall_id);

-- A holder of affected goods at opening: one row per party and unit. The row is its notice.
CREATE TABLE recall_holders (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  recall_id     bigint NOT NULL REFERENCES recalls (id) ON DELETE CASCADE,
  party         text NOT NULL,                 -- the party as events name it (GLN URI …)
  enterprise    text,                          -- the filed enterprise behind it, when known
  region        text,
  latitude      double precision,              -- the enterprise's place, for the emergency map
  longitude     double precision,
  uom           text,
  held          double precision NOT NULL,     -- quantity held at opening (impact)
  received      double precision NOT NULL,
  objects       integer NOT NULL,
  status        text NOT NULL DEFAULT 'notified' CHECK (status IN ('notified', 'acknowledged', 'reported', 'completed')),
  notified_at   timestamptz NOT NULL DEFAULT now(),
  due_at        timestamptz NOT NULL,
  acknowledged_at timestamptz,
  reminders     integer NOT NULL DEFAULT 0,
  last_reminded_at timestamptz,
  found         double precision NOT NULL DEFAULT 0,
  returned      double precision NOT NULL DEFAULT 0,
  destroyed     double precision NOT NULL DEFAULT 0,
  webhook_queued boolean NOT NULL DEFAULT false,  -- notice handed to the webhook deliveries
  UNIQUE (recall_id, party, uom)
);
CREATE INDEX recall_holders_enterprise ON recall_holders (enterprise, notified_at DESC);

CREATE TABLE recall_reports (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  recall_id   bigint NOT NULL REFERENCES recalls (id) ON DELETE CASCADE,
  holder_id   bigint NOT NULL REFERENCES recall_holders (id) ON DELETE CASCADE,
  found       double precision NOT NULL CHECK (found >= 0),
  returned    double precision NOT NULL CHECK (returned >= 0),
  destroyed   double precision NOT NULL CHECK (destroyed >= 0),
  note        text,
  reported_by text NOT NULL,
  reported_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recall_reports_recall ON recall_reports (recall_id, reported_at);

-- The timeline of actions (opened, notified, reported, reminded, closed …).
CREATE TABLE recall_actions (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  recall_id  bigint NOT NULL REFERENCES recalls (id) ON DELETE CASCADE,
  at         timestamptz NOT NULL DEFAULT now(),
  actor      text NOT NULL,
  action     text NOT NULL,
  detail     jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX recall_actions_recall ON recall_actions (recall_id, at);

-- Webhooks an enterprise registers; every delivery is a row, sent by a durable job with retries.
CREATE TABLE webhooks (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  enterprise  text NOT NULL,
  url         text NOT NULL,
  secret      text NOT NULL,
  events      text[] NOT NULL,
  active      boolean NOT NULL DEFAULT true,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhooks_enterprise ON webhooks (enterprise) WHERE active;

CREATE TABLE webhook_deliveries (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  webhook_id  bigint NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  event       text NOT NULL,
  payload     jsonb NOT NULL,
  status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts    integer NOT NULL DEFAULT 0,
  last_status integer,
  last_error  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz
);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (status) WHERE status = 'pending';

-- Who may see a recall: administrators, the responsible enterprise, its regulators, and holders
-- (their own notice). SECURITY DEFINER so the holder check does not recurse into policies.
CREATE FUNCTION suyuan_recall_role(recall bigint) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT CASE
    WHEN suyuan_is_admin() THEN 'manager'
    WHEN r.enterprise = suyuan_setting('enterprise') THEN 'manager'
    WHEN suyuan_regulates(r.enterprise) THEN 'manager'
    WHEN EXISTS (SELECT 1 FROM recall_holders h WHERE h.recall_id = r.id
                 AND (h.enterprise = suyuan_setting('enterprise') OR suyuan_regulates(h.enterprise)))
      THEN 'holder'
    END
  FROM recalls r WHERE r.id = recall
$$;

ALTER TABLE recalls ENABLE ROW LEVEL SECURITY;
-- The direct terms let INSERT … RETURNING see the new row (the function's snapshot does not yet).
CREATE POLICY recalls_read ON recalls FOR SELECT TO suyuan_app USING (
  suyuan_is_admin() OR enterprise = suyuan_setting('enterprise') OR suyuan_regulates(enterprise)
  OR suyuan_recall_role(id) IS NOT NULL);
CREATE POLICY recalls_write ON recalls FOR INSERT TO suyuan_app WITH CHECK (
  suyuan_is_admin() OR enterprise = suyuan_setting('enterprise') OR suyuan_regulates(enterprise));
CREATE POLICY recalls_update ON recalls FOR UPDATE TO suyuan_app USING (suyuan_recall_role(id) = 'manager');

ALTER TABLE recall_codes ENABLE ROW LEVEL SECURITY;
CREATE POLICY recall_codes_all ON recall_codes FOR ALL TO suyuan_app
  USING (suyuan_recall_role(recall_id) IS NOT NULL) WITH CHECK (suyuan_recall_role(recall_id) = 'manager');

-- Holders see their own notice; the recall's managers see every holder.
ALTER TABLE recall_holders ENABLE ROW LEVEL SECURITY;
CREATE POLICY recall_holders_read ON recall_holders FOR SELECT TO suyuan_app USING (
  suyuan_recall_role(recall_id) = 'manager'
  OR enterprise = suyuan_setting('enterprise') OR suyuan_regulates(enterprise));
CREATE POLICY recall_holders_insert ON recall_holders FOR INSERT TO suyuan_app
  WITH CHECK (suyuan_recall_role(recall_id) = 'manager');
CREATE POLICY recall_holders_update ON recall_holders FOR UPDATE TO suyuan_app USING (
  suyuan_recall_role(recall_id) = 'manager'
  OR enterprise = suyuan_setting('enterprise') OR suyuan_regulates(enterprise));

ALTER TABLE recall_reports ENABLE ROW LEVEL SECURITY;
CREATE POLICY recall_reports_read ON recall_reports FOR SELECT TO suyuan_app USING (
  suyuan_recall_role(recall_id) = 'manager'
  OR EXISTS (SELECT 1 FROM recall_holders h WHERE h.id = holder_id));
CREATE POLICY recall_reports_insert ON recall_reports FOR INSERT TO suyuan_app
  WITH CHECK (EXISTS (SELECT 1 FROM recall_holders h WHERE h.id = holder_id));

ALTER TABLE recall_actions ENABLE ROW LEVEL SECURITY;
CREATE POLICY recall_actions_read ON recall_actions FOR SELECT TO suyuan_app
  USING (suyuan_recall_role(recall_id) = 'manager');
CREATE POLICY recall_actions_insert ON recall_actions FOR INSERT TO suyuan_app
  WITH CHECK (suyuan_recall_role(recall_id) IS NOT NULL);

ALTER TABLE webhooks ENABLE ROW LEVEL SECURITY;
CREATE POLICY webhooks_own ON webhooks FOR ALL TO suyuan_app
  USING (suyuan_is_admin() OR enterprise = suyuan_setting('enterprise'))
  WITH CHECK (suyuan_is_admin() OR enterprise = suyuan_setting('enterprise'));

-- Deliveries are written by the recall's opener for other enterprises' webhooks, and sent by the
-- job as owner: requests only read their own.
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
CREATE POLICY webhook_deliveries_read ON webhook_deliveries FOR SELECT TO suyuan_app
  USING (EXISTS (SELECT 1 FROM webhooks w WHERE w.id = webhook_id));
