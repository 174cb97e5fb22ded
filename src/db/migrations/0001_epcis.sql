-- EPCIS 2.0 event repository: one row per event, child rows per identifier, business
-- transaction, source/destination and sensor report, plus the event as captured (jsonb).
-- Identifier values in child tables are stored in canonical form (GS1 Digital Link on
-- https://id.gs1.org for GS1 keys, other URIs unchanged) so URN and Digital Link queries meet.

CREATE TABLE capture_jobs (
  capture_id      text PRIMARY KEY,
  status          text NOT NULL CHECK (status IN ('queued', 'running', 'success', 'failed')),
  error_behaviour text NOT NULL CHECK (error_behaviour IN ('rollback', 'proceed')),
  document        text, -- the submitted document until it is processed (text: stored, not parsed, by the server)
  event_count     integer NOT NULL DEFAULT 0,
  stored_count    integer NOT NULL DEFAULT 0,
  errors          jsonb NOT NULL DEFAULT '[]'::jsonb,
  attempts        integer NOT NULL DEFAULT 0,
  captured_by     text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  started_at      timestamptz,
  finished_at     timestamptz
);
CREATE INDEX capture_jobs_open ON capture_jobs (created_at) WHERE status IN ('queued', 'running');
CREATE INDEX capture_jobs_by_principal ON capture_jobs (captured_by, created_at DESC);

CREATE TABLE events (
  id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id                text NOT NULL UNIQUE,
  event_type              text NOT NULL,
  event_time              timestamptz NOT NULL,
  event_time_zone_offset  text NOT NULL,
  record_time             timestamptz NOT NULL DEFAULT now(),
  action                  text,
  biz_step                text,
  disposition             text,
  read_point              text,
  biz_location            text,
  transformation_id       text,
  error_declaration_time  timestamptz,
  error_reason            text,
  capture_id              text,
  captured_by             text NOT NULL,
  doc                     jsonb NOT NULL
);
CREATE INDEX events_event_time ON events (event_time, id);
CREATE INDEX events_record_time ON events (record_time, id);
CREATE INDEX events_type_time ON events (event_type, event_time);
CREATE INDEX events_biz_step ON events (biz_step, event_time);
CREATE INDEX events_disposition ON events (disposition);
CREATE INDEX events_read_point ON events (read_point);
CREATE INDEX events_biz_location ON events (biz_location);
CREATE INDEX events_transformation_id ON events (transformation_id) WHERE transformation_id IS NOT NULL;
CREATE INDEX events_error_declared ON events (error_declaration_time) WHERE error_declaration_time IS NOT NULL;
CREATE INDEX events_captured_by ON events (captured_by, id);

-- role: epc (epcList), parent (parentID), child (childEPCs), input, output;
-- quantity rows (quantityList, childQuantityList, input/outputQuantityList) have is_class = true.
CREATE TABLE event_epcs (
  event_pk  bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  role      text NOT NULL CHECK (role IN ('epc', 'parent', 'child', 'input', 'output')),
  is_class  boolean NOT NULL DEFAULT false,
  epc       text NOT NULL,
  quantity  double precision,
  uom       text
);
CREATE INDEX event_epcs_epc ON event_epcs (epc text_pattern_ops, role);
CREATE INDEX event_epcs_event ON event_epcs (event_pk);

CREATE TABLE event_biz_transactions (
  event_pk  bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  type      text NOT NULL DEFAULT '',
  value     text NOT NULL
);
CREATE INDEX event_biz_transactions_value ON event_biz_transactions (value, type);
CREATE INDEX event_biz_transactions_event ON event_biz_transactions (event_pk);

CREATE TABLE event_parties (
  event_pk   bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  direction  text NOT NULL CHECK (direction IN ('source', 'destination')),
  type       text NOT NULL,
  value      text NOT NULL
);
CREATE INDEX event_parties_value ON event_parties (value, direction, type);
CREATE INDEX event_parties_event ON event_parties (event_pk);

CREATE TABLE event_sensor_reports (
  event_pk            bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  element_index       integer NOT NULL,
  report_index        integer NOT NULL,
  type                text,
  device_id           text,
  time                timestamptz,
  value               double precision,
  min_value           double precision,
  max_value           double precision,
  mean_value          double precision,
  uom                 text,
  string_value        text,
  boolean_value       boolean,
  microorganism       text,
  chemical_substance  text,
  exception           text
);
CREATE INDEX event_sensor_reports_event ON event_sensor_reports (event_pk);
CREATE INDEX event_sensor_reports_type ON event_sensor_reports (type, value);

-- Hierarchy of locations for WD_readPoint / WD_bizLocation (master data fills it).
CREATE TABLE location_parents (
  location  text NOT NULL,
  parent    text NOT NULL,
  PRIMARY KEY (location, parent)
);
CREATE INDEX location_parents_parent ON location_parents (parent);

CREATE TABLE named_queries (
  name        text PRIMARY KEY,
  owner       text NOT NULL,
  query       jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
