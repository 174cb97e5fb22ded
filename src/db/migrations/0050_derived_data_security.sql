-- Lineage and public-scan rows derive from enterprises' events and consumers' scans. They are read
-- only through the trace, holders, impact, resolver and warning code, which runs as the owner role
-- and applies the visibility rules to what it returns (src/trace/visibility.ts). Requests that run
-- as suyuan_app (scoped()) get no policy here, so a query of these tables from a request sees
-- nothing and writes nothing: a forgotten filter cannot leak another enterprise's movements.
ALTER TABLE lineage_links ENABLE ROW LEVEL SECURITY;
ALTER TABLE lineage_unpacks ENABLE ROW LEVEL SECURITY;
ALTER TABLE lineage_movements ENABLE ROW LEVEL SECURITY;
ALTER TABLE code_scans ENABLE ROW LEVEL SECURITY;
ALTER TABLE code_scan_totals ENABLE ROW LEVEL SECURITY;
