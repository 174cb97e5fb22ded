-- The warnings scan (rule public-scans) reads the public scans of the last run's window by time;
-- code_scans (migration 0003) is indexed by code only.
CREATE INDEX code_scans_scanned_at ON code_scans (scanned_at);
