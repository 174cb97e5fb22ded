import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/types.js';
import { lookupRegion } from '../identifiers/index.js';
import type { DirectoryTuple } from './graph-query.js';

/** The filed enterprise behind a party identifier of an event, with its region (GB/T 2260). */
export interface PartyInfo {
  creditCode: string;
  name: string;
  region: string;
  /** The region with its parents, e.g. 海南省 海口市 龙华区. */
  regionName: string | null;
  /** Set when the identifier names one of the enterprise's locations. */
  location?: string;
}

const creditCodePattern = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/**
 * The credit code an identifier spells directly, if any: the bare code, `urn:suyuan:party:CODE`
 * (a party without a GLN), or a suyuan location `urn:suyuan:loc:CODE:n`.
 */
export function creditCodeIn(id: string): string | undefined {
  const bare = id
    .replace(/^urn:suyuan:(party|enterprise):/i, '')
    .replace(/^urn:suyuan:loc:([^:]+):[^:]+$/i, '$1');
  return creditCodePattern.test(bare) ? bare : undefined;
}

/** The GLN of a GS1 party or location identifier (Digital Link 414/417 or an SGLN/PGLN URN form already canonicalised). */
export function glnIn(id: string): string | undefined {
  return /^https:\/\/id\.gs1\.org\/41[47]\/(\d{13})(?:\/|$)/.exec(id)?.[1];
}

export function regionNameOf(code: string): string | null {
  const found = lookupRegion(code);
  if (!found.valid || !found.region) return null;
  return found.region.chain
    .filter((n) => n !== '省直辖县级行政区划' && n !== '市辖区' && n !== '县')
    .join(' ');
}

export interface DirectoryRow {
  id: string;
  credit_code: string;
  name: string;
  region: string;
  location: string | null;
}

/** Directory rows as a map, with region names (GB/T 2260) looked up once per region. */
export function directoryOf(rows: Iterable<DirectoryRow>): Map<string, PartyInfo> {
  const out = new Map<string, PartyInfo>();
  const names = new Map<string, string | null>();
  for (const r of rows) {
    if (!names.has(r.region)) names.set(r.region, regionNameOf(r.region));
    out.set(r.id, {
      creditCode: r.credit_code,
      name: r.name,
      region: r.region,
      regionName: names.get(r.region) ?? null,
      ...(r.location ? { location: r.location } : {}),
    });
  }
  return out;
}

/** The directory a trace or impact statement returns as tuples (identifier, credit code, name, region, location). */
export function directoryOfTuples(tuples: DirectoryTuple[] | null): Map<string, PartyInfo> {
  return directoryOf(
    (tuples ?? []).map(([id, credit_code, name, region, location]) => ({
      id,
      credit_code,
      name,
      region,
      location,
    })),
  );
}

/**
 * Maps party and location identifiers of events to filed enterprises: a location's identifier, an
 * enterprise's GLN (with or without an extension), or the enterprise's credit code. Identifiers no
 * enterprise claims are left out. One statement for the whole list: `suyuan_party_directory`
 * (migration 0049), which a trace also calls inside its own statement; `glnIn` and `creditCodeIn`
 * spell the same rules in TypeScript.
 */
export async function partyDirectory(db: Kysely<DB>, ids: Iterable<string>): Promise<Map<string, PartyInfo>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const { rows } = await sql<DirectoryRow>`SELECT * FROM suyuan_party_directory(${list}::text[])`.execute(db);
  return directoryOf(rows);
}
