-- A producer's filing suspended or cancelled puts a stop-trading banner on its codes
-- (src/resolver): the change must show in the very next resolve, like a recall.
CREATE TRIGGER enterprises_resolver_epoch AFTER UPDATE OF status ON enterprises
  FOR EACH STATEMENT EXECUTE FUNCTION suyuan_bump_resolver_epoch();
