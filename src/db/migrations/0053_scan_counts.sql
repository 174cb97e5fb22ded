-- A code_scans row counts the public scans of one code from one channel and place within one
-- minute (the resolver aggregates them in memory between flushes, src/resolver/scans.ts):
-- a popular lot code scanned by thousands of shoppers writes a row a minute, not a row a scan.
-- scanned_at is the first scan of the row. Rows written before this migration count one scan.
ALTER TABLE code_scans ADD COLUMN scans integer NOT NULL DEFAULT 1 CHECK (scans > 0);
