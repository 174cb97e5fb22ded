-- Imports (0020): the repeat option, and which rows an import took as already imported.
-- `repeat`: the uploader asked to store rows equal to ones imported before as new events (a new
-- delivery identical to an earlier one). Their eventIDs are keyed on this import's id as well
-- (src/imports/store.ts, importedEventId), so a retried job still stores nothing twice.
-- `already_imported`: the rows whose event an earlier import had stored, as runs of rows per sheet
-- ([{"sheet": "生产", "from": 3, "to": 40}]: a re-imported file of 200,000 rows is one entry), for
-- the report and the downloaded copy of the file. Imports before this migration have none listed.
ALTER TABLE imports
  ADD COLUMN repeat boolean NOT NULL DEFAULT false,
  ADD COLUMN already_imported jsonb NOT NULL DEFAULT '[]';
