-- Traceability codes issued by this node, and public scans of any code.
-- A code is never issued twice and never reused: rows are never deleted and `value` is unique.

-- The enterprise (统一社会信用代码) an API key acts for; the enterprises migration makes it a reference.
ALTER TABLE api_keys ADD COLUMN enterprise text;

CREATE TABLE codes (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  value         text NOT NULL UNIQUE,          -- suyuan code (HNS7Q2…) or canonical GS1 Digital Link
  uri           text NOT NULL UNIQUE,          -- the identifier EPCIS events use for it (canonical form)
  scheme        text NOT NULL CHECK (scheme IN ('suyuan', 'gs1')),
  kind          text NOT NULL CHECK (kind IN ('lot', 'item', 'logisticUnit', 'asset')),
  owner         text NOT NULL,                 -- enterprise credit code
  product       text,                          -- GTIN or product code
  product_name  text,
  lot           text,
  production_date date,
  expiry_date   date,
  batch_id      text NOT NULL,                 -- the issuance request
  state         text NOT NULL DEFAULT 'issued' CHECK (state IN ('issued', 'active', 'closed', 'void')),
  issued_at     timestamptz NOT NULL DEFAULT now(),
  activated_at  timestamptz,
  closed_at     timestamptz,
  voided_at     timestamptz,
  state_reason  text
);
CREATE INDEX codes_owner_batch ON codes (owner, batch_id, id);
CREATE INDEX codes_product_lot ON codes (product, lot);

CREATE TABLE code_scans (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  uri       text NOT NULL,                     -- canonical identifier scanned
  scanned_at timestamptz NOT NULL,
  channel   text NOT NULL,                     -- web, json, app, terminal
  place     text                               -- coarse place the client sent (region code or city)
);
CREATE INDEX code_scans_uri ON code_scans (uri, scanned_at);

-- Running totals, so a resolve does not count rows.
CREATE TABLE code_scan_totals (
  uri         text PRIMARY KEY,
  scans       bigint NOT NULL,
  first_scan  timestamptz NOT NULL,
  last_scan   timestamptz NOT NULL
);
