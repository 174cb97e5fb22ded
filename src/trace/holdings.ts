import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../db/types.js';
import { type PartyInfo, partyDirectory } from './parties.js';

/** Quantities of one object (or all of a scope) at one party, in one unit. */
export interface Holding {
  party: string;
  /** Region (GB/T 2260) of the filed enterprise behind the party; null when none claims it. */
  region: string | null;
  /** The enterprise behind the party identifier (location, GLN or credit code). */
  enterprise?: PartyInfo;
  object?: string;
  uom: string | null;
  produced: number;
  received: number;
  shipped: number;
  sold: number;
  consumed: number;
  destroyed: number;
  /** produced + received − shipped − sold − consumed − destroyed */
  held: number;
}

export interface HeldRow {
  party: string;
  epc: string | null;
  uom: string | null;
  produced: number | null;
  received: number | null;
  shipped: number | null;
  sold: number | null;
  consumed: number | null;
  destroyed: number | null;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

function toHolding(r: HeldRow): Holding {
  const q = (v: number | null) => round(Number(v ?? 0));
  const h: Holding = {
    party: r.party,
    region: null,
    ...(r.epc === null ? {} : { object: r.epc }),
    uom: r.uom,
    produced: q(r.produced),
    received: q(r.received),
    shipped: q(r.shipped),
    sold: q(r.sold),
    consumed: q(r.consumed),
    destroyed: q(r.destroyed),
    held: 0,
  };
  h.held = round(h.produced + h.received - h.shipped - h.sold - h.consumed - h.destroyed);
  return h;
}

/** A GTIN without lot or serial names the product: its lots and items count with it. */
export function scopePrefix(uri: string): string | null {
  return /^https:\/\/id\.gs1\.org\/01\/\d{14}$/.test(uri) ? `${uri}/` : null;
}

/** What a holdings statement reads: identifiers listed in `scope` (a subquery of one column), and
 * with a product's prefix its lots and items as well. */
export interface HeldScope {
  scope: RawBuilder<unknown>;
  prefix: string | null;
  at: string | null;
  perObject: boolean;
}

/**
 * The common table expressions `inside`, `moved` and `held` (party, epc, uom and the sums of each
 * movement kind) of a holdings statement, for `WITH RECURSIVE` (impact-query.ts adds its walk).
 *
 * Goods move inside their containers: a shipment of a pallet (SSCC) ships every case and unit in
 * it at that moment, as the aggregation intervals of lineage_links say (up to five levels:
 * unit → case → pallet → container …). Such a movement counts for the contents unless the same
 * event also names the content itself. Ownership transfers (TransactionEvent) are not custody.
 */
export function heldCtes({ scope, prefix, at, perObject }: HeldScope): RawBuilder<unknown> {
  const epc = perObject ? sql`epc` : sql`NULL::text`;
  const inScope = (column: ReturnType<typeof sql.ref>) => {
    const listed = sql`${column} IN (${scope})`;
    return prefix === null ? listed : sql`(${listed} OR ${column} LIKE ${`${prefix}%`})`;
  };
  return sql`inside (item, container, from_at, to_at, quantity, uom, level) AS (
      SELECT l.source, l.target, l.at, l.valid_to, coalesce(l.source_quantity, 1), l.uom, 1
      FROM lineage_links l WHERE l.kind = 'contains' AND ${inScope(sql.ref('l.source'))}
      UNION ALL
      SELECT i.item, l.target, greatest(i.from_at, l.at),
        CASE WHEN i.to_at IS NULL THEN l.valid_to WHEN l.valid_to IS NULL THEN i.to_at
          ELSE least(i.to_at, l.valid_to) END,
        i.quantity, i.uom, i.level + 1
      FROM inside i JOIN lineage_links l ON l.kind = 'contains' AND l.source = i.container
        AND (i.to_at IS NULL OR l.at < i.to_at) AND (l.valid_to IS NULL OR l.valid_to > i.from_at)
      WHERE i.level < 5
    ),
    moved AS (
      SELECT m.epc, m.kind, m.party, m.quantity, m.uom, m.at FROM lineage_movements m
      WHERE ${inScope(sql.ref('m.epc'))}
      UNION ALL
      SELECT i.item, m.kind, m.party, i.quantity, i.uom, m.at
      FROM inside i JOIN lineage_movements m ON m.epc = i.container
        AND m.at >= i.from_at AND (i.to_at IS NULL OR m.at < i.to_at)
      WHERE NOT EXISTS (SELECT 1 FROM lineage_movements d WHERE d.event_pk = m.event_pk AND d.epc = i.item)
    ),
    held AS (
      SELECT party, ${epc} AS epc, uom,
        sum(quantity) FILTER (WHERE kind = 'produced') AS produced,
        sum(quantity) FILTER (WHERE kind = 'received') AS received,
        sum(quantity) FILTER (WHERE kind = 'shipped') AS shipped,
        sum(quantity) FILTER (WHERE kind = 'sold') AS sold,
        sum(quantity) FILTER (WHERE kind = 'consumed') AS consumed,
        sum(quantity) FILTER (WHERE kind = 'destroyed') AS destroyed
      FROM moved
      WHERE kind <> 'transferred' AND party IS NOT NULL
        AND (${at}::timestamptz IS NULL OR at <= ${at}::timestamptz)
      GROUP BY 1, 2, 3
    )`;
}

/** Holdings rows with the enterprise and region behind each party. */
export function withParties(rows: HeldRow[], directory: Map<string, PartyInfo>): Holding[] {
  return rows.map((r) => {
    const h = toHolding(r);
    const info = directory.get(r.party);
    return info ? { ...h, region: info.region, enterprise: info } : h;
  });
}

/**
 * Who holds how much of these identifiers (and, for a product, of its lots and items), by party;
 * per object as well when `perObject`.
 */
export async function holdings(
  db: Kysely<DB>,
  uris: string[],
  options: { at?: Date; perObject?: boolean; prefix?: string | null } = {},
): Promise<Holding[]> {
  const ctes = heldCtes({
    scope: sql`SELECT unnest(${uris}::text[])`,
    prefix: options.prefix ?? null,
    at: options.at?.toISOString() ?? null,
    perObject: options.perObject === true,
  });
  const { rows } = await sql<HeldRow>`WITH RECURSIVE ${ctes} SELECT * FROM held ORDER BY 1, 2, 3`.execute(db);
  const directory = await partyDirectory(
    db,
    rows.map((r) => r.party),
  );
  return withParties(rows, directory);
}
