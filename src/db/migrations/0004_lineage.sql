-- Lineage (来源可查、去向可追), maintained at capture time from the normalised events
-- (src/trace/lineage.ts). Rows exist only for events that count: an event retracted by an
-- errorDeclaration has its rows deleted, and is never given any when it arrives already retracted.
-- Every row derives from one event (or, for a transformationID, from its group), so the same set of
-- events gives the same rows whatever order they were captured in.

-- Relations between identified objects, always written in the forward direction
-- (upstream `source` → downstream `target`):
--   transform  TransformationEvent input → output (all inputs × all outputs of one transformationID);
--              the market voucher (卡单同行) is a TransformationEvent: batch class → voucher code
--   contains   AggregationEvent / AssociationEvent ADD or OBSERVE: child → parent, valid from `at`
--              until `valid_to` (the first later DELETE of that child or of the whole parent)
CREATE TABLE lineage_links (
  event_pk          bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  kind              text NOT NULL CHECK (kind IN ('transform', 'contains')),
  source            text NOT NULL,
  target            text NOT NULL,
  source_quantity   double precision,
  target_quantity   double precision,
  uom               text,
  at                timestamptz NOT NULL,
  valid_to          timestamptz,
  transformation_id text
);
CREATE INDEX lineage_links_source ON lineage_links (source, at);
CREATE INDEX lineage_links_target ON lineage_links (target, at);
CREATE INDEX lineage_links_event ON lineage_links (event_pk);
CREATE INDEX lineage_links_transformation ON lineage_links (transformation_id) WHERE transformation_id IS NOT NULL;

-- AggregationEvent / AssociationEvent DELETE: ends the membership of `child` in `parent`
-- (child NULL: the event listed no children, so every child of the parent leaves it).
CREATE TABLE lineage_unpacks (
  event_pk  bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  parent    text NOT NULL,
  child     text,
  at        timestamptz NOT NULL
);
CREATE INDEX lineage_unpacks_parent ON lineage_unpacks (parent, at);
CREATE INDEX lineage_unpacks_event ON lineage_unpacks (event_pk);

-- What happened to a quantity of an object at a party: the input of holders and impact, and the
-- parties (with their role) of a trace. Instance identifiers count 1 each; quantity is NULL when a
-- class-level row gave none. Holdings = produced + received − shipped − sold − consumed − destroyed;
-- `transferred` (a TransactionEvent from source to destination: ownership) is shown, not counted.
CREATE TABLE lineage_movements (
  event_pk      bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  epc           text NOT NULL,
  kind          text NOT NULL CHECK (kind IN
                  ('produced', 'received', 'shipped', 'sold', 'consumed', 'destroyed', 'transferred')),
  party         text,
  counterparty  text,
  quantity      double precision,
  uom           text,
  at            timestamptz NOT NULL
);
CREATE INDEX lineage_movements_epc ON lineage_movements (epc text_pattern_ops, kind);
CREATE INDEX lineage_movements_party ON lineage_movements (party);
CREATE INDEX lineage_movements_event ON lineage_movements (event_pk);
