import type { Kysely } from 'kysely';
import { canonicalCodeUri } from '../codes/code-uri.js';
import type { DB } from '../db/types.js';
import { DomainError } from '../http/errors.js';
import { targetOfCode, targetOfDigitalLink } from '../resolver/service.js';
import { graphRow } from './graph-query.js';
import { iso, traceObject } from './objects.js';
import { directoryOfTuples } from './parties.js';
import type { Way } from './queries.js';
import type { Direction, TraceGraph } from './schema.js';

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

/** Back, forward or both ways from one identifier: objects, relations, parties and events. */
export async function traceGraph(db: Kysely<DB>, uri: string, options: TraceOptions): Promise<TraceGraph> {
  const ways: Way[] = options.direction === 'both' ? ['back', 'forward'] : [options.direction];
  const row = await graphRow(db, uri, ways, { depth: options.depth, at: options.at, limit: options.limit });
  if (row.known === false)
    throw new DomainError('NOT_FOUND', `${uri} was never issued here and appears in no event`);
  const objects = row.objects ?? [];
  const directory = directoryOfTuples(row.directory);
  const where = (ids: (string | null)[]) => {
    for (const id of ids) {
      const info = id === null ? undefined : directory.get(id);
      if (info) return { where: info };
    }
    return {};
  };
  const events = (row.events ?? []).map(
    ([eventId, eventType, eventTime, action, bizStep, disposition, bizLocation, readPoint, owner]) => ({
      eventId,
      eventType,
      eventTime: iso(eventTime),
      action,
      bizStep,
      disposition,
      bizLocation,
      ...where([bizLocation, readPoint, owner]),
    }),
  );
  const eventAt = (i: number) => events[i] as (typeof events)[number];
  return {
    start: uri,
    direction: options.direction,
    depth: options.depth,
    at: options.at?.toISOString() ?? null,
    view: 'full',
    ...(row.total > objects.length ? { truncated: { total: row.total, returned: objects.length } } : {}),
    objects: objects.map(traceObject),
    relations: (row.relations ?? []).map(([from, to, kind, fromQuantity, toQuantity, uom, until, i]) => {
      const event = eventAt(i);
      return {
        from,
        to,
        kind,
        fromQuantity,
        toQuantity,
        uom,
        at: event.eventTime,
        until: until === null ? null : iso(until),
        eventId: event.eventId,
      };
    }),
    parties: (row.parties ?? []).map(([party, kind, object, quantity, uom, counterparty, i]) => {
      const enterprise = directory.get(party);
      const event = eventAt(i);
      return {
        party,
        role: roleOf[kind] ?? kind,
        object,
        quantity,
        uom,
        at: event.eventTime,
        counterparty,
        eventId: event.eventId,
        ...(enterprise ? { enterprise } : {}),
      };
    }),
    events,
  };
}
