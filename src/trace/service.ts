import type { Kysely } from 'kysely';
import { canonicalCodeUri } from '../codes/code-uri.js';
import type { DB } from '../db/types.js';
import { DomainError } from '../http/errors.js';
import { targetOfCode, targetOfDigitalLink } from '../resolver/service.js';
import { describeObjects } from './objects.js';
import { partyDirectory } from './parties.js';
import { type EdgeRow, type EventFields, isKnown, movementsOf, type Way, walkEdges } from './queries.js';
import type { Direction, TraceGraph, TraceParty, TraceRelation } from './schema.js';

/** What each movement makes its party in a trace. */
export const roleOf: Record<string, string> = {
  produced: 'producer',
  received: 'receiver',
  shipped: 'shipper',
  sold: 'seller',
  consumed: 'processor',
  destroyed: 'destroyer',
  transferred: 'seller',
};

/**
 * The canonical identifier of anything the resolver accepts: a suyuan code, a GS1 element string or
 * Digital Link (or just its path, /01/…), an EPC URN, a resolver URL.
 */
export function identifierOf(raw: string): string {
  const value = raw.trim();
  if (value.startsWith('/')) return targetOfDigitalLink(value);
  if (/^(https?|urn):/i.test(value)) {
    const canonical = canonicalCodeUri(value);
    if (canonical.ok) return canonical.value;
    throw new DomainError('VALIDATION_FAILED', canonical.error, [
      { pointer: 'code', message: canonical.error },
    ]);
  }
  return targetOfCode(value);
}

export interface TraceOptions {
  direction: Direction;
  depth: number;
  at?: Date;
  /** Most objects returned, nearest first (default: all). */
  limit?: number;
}

/** Hops from the start of every node reached, negative on the back side. */
function depthsOf(start: string, sides: { way: Way; edges: EdgeRow[] }[]): Map<string, number> {
  const depths = new Map<string, number>([[start, 0]]);
  for (const { way, edges } of sides) {
    const sign = way === 'back' ? -1 : 1;
    for (const e of edges) {
      const far = way === 'back' ? e.source : e.target;
      const d = sign * (e.depth + 1);
      const seen = depths.get(far);
      if (seen === undefined || Math.abs(d) < Math.abs(seen)) depths.set(far, d);
    }
  }
  return depths;
}

/** The `limit` nearest objects (fewest hops, then by identifier), and whether any were left out. */
function nearest(
  depths: Map<string, number>,
  limit = Number.POSITIVE_INFINITY,
): { depths: Map<string, number>; truncated?: { total: number; returned: number } } {
  if (depths.size <= limit) return { depths };
  const kept = [...depths.entries()]
    .sort(([a, da], [b, db]) => Math.abs(da) - Math.abs(db) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit);
  return { depths: new Map(kept), truncated: { total: depths.size, returned: kept.length } };
}

/** Back, forward or both ways from one identifier: objects, relations, parties and events. */
export async function traceGraph(db: Kysely<DB>, uri: string, options: TraceOptions): Promise<TraceGraph> {
  const ways: Way[] = options.direction === 'both' ? ['back', 'forward'] : [options.direction];
  const walk = { depth: options.depth, at: options.at };
  const sides = await Promise.all(
    ways.map(async (way) => ({ way, edges: await walkEdges(db, [uri], way, walk) })),
  );
  if (sides.every((s) => s.edges.length === 0) && !(await isKnown(db, uri)))
    throw new DomainError('NOT_FOUND', `${uri} was never issued here and appears in no event`);
  const reached = depthsOf(uri, sides);
  const { depths, truncated } = nearest(reached, options.limit);
  if (truncated)
    for (const side of sides)
      side.edges = side.edges.filter((e) => depths.has(e.source) && depths.has(e.target));
  const edges = sides.flatMap((s) => s.edges);
  const uris = [...depths.keys()];
  const [objects, movements] = await Promise.all([
    describeObjects(db, depths),
    movementsOf(db, uris, options.at),
  ]);
  const relations = new Map<string, TraceRelation>();
  for (const e of edges) {
    relations.set(`${e.source}\n${e.target}\n${e.event_pk}\n${e.kind}`, {
      from: e.source,
      to: e.target,
      kind: e.kind,
      fromQuantity: e.source_quantity,
      toQuantity: e.target_quantity,
      uom: e.uom,
      at: e.at.toISOString(),
      until: e.valid_to?.toISOString() ?? null,
      eventId: e.event_id,
    });
  }
  const events = new Map<string, EventFields>();
  for (const e of [...edges, ...movements]) events.set(e.event_pk, e);
  const directory = await partyDirectory(db, [
    ...movements.flatMap((m) => (m.party ? [m.party] : [])),
    ...[...events.values()].flatMap((e) =>
      [e.biz_location, e.read_point, e.owner_enterprise].filter((v): v is string => v !== null),
    ),
  ]);
  const whereOf = (e: EventFields) =>
    [e.biz_location, e.read_point, e.owner_enterprise]
      .map((id) => (id === null ? undefined : directory.get(id)))
      .find((info) => info !== undefined);
  const parties: TraceParty[] = movements
    .filter((m) => m.party !== null)
    .map((m) => ({
      party: m.party as string,
      role: roleOf[m.kind] ?? m.kind,
      object: m.epc,
      quantity: m.quantity,
      uom: m.uom,
      at: m.at.toISOString(),
      counterparty: m.counterparty,
      eventId: m.event_id,
      ...(directory.has(m.party as string) ? { enterprise: directory.get(m.party as string) } : {}),
    }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return {
    start: uri,
    direction: options.direction,
    depth: options.depth,
    at: options.at?.toISOString() ?? null,
    view: 'full',
    ...(truncated ? { truncated } : {}),
    objects,
    relations: [...relations.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)),
    parties,
    events: [...events.values()]
      .sort((a, b) => a.event_time.getTime() - b.event_time.getTime() || (a.event_id < b.event_id ? -1 : 1))
      .map((e) => ({
        eventId: e.event_id,
        eventType: e.event_type,
        eventTime: e.event_time.toISOString(),
        action: e.action,
        bizStep: e.biz_step,
        disposition: e.disposition,
        bizLocation: e.biz_location,
        ...(whereOf(e) ? { where: whereOf(e) } : {}),
      })),
  };
}
