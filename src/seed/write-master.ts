import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import type { DB } from '../db/types.js';
import { addDays } from '../parties/common.js';
import { addCredential } from '../parties/credentials/service.js';
import { partiesDb } from '../parties/db.js';
import { changeFiling } from '../parties/enterprises/filing.js';
import type { EnterpriseBody } from '../parties/enterprises/schema.js';
import { createEnterprise } from '../parties/enterprises/service.js';
import { createLocation } from '../parties/locations/service.js';
import { registerMerchant } from '../parties/merchants/service.js';
import { createProduct } from '../parties/products/service.js';
import { type EnterpriseKey, enterpriseSpecs } from './enterprises.js';
import { locationUri, type SeedWorld } from './master.js';
import { regions } from './regions.js';

/** The seed files master data as a platform operator would, through the parties services. */
export const seedOperator: Principal = { id: 'seed:demo', kind: 'user', scopes: new Set(['admin']) };

/**
 * Files the world's enterprises with their licences, certifications, locations, merchants and
 * products. An enterprise already on file is left as it is (with everything under it), so a second
 * run adds nothing. Returns the number of enterprises filed now.
 */
export async function writeMaster(db: Kysely<DB>, world: SeedWorld, today: string): Promise<number> {
  const parties = partiesDb(db);
  const keys = Object.keys(enterpriseSpecs) as EnterpriseKey[];
  const existing = new Set(
    (
      await parties
        .selectFrom('enterprises')
        .select('credit_code')
        .where(
          'credit_code',
          'in',
          keys.map((k) => world.enterprises[k].creditCode),
        )
        .execute()
    ).map((r) => r.credit_code),
  );
  const fresh = keys.filter((k) => !existing.has(world.enterprises[k].creditCode));
  for (const key of fresh) {
    const spec = enterpriseSpecs[key];
    const region = regions[spec.region];
    const e = world.enterprises[key];
    await createEnterprise(parties, seedOperator, {
      creditCode: e.creditCode,
      name: spec.name,
      legalRepresentative: spec.legalRepresentative,
      contact: {
        name: spec.contact,
        phone: `0${region.code.startsWith('46') ? '898' : '750'}-6${String(keys.indexOf(key)).padStart(2, '0')}12345`,
      },
      region: region.code,
      address: spec.address,
      coordinates: { lat: region.lat, lng: region.lng },
      industries: spec.industries,
      nodeTypes: spec.nodeTypes,
      gln: e.gln,
    } as EnterpriseBody);
    await changeFiling(parties, seedOperator, e.creditCode, { to: 'filed', reason: '演示数据 demo seed' });
  }
  const isFresh = (key: EnterpriseKey) => fresh.includes(key);
  for (const c of world.credentials) {
    if (!isFresh(c.enterprise)) continue;
    await addCredential(parties, seedOperator, c.kind, world.enterprises[c.enterprise].creditCode, {
      type: c.type,
      number: c.number,
      issuer: c.issuer,
      validFrom: addDays(today, c.validFromDays),
      validTo: c.validToDays === null ? null : addDays(today, c.validToDays),
    } as never);
  }
  for (const l of world.locations) {
    if (!isFresh(l.enterprise)) continue;
    const region = regions[enterpriseSpecs[l.enterprise].region];
    const created = await createLocation(parties, seedOperator, {
      enterprise: world.enterprises[l.enterprise].creditCode,
      kind: l.kind,
      name: l.name,
      address: enterpriseSpecs[l.enterprise].address,
      coordinates: { lat: region.lat, lng: region.lng },
    });
    if (created.identifier !== locationUri(world, l.key)) {
      throw new Error(`location ${l.key} got ${created.identifier}, expected ${locationUri(world, l.key)}`);
    }
  }
  for (const m of world.merchants) {
    if (!isFresh(m.enterprise)) continue;
    await registerMerchant(parties, seedOperator, world.enterprises[m.enterprise].creditCode, {
      name: m.name,
      idNumber: m.idNumber,
      stall: m.stall,
      phone: m.phone,
    });
  }
  for (const p of Object.values(world.products)) {
    if (!isFresh(p.enterprise)) continue;
    await createProduct(parties, seedOperator, {
      enterprise: world.enterprises[p.enterprise].creditCode,
      gtin: p.gtin,
      name: p.name,
      category: p.category,
      specification: p.specification,
      unit: p.unit,
      shelfLifeDays: p.shelfLifeDays,
      approvals: p.approvals,
    });
  }
  return fresh.length;
}
