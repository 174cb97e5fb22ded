-- Resolver leases (src/resolver/lease.ts): a server process on PostgreSQL that LISTENs for epoch
-- changes holds a short lease here and serves cached codes without reading the epoch per request.
-- Every bump of the epoch, whatever made it, notifies; each process records the newest epoch it
-- has applied (seen_epoch). A write answered through the API waits until every process with an
-- unexpired lease has seen the epoch it made (src/resolver/freshness.ts), so the very next
-- response of any process shows it. A process whose lease lapsed reads the epoch per request again.
CREATE TABLE resolver_nodes (
  id          uuid PRIMARY KEY,
  seen_epoch  bigint NOT NULL,
  lease_until timestamptz NOT NULL,
  started_at  timestamptz NOT NULL DEFAULT now(),
  host        text NOT NULL DEFAULT ''
);
GRANT SELECT, INSERT, UPDATE, DELETE ON resolver_nodes TO suyuan_app;

CREATE FUNCTION suyuan_notify_resolver_epoch() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('suyuan_resolver_epoch', NEW.epoch::text);
  RETURN NULL;
END $$;
CREATE TRIGGER resolver_epoch_notify AFTER UPDATE ON resolver_epoch
  FOR EACH ROW EXECUTE FUNCTION suyuan_notify_resolver_epoch();

-- What a writer calls after its commit (the API after every write; a tool that changes codes,
-- recalls or enterprises in SQL should too): returns once every process with an unexpired lease
-- has seen the current epoch (true), or after max_wait (false: those leases have expired by
-- then, if max_wait is longer than the lease). clock_timestamp, not now(): the loop sees time pass.
CREATE FUNCTION suyuan_await_resolvers(max_wait interval DEFAULT interval '3.5 seconds') RETURNS boolean
  LANGUAGE plpgsql AS $$
DECLARE
  deadline timestamptz := clock_timestamp() + max_wait;
  delay float8 := 0.001;
BEGIN
  LOOP
    IF NOT EXISTS (SELECT 1 FROM resolver_nodes n, resolver_epoch e
                   WHERE e.id = 1 AND n.lease_until > clock_timestamp() AND n.seen_epoch < e.epoch) THEN
      RETURN true;
    END IF;
    IF clock_timestamp() > deadline THEN
      RETURN false;
    END IF;
    PERFORM pg_sleep(delay);
    delay := least(delay * 2, 0.025);
  END LOOP;
END $$;
GRANT EXECUTE ON FUNCTION suyuan_await_resolvers(interval) TO suyuan_app;
