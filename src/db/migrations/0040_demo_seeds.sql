-- Runs of the demo seed (`suyuan seed --demo`, or the first start of an empty embedded database):
-- what was seeded, so a second run adds nothing. `part` is 'chains' (master data, chains, scans)
-- or 'volume:<size>' (the bulk events of --size medium/large).
CREATE TABLE demo_seeds (
  seed         bigint NOT NULL,
  part         text NOT NULL,
  anchor       date NOT NULL,            -- the day the demo's events are dated back from
  finished_at  timestamptz NOT NULL DEFAULT now(),
  summary      jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (seed, part)
);
