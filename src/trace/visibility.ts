import type { Principal } from '../auth/principal.js';
import type { TraceGraph } from './schema.js';

/**
 * What a caller may see of a trace. This is where the enterprises issue plugs in its rules
 * (an enterprise sees its own relations and one step up and down; a regulator its region).
 *
 * Today: an API key sees the full graph. An anonymous caller (a consumer scanning a label) sees
 * the public subset — what a consumer label already shows:
 * - objects with product, lot, dates, origin (ilmd) and producer (the label's 生产者);
 * - relations without event identifiers;
 * - events as type, time, business step and disposition, with where they happened as the filed
 *   enterprise, its region and the location's name (what a Chinese trace label prints: 生产企业、
 *   批发市场、摊位、零售商) — never event IDs nor location identifiers;
 * - parties only in the producer role; no shipper, receiver, seller or counterparty identifiers.
 */
export function visibleTrace(
  graph: TraceGraph,
  principal: Principal,
  readable: ReadonlySet<string> = new Set(),
): TraceGraph {
  if (principal.scopes.has('admin')) return graph;
  if (principal.kind !== 'anonymous') return partialTrace(graph, readable);
  return {
    ...graph,
    view: 'public',
    relations: graph.relations.map(({ eventId: _, ...r }) => r),
    parties: graph.parties
      .filter((p) => p.role === 'producer')
      .map(({ party, role, object, quantity, uom, at, enterprise }) => ({
        party,
        role,
        object,
        quantity,
        uom,
        at,
        ...(enterprise ? { enterprise } : {}),
      })),
    events: graph.events.map(({ eventType, eventTime, bizStep, disposition, where }) => ({
      eventType,
      eventTime,
      bizStep,
      disposition,
      ...(where ? { where } : {}),
    })),
  };
}

/**
 * A logged-in enterprise or regulator: the public subset, plus in full every event it may read
 * under row-level security (its own, its partners', its region's) — its relations' event IDs and
 * the parties of those events.
 */
function partialTrace(graph: TraceGraph, readable: ReadonlySet<string>): TraceGraph {
  const sees = (eventId: string | undefined) => eventId !== undefined && readable.has(eventId);
  return {
    ...graph,
    view: 'partial',
    relations: graph.relations.map((r) => (sees(r.eventId) ? r : (({ eventId: _, ...rest }) => rest)(r))),
    parties: graph.parties.filter((p) => p.role === 'producer' || sees(p.eventId)),
    events: graph.events.map((e) =>
      sees(e.eventId)
        ? e
        : {
            eventType: e.eventType,
            eventTime: e.eventTime,
            bizStep: e.bizStep,
            disposition: e.disposition,
            ...(e.where ? { where: e.where } : {}),
          },
    ),
  };
}

/** Holders and impact name every party that received a lot: for regulators and administrators. */
export function mayAssessImpact(principal: Principal): boolean {
  return principal.scopes.has('admin') || principal.role === 'regulator';
}
