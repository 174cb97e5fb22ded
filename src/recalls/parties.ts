import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import { creditCodeIn, partyDirectory } from '../trace/parties.js';
import type { RecallsDb } from './db.js';

export interface PartyEnterprise {
  enterprise: string;
  region: string | null;
  latitude: number | null;
  longitude: number | null;
}

/**
 * The enterprise behind each party an event names, as the trace's party directory finds it (a
 * location's identifier, the enterprise's GLN, its credit code, urn:suyuan:party:CODE), with the
 * enterprise's place for the emergency map; a credit code not filed here still names its enterprise
 * (region from positions 3–8, GB 32100). Runs as the owner (system work): an enterprise opening a
 * recall may not read the other enterprises' master data, but must notify them.
 */
export async function enterprisesOfParties(
  system: RecallsDb,
  parties: string[],
): Promise<Map<string, PartyEnterprise>> {
  const out = new Map<string, PartyEnterprise>();
  if (parties.length === 0) return out;
  const directory = await partyDirectory(system as unknown as Kysely<DB>, parties);
  const filed = [...new Set([...directory.values()].map((p) => p.creditCode))];
  const places =
    filed.length === 0
      ? []
      : await system
          .selectFrom('enterprises')
          .select(['credit_code', 'latitude', 'longitude'])
          .where('credit_code', 'in', filed)
          .execute();
  const placeOf = new Map(places.map((p) => [p.credit_code, p]));
  for (const party of parties) {
    const found = directory.get(party);
    const code = found?.creditCode ?? creditCodeIn(party);
    if (!code) continue;
    const place = placeOf.get(code);
    out.set(party, {
      enterprise: code,
      region: found?.region ?? code.slice(2, 8),
      latitude: place?.latitude ?? null,
      longitude: place?.longitude ?? null,
    });
  }
  return out;
}

/** An enterprise's region: its filing, else positions 3–8 of its credit code (GB 32100). */
export async function regionOf(system: RecallsDb, enterprise: string): Promise<string | null> {
  const row = await system
    .selectFrom('enterprises')
    .select('region')
    .where('credit_code', '=', enterprise)
    .executeTakeFirst();
  return row?.region ?? (creditCodeIn(enterprise) ? enterprise.slice(2, 8) : null);
}
