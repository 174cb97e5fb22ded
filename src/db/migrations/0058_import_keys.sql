-- A secret per enterprise that keys the eventIDs of its imported rows (src/imports/store.ts,
-- importedEventId). Without it the eventID of a row was a hash of guessable inputs (the enterprise,
-- the template, the row's values), and eventIDs are unique across enterprises: another enterprise
-- could capture that eventID first, so the row was taken for "already imported" and never stored,
-- or capture it after and learn from the duplicate that the row had been imported.
-- `enterprise` is '' for imports stored without an enterprise (by administrators).
-- Closed to requests like the derived tables (row-level security, no policy for suyuan_app): only
-- the import job, on the owner's connection, reads it.
CREATE TABLE import_keys (
  enterprise  text PRIMARY KEY,
  key         uuid NOT NULL DEFAULT gen_random_uuid(),
  created_at  timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE import_keys ENABLE ROW LEVEL SECURITY;
