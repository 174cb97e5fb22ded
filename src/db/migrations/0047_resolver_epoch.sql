-- The resolver's cache epoch (src/resolver/cache.ts). Every change that must show in the very next
-- resolve, from any process or tool, bumps it in its own transaction: a code voided or closed (or
-- reopened), a recall opened, widened, narrowed or closed, an event that recalls, destroys or
-- otherwise takes goods off the market. Each resolve batch reads the epoch and reloads what was
-- cached under an older one. Statement-level triggers: a bulk change bumps once.
CREATE TABLE resolver_epoch (
  id     integer PRIMARY KEY CHECK (id = 1),
  epoch  bigint NOT NULL
);
INSERT INTO resolver_epoch (id, epoch) VALUES (1, 0);
GRANT SELECT ON resolver_epoch TO suyuan_app;

CREATE FUNCTION suyuan_bump_resolver_epoch() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE resolver_epoch SET epoch = epoch + 1 WHERE id = 1;
  RETURN NULL;
END $$;

-- Codes: only changes into or out of the states that warn (void, closed); activation may lag the
-- cache's few seconds.
CREATE FUNCTION suyuan_codes_epoch() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM changed_new n JOIN changed_old o ON o.id = n.id
             WHERE n.state IS DISTINCT FROM o.state AND (n.state IN ('void', 'closed') OR o.state IN ('void', 'closed'))
                OR n.state_reason IS DISTINCT FROM o.state_reason) THEN
    UPDATE resolver_epoch SET epoch = epoch + 1 WHERE id = 1;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER codes_resolver_epoch AFTER UPDATE ON codes
  REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
  FOR EACH STATEMENT EXECUTE FUNCTION suyuan_codes_epoch();

-- Events whose disposition takes goods off the market, and error declarations (retractions).
CREATE FUNCTION suyuan_events_epoch() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM changed_new n
             WHERE n.disposition IN ('recalled', 'destroyed', 'disposed', 'stolen', 'expired', 'non_sellable_other',
                                     'non_conformant', 'partially_dispensed', 'dispensed')
                OR n.error_declaration_time IS NOT NULL) THEN
    UPDATE resolver_epoch SET epoch = epoch + 1 WHERE id = 1;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER events_resolver_epoch_insert AFTER INSERT ON events
  REFERENCING NEW TABLE AS changed_new
  FOR EACH STATEMENT EXECUTE FUNCTION suyuan_events_epoch();
CREATE TRIGGER events_resolver_epoch_update AFTER UPDATE ON events
  REFERENCING NEW TABLE AS changed_new
  FOR EACH STATEMENT EXECUTE FUNCTION suyuan_events_epoch();

-- Recalls: any change of their codes or of their status.
CREATE TRIGGER recall_codes_resolver_epoch AFTER INSERT OR UPDATE OR DELETE ON recall_codes
  FOR EACH STATEMENT EXECUTE FUNCTION suyuan_bump_resolver_epoch();
CREATE TRIGGER recalls_resolver_epoch AFTER UPDATE OR DELETE ON recalls
  FOR EACH STATEMENT EXECUTE FUNCTION suyuan_bump_resolver_epoch();
