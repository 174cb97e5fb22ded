-- Complaints (投诉举报): from the public page, the API, or imported from the 12345 hotline; linked to
-- code, product and enterprise, routed to the enterprise and the regulators of its region, with
-- deadlines to acknowledge and to answer.

CREATE TABLE complaints (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket          text NOT NULL UNIQUE,          -- TS + yymmdd + 10 random characters, given to the reporter
  source          text NOT NULL CHECK (source IN ('public', 'api', 'hotline')),
  hotline_no      text UNIQUE,                   -- 12345 work-order number of an imported complaint
  category        text NOT NULL DEFAULT 'other',
  code            text,                          -- the code as the reporter gave it
  uri             text,                          -- its canonical identifier, when it parsed
  product         text,
  product_name    text,
  enterprise      text,                          -- routed to (统一社会信用代码), when resolved
  region          text,                          -- the enterprise's region: its regulators handle it
  description     text NOT NULL,
  contact         text NOT NULL,                 -- never shown publicly
  reporter        text NOT NULL,                 -- principal id, or 'anonymous'
  status          text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'acknowledged', 'answered', 'closed')),
  acknowledge_by  timestamptz NOT NULL,
  answer_by       timestamptz NOT NULL,
  acknowledged_at timestamptz,
  answered_at     timestamptz,
  closed_at       timestamptz,
  overdue         text CHECK (overdue IN ('acknowledge', 'answer')),  -- flagged by the job complaint-deadlines
  overdue_at      timestamptz,
  unfounded       boolean NOT NULL DEFAULT false,  -- closed by a regulator as unfounded (查无实据): not counted in credit
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX complaints_enterprise ON complaints (enterprise, created_at DESC);
CREATE INDEX complaints_region ON complaints (region, created_at DESC);
CREATE INDEX complaints_open ON complaints (status, answer_by) WHERE status IN ('received', 'acknowledged');

CREATE TABLE complaint_photos (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  complaint_id  bigint NOT NULL REFERENCES complaints (id) ON DELETE CASCADE,
  position      smallint NOT NULL,
  media_type    text NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/webp')),
  size          integer NOT NULL CHECK (size <= 5242880),
  sha256        text NOT NULL,
  data          bytea NOT NULL,
  UNIQUE (complaint_id, position)
);

-- The timeline: routing, acknowledgement, answers, notes. Public entries show on the ticket page.
CREATE TABLE complaint_events (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  complaint_id  bigint NOT NULL REFERENCES complaints (id) ON DELETE CASCADE,
  at            timestamptz NOT NULL DEFAULT now(),
  actor         text NOT NULL,
  actor_kind    text NOT NULL CHECK (actor_kind IN ('reporter', 'enterprise', 'regulator', 'system')),
  action        text NOT NULL CHECK (action IN ('received', 'routed', 'acknowledged', 'answered', 'closed', 'overdue', 'note')),
  message       text,
  public        boolean NOT NULL DEFAULT false
);
CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id, at);

-- Deadlines per region prefix ('' = everywhere); the longest matching prefix wins.
CREATE TABLE complaint_deadlines (
  region            text PRIMARY KEY,
  acknowledge_hours integer NOT NULL CHECK (acknowledge_hours BETWEEN 1 AND 720),
  answer_days       integer NOT NULL CHECK (answer_days BETWEEN 1 AND 365),
  updated_by        text NOT NULL,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
INSERT INTO complaint_deadlines (region, acknowledge_hours, answer_days, updated_by) VALUES ('', 24, 7, 'migration');

-- An enterprise sees the complaints routed to it; regulators those of their region (complaints
-- about no known enterprise: every regulator); administrators all. Public ticket reads and the
-- anonymous submission run as the owner, in the service, which never returns the contact.
CREATE FUNCTION suyuan_handles_complaint(enterprise text, region text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT suyuan_is_admin()
    OR (enterprise IS NOT NULL AND enterprise = suyuan_setting('enterprise'))
    OR (enterprise IS NOT NULL AND suyuan_regulates(enterprise))
    OR (enterprise IS NULL AND suyuan_setting('role') = 'regulator'
        AND (region IS NULL OR region LIKE suyuan_setting('region') || '%'))
$$;

-- Handlers read and update; nobody deletes through a request (an enterprise must not make a
-- complaint about itself disappear), and new complaints are written by the service as the owner.
ALTER TABLE complaints ENABLE ROW LEVEL SECURITY;
CREATE POLICY complaints_read ON complaints FOR SELECT TO suyuan_app
  USING (suyuan_handles_complaint(enterprise, region));
CREATE POLICY complaints_update ON complaints FOR UPDATE TO suyuan_app
  USING (suyuan_handles_complaint(enterprise, region))
  WITH CHECK (suyuan_handles_complaint(enterprise, region));

ALTER TABLE complaint_photos ENABLE ROW LEVEL SECURITY;
CREATE POLICY complaint_photos_read ON complaint_photos FOR SELECT TO suyuan_app
  USING (EXISTS (SELECT 1 FROM complaints c WHERE c.id = complaint_id));

-- The timeline is append-only.
ALTER TABLE complaint_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY complaint_events_read ON complaint_events FOR SELECT TO suyuan_app
  USING (EXISTS (SELECT 1 FROM complaints c WHERE c.id = complaint_id));
CREATE POLICY complaint_events_insert ON complaint_events FOR INSERT TO suyuan_app
  WITH CHECK (EXISTS (SELECT 1 FROM complaints c WHERE c.id = complaint_id));

ALTER TABLE complaint_deadlines ENABLE ROW LEVEL SECURITY;
CREATE POLICY complaint_deadlines_read ON complaint_deadlines FOR SELECT TO suyuan_app USING (true);
CREATE POLICY complaint_deadlines_write ON complaint_deadlines FOR ALL TO suyuan_app
  USING (suyuan_is_admin() OR (suyuan_setting('role') = 'regulator' AND region LIKE suyuan_setting('region') || '%'))
  WITH CHECK (suyuan_is_admin() OR (suyuan_setting('role') = 'regulator' AND region LIKE suyuan_setting('region') || '%'));
