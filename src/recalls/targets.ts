import { sql } from 'kysely';
import { DomainError } from '../http/errors.js';
import { gs1Parts } from '../trace/objects.js';
import { identifierOf } from '../trace/service.js';
import type { RecallsDb } from './db.js';
import { enterprisesOfParties } from './parties.js';

const maxTargets = 1000;

/**
 * The canonical identifiers a recall starts from: lots and codes as given (anything the resolver
 * accepts), and for a product every lot and item of it seen in events or issued here.
 */
export async function startIdentifiers(
  system: RecallsDb,
  targets: { products?: string[]; lots?: string[]; codes?: string[] },
): Promise<string[]> {
  const out = new Set<string>();
  for (const [field, list] of [
    ['lots', targets.lots],
    ['codes', targets.codes],
  ] as const) {
    (list ?? []).forEach((raw, i) => {
      try {
        out.add(identifierOf(raw));
      } catch (error) {
        if (error instanceof DomainError)
          throw new DomainError('VALIDATION_FAILED', error.message, [
            { pointer: `/${field}/${i}`, message: error.message },
          ]);
        throw error;
      }
    });
  }
  for (const raw of targets.products ?? []) {
    const product = /^\d{8,14}$/.test(raw) ? raw.padStart(14, '0') : raw;
    const prefix = `https://id.gs1.org/01/${product}/`;
    const { rows } = await sql<{ uri: string }>`
      (SELECT DISTINCT epc AS uri FROM lineage_movements WHERE epc LIKE ${`${prefix}%`} LIMIT ${maxTargets})
      UNION (SELECT uri FROM codes WHERE product = ${product} LIMIT ${maxTargets})`.execute(system);
    if (rows.length === 0 && /^\d{14}$/.test(product)) out.add(`https://id.gs1.org/01/${product}`);
    for (const r of rows) out.add(r.uri);
  }
  if (out.size === 0)
    throw new DomainError('VALIDATION_FAILED', 'Name what is recalled', [
      { pointer: '/lots', message: 'give at least one product, lot or code' },
    ]);
  if (out.size > maxTargets)
    throw new DomainError('PAYLOAD_TOO_LARGE', `A recall starts from at most ${maxTargets} lots and codes`);
  return [...out];
}

/**
 * Who answers for each identifier: the enterprise that issued the code here, else the one that
 * registered the product's GTIN, else the one whose event first produced it. Unknown → absent.
 */
export async function ownersOf(system: RecallsDb, uris: string[]): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  const issued = await system.selectFrom('codes').select(['uri', 'owner']).where('uri', 'in', uris).execute();
  for (const r of issued) owners.set(r.uri, r.owner);
  const gtins = new Map<string, string[]>();
  for (const uri of uris) {
    const product = gs1Parts(uri).product;
    if (!owners.has(uri) && product) gtins.set(product, [...(gtins.get(product) ?? []), uri]);
  }
  if (gtins.size > 0) {
    const products = await system
      .selectFrom('products')
      .select(['gtin', 'enterprise'])
      .where('gtin', 'in', [...gtins.keys()])
      .execute();
    for (const p of products) for (const uri of gtins.get(p.gtin ?? '') ?? []) owners.set(uri, p.enterprise);
  }
  const rest = uris.filter((u) => !owners.has(u));
  if (rest.length > 0) {
    const { rows } = await sql<{ epc: string; party: string | null; owner: string | null }>`
      SELECT DISTINCT ON (m.epc) m.epc, m.party, e.owner_enterprise AS owner
      FROM lineage_movements m JOIN events e ON e.id = m.event_pk
      WHERE m.epc = ANY(${rest}::text[]) AND m.kind = 'produced'
      ORDER BY m.epc, m.at`.execute(system);
    const parties = await enterprisesOfParties(
      system,
      rows.flatMap((r) => (r.party ? [r.party] : [])),
    );
    for (const r of rows) {
      const owner = (r.party ? parties.get(r.party)?.enterprise : undefined) ?? r.owner;
      if (owner) owners.set(r.epc, owner);
    }
  }
  return owners;
}

/** Codes issued here for a recalled lot (item codes carry product and lot). */
export async function codesOfLots(system: RecallsDb, lots: string[]): Promise<string[]> {
  const pairs = lots.map(gs1Parts).filter((p) => p.kind === 'lot' && p.product && p.lot);
  if (pairs.length === 0) return [];
  const { rows } = await sql<{ uri: string }>`
    SELECT c.uri FROM codes c
    JOIN unnest(${pairs.map((p) => p.product)}::text[], ${pairs.map((p) => p.lot)}::text[]) AS l(product, lot)
      ON c.product = l.product AND c.lot = l.lot`.execute(system);
  return rows.map((r) => r.uri);
}
