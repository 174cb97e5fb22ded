import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import { DomainError } from '../http/errors.js';
import { type Holding, scopePrefix, withParties } from './holdings.js';
import { impactRow } from './impact-query.js';
import { traceObject } from './objects.js';
import { directoryOfTuples, type PartyInfo } from './parties.js';
import { isKnown } from './queries.js';
import { maxDepth, type TraceObject } from './schema.js';
import { identifierOf } from './service.js';

export interface ImpactObject extends TraceObject {
  scans: number;
}

export interface PartySummary {
  party: string;
  region: string | null;
  enterprise?: PartyInfo;
  objects: number;
  uom: string | null;
  received: number;
  sold: number;
  shipped: number;
  held: number;
}

/** 销售范围及影响评估: what the recall workflow starts from. */
export interface Impact {
  lots: string[];
  from: string | null;
  to: string | null;
  objects: ImpactObject[];
  /** Per party and unit: how much of any affected object it received, sold on, shipped and holds. */
  parties: PartySummary[];
  /** Per party, object and unit. */
  holdings: Holding[];
  /** Regions (GB/T 2260) of the parties that received any of it, with their names. */
  regions: string[];
  regionNames: Record<string, string | null>;
  scans: number;
}

function summarise(rows: Holding[]): PartySummary[] {
  const byKey = new Map<string, PartySummary>();
  for (const h of rows) {
    const key = `${h.party}\n${h.uom ?? ''}`;
    const s = byKey.get(key) ?? {
      party: h.party,
      region: h.region,
      ...(h.enterprise ? { enterprise: h.enterprise } : {}),
      objects: 0,
      uom: h.uom,
      received: 0,
      sold: 0,
      shipped: 0,
      held: 0,
    };
    s.objects += 1;
    s.received += h.received;
    s.sold += h.sold;
    s.shipped += h.shipped;
    s.held += h.held;
    byKey.set(key, s);
  }
  return [...byKey.values()];
}

/**
 * Everything downstream of the problem lots: objects, parties with quantities, public scans.
 * A window (from/to) keeps only what left the problem lots in it (first hops); later hops follow.
 */
export async function impactOf(
  db: Kysely<DB>,
  raw: string[],
  window: { from?: Date; to?: Date } = {},
): Promise<Impact> {
  const lots = [...new Set(raw.map(identifierOf))];
  const prefixes = lots.map(scopePrefix).filter((p): p is string => p !== null);
  const row = await impactRow(db, lots, { depth: maxDepth, ...window, prefix: prefixes[0] ?? null });
  const objects = row.objects ?? [];
  if (objects.length === lots.length) {
    const known = await Promise.all(lots.map((l) => isKnown(db, l)));
    const unknown = lots.filter((_, i) => !known[i]);
    if (unknown.length === lots.length)
      throw new DomainError(
        'NOT_FOUND',
        `${unknown.join(', ')} appear in no event and were never issued here`,
      );
  }
  const directory = directoryOfTuples(row.directory);
  const held = withParties(row.holdings ?? [], directory);
  const scans = new Map((row.scans ?? []).map(([uri, n]) => [uri, Number(n)]));
  const containers = new Set(row.containers ?? []);
  const withScans = objects.map((o) => ({ ...traceObject(o), scans: scans.get(o[0]) ?? 0 }));
  const regionNames: Record<string, string | null> = {};
  for (const h of held) if (h.region && h.enterprise) regionNames[h.region] = h.enterprise.regionName;
  return {
    lots,
    from: window.from?.toISOString() ?? null,
    to: window.to?.toISOString() ?? null,
    objects: withScans,
    // the summary counts goods: a case or pallet's own rows would count its contents twice
    parties: summarise(held.filter((h) => h.object === undefined || !containers.has(h.object))),
    holdings: held,
    regions: Object.keys(regionNames).sort(),
    regionNames,
    scans: withScans.reduce((n, o) => n + o.scans, 0),
  };
}
