-- Machine credentials. The secret is shown once at creation and stored only as a SHA-256 hash
-- (keys are 192-bit random, so a slow password hash adds nothing). Enterprise ownership is added
-- by the enterprises migration.
CREATE TABLE api_keys (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  secret_hash text NOT NULL,
  scopes      text[] NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz,
  last_used_at timestamptz
);
