-- Excel / CSV imports (导入). The uploaded file is kept here (bytea) until the import has run, so
-- a restart loses nothing: the durable job (pg-boss queue `imports`) only carries the id. The
-- final status, the counts and the report are written in the same transaction as the events, so
-- an import is either stored with its report or not at all.
CREATE TABLE imports (
  id               text PRIMARY KEY,
  enterprise       text,
  created_by       text NOT NULL,
  template         text,
  template_version integer,
  cte              text,
  format           text NOT NULL CHECK (format IN ('xlsx', 'csv')),
  file_name        text,
  file             bytea,
  file_size        integer NOT NULL,
  mode             text NOT NULL CHECK (mode IN ('rollback', 'proceed')),
  status           text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  rows_total       integer,
  rows_checked     integer NOT NULL DEFAULT 0,
  rows_stored      integer NOT NULL DEFAULT 0,
  rows_skipped     integer NOT NULL DEFAULT 0,
  rows_invalid     integer NOT NULL DEFAULT 0,
  -- A problem with the whole file (unreadable, a workbook of another template …).
  problem          text,
  -- One entry per bad cell or row: {sheet, row, column, header, field, message}.
  errors           jsonb NOT NULL DEFAULT '[]',
  attempts         integer NOT NULL DEFAULT 0,
  created_at       timestamptz NOT NULL DEFAULT now(),
  started_at       timestamptz,
  finished_at      timestamptz
);
CREATE INDEX imports_enterprise ON imports (enterprise, created_at DESC);
CREATE INDEX imports_created_by ON imports (created_by, created_at DESC);

-- An enterprise sees its own imports, a key or person without one sees what it uploaded, and
-- platform administrators see everything. Regulators do not: an import is the enterprise's
-- working file, its events are what they oversee.
ALTER TABLE imports ENABLE ROW LEVEL SECURITY;
CREATE POLICY imports_own ON imports FOR ALL TO suyuan_app
  USING (suyuan_is_admin()
    OR (enterprise IS NOT NULL AND enterprise = suyuan_setting('enterprise'))
    OR (enterprise IS NULL AND created_by = suyuan_setting('principal')))
  WITH CHECK (suyuan_is_admin()
    OR (enterprise IS NOT NULL AND enterprise = suyuan_setting('enterprise'))
    OR (enterprise IS NULL AND created_by = suyuan_setting('principal')));
GRANT SELECT, INSERT, UPDATE ON imports TO suyuan_app;
