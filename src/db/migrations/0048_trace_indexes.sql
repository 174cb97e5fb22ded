-- Trace and impact read paths (bench/trace.ts). Memberships (`contains`) are a small share of the
-- links, yet holdings and impact assessment look them up for every reached object (is it packed
-- in something, did it contain something): partial indexes find them without visiting each
-- object's transformation links.
CREATE INDEX lineage_links_contains_source ON lineage_links (source, at) WHERE kind = 'contains';
CREATE INDEX lineage_links_contains_target ON lineage_links (target) WHERE kind = 'contains';
