-- People who log in, their sessions, and the append-only audit log.
CREATE TABLE users (
  id                  text PRIMARY KEY,
  username            text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
  display_name        text NOT NULL,
  password_hash       text NOT NULL,
  role                text NOT NULL CHECK (role IN ('platform_admin', 'regulator', 'enterprise_admin', 'enterprise_operator')),
  enterprise          text,          -- credit code, for enterprise roles
  department          text,          -- regulators: commerce, agriculture, market, drug, emergency, police, customs
  region_scope        text,          -- regulators: GB/T 2260 prefix they oversee (46 = Hainan, 4601 = Haikou)
  industry_scopes     text[] NOT NULL DEFAULT '{}',
  failed_logins       integer NOT NULL DEFAULT 0,
  locked_until        timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at          timestamptz NOT NULL DEFAULT now(),
  disabled_at         timestamptz,
  CHECK ((role IN ('enterprise_admin', 'enterprise_operator')) = (enterprise IS NOT NULL)),
  CHECK (role <> 'regulator' OR (department IS NOT NULL AND region_scope IS NOT NULL))
);

CREATE TABLE sessions (
  token_hash    text PRIMARY KEY,      -- SHA-256 of the cookie value; the value itself is never stored
  user_id       text NOT NULL REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE audit_log (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  principal  text NOT NULL,
  action     text NOT NULL,            -- e.g. POST /epcis/capture, login, apikey.create
  target     text,
  outcome    text NOT NULL,            -- ok, denied, failed, or the HTTP status
  ip         text,
  detail     jsonb
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_principal ON audit_log (principal, at);

-- Append-only: rows can be added, never changed or removed.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
