import type { EpcRow, NormalisedEvent } from '../epcis/capture/normalise.js';

export interface LinkRow {
  kind: 'transform' | 'contains';
  source: string;
  target: string;
  sourceQuantity: number | null;
  targetQuantity: number | null;
  uom: string | null;
  at: string;
}

export interface UnpackRow {
  parent: string;
  child: string | null;
  at: string;
}

export type MovementKind =
  | 'produced'
  | 'received'
  | 'shipped'
  | 'sold'
  | 'consumed'
  | 'destroyed'
  | 'transferred';

export interface MovementRow {
  epc: string;
  kind: MovementKind;
  party: string | null;
  counterparty: string | null;
  quantity: number | null;
  uom: string | null;
  at: string;
  /**
   * Of a `produced` row: the event's instance/lot master data (ilmd) as JSON text, what a trace
   * shows as origin (text: serialized once per event, however many identifiers it produces).
   */
  ilmd: string | null;
}

export interface Lineage {
  links: LinkRow[];
  unpacks: UnpackRow[];
  movements: MovementRow[];
  /** Parents whose membership intervals must be recomputed. */
  parents: string[];
}

/** Party types in the order that names "the" party of a side: owner before possessor before place. */
const partyTypes = ['owning_party', 'possessing_party', 'location'];

/** The party on one side of an event: its sourceList or destinationList entry, owner first. */
export function partyOf(event: NormalisedEvent, direction: 'source' | 'destination'): string | null {
  const side = event.parties.filter((p) => p.direction === direction);
  for (const type of partyTypes) {
    const hit = side.find((p) => p.type === type);
    if (hit) return hit.value;
  }
  return side[0]?.value ?? null;
}

const amount = (r: EpcRow): number | null => (r.isClass ? r.quantity : 1);

/** The ilmd an event gives what it produces (EPCIS 2.0 §7.3.6) as JSON text, when it has one. */
function ilmdOf(e: NormalisedEvent): string | null {
  const ilmd = e.doc.ilmd;
  return ilmd !== null && typeof ilmd === 'object' && !Array.isArray(ilmd) ? JSON.stringify(ilmd) : null;
}

/**
 * Steps that sell goods to a buyer: retail (CBV) and the wholesale-market trade on the market
 * scale (urn:suyuan:bizstep:wholesale_trade, the meat-and-vegetable template's 批发交易).
 */
const sellingSteps = new Set(['retail_selling', 'urn:suyuan:bizstep:wholesale_trade']);
export const isSale = (e: NormalisedEvent) => e.bizStep !== null && sellingSteps.has(e.bizStep);

const destroying = (e: NormalisedEvent) =>
  e.action === 'DELETE' || e.bizStep === 'destroying' || e.disposition === 'destroyed';

function objectMovements(e: NormalisedEvent, objects: EpcRow[]): MovementRow[] {
  const source = partyOf(e, 'source');
  const destination = partyOf(e, 'destination');
  const here = source ?? destination ?? e.bizLocation;
  const kinds: [MovementKind, string | null, string | null][] = [];
  const ilmd = ilmdOf(e);
  if (e.eventType === 'TransactionEvent') {
    if (source && destination && e.action !== 'DELETE') kinds.push(['transferred', source, destination]);
  } else if (destroying(e)) {
    kinds.push(['destroyed', here, null]);
  } else {
    if (e.action === 'ADD') kinds.push(['produced', destination ?? source ?? e.bizLocation, null]);
    if (e.bizStep === 'shipping') kinds.push(['shipped', source ?? e.bizLocation, destination]);
    if (e.bizStep === 'receiving') kinds.push(['received', destination ?? e.bizLocation, source]);
    if (isSale(e)) kinds.push(['sold', source ?? e.bizLocation, destination]);
  }
  return kinds.flatMap(([kind, party, counterparty]) =>
    objects.map((r) => ({
      epc: r.epc,
      kind,
      party,
      counterparty,
      quantity: amount(r),
      uom: r.uom,
      at: e.eventTime,
      ilmd: kind === 'produced' ? ilmd : null,
    })),
  );
}

/**
 * Inputs consumed and outputs produced. A transformation that sells (retail_selling, or the
 * market's wholesale_trade) is the market voucher model (卡单同行): the seller (source) sells a
 * quantity of the batch, and the voucher code it prints is produced for the buyer (destination).
 */
function transformationMovements(e: NormalisedEvent): MovementRow[] {
  const source = partyOf(e, 'source');
  const destination = partyOf(e, 'destination');
  const here = source ?? destination ?? e.bizLocation;
  const sale = isSale(e);
  const ilmd = ilmdOf(e);
  const row = (r: EpcRow, kind: MovementKind, party: string | null, counterparty: string | null) => ({
    epc: r.epc,
    kind,
    party,
    counterparty,
    quantity: amount(r),
    uom: r.uom,
    at: e.eventTime,
    ilmd: kind === 'produced' ? ilmd : null,
  });
  return [
    ...e.epcs
      .filter((r) => r.role === 'input')
      .map((r) => row(r, sale ? 'sold' : 'consumed', here, sale ? destination : null)),
    ...e.epcs
      .filter((r) => r.role === 'output')
      .map((r) => row(r, 'produced', destination ?? here, sale ? source : null)),
  ];
}

/** The lineage rows of one event (pure: the same event always gives the same rows). */
export function deriveLineage(e: NormalisedEvent): Lineage {
  const out: Lineage = { links: [], unpacks: [], movements: [], parents: [] };
  if (e.eventType === 'TransformationEvent') {
    // Events sharing a transformationID are linked as a group by the store (rebuildTransformations).
    if (e.transformationId === null) {
      const inputs = e.epcs.filter((r) => r.role === 'input');
      const outputs = e.epcs.filter((r) => r.role === 'output');
      for (const i of inputs) {
        for (const o of outputs) {
          out.links.push({
            kind: 'transform',
            source: i.epc,
            target: o.epc,
            sourceQuantity: i.isClass ? i.quantity : null,
            targetQuantity: o.isClass ? o.quantity : null,
            uom: o.uom ?? i.uom,
            at: e.eventTime,
          });
        }
      }
    }
    out.movements = transformationMovements(e);
    return out;
  }
  if (e.eventType === 'AggregationEvent' || e.eventType === 'AssociationEvent') {
    const parent = e.epcs.find((r) => r.role === 'parent')?.epc;
    if (!parent) return out;
    const children = e.epcs.filter((r) => r.role === 'child');
    out.parents.push(parent);
    if (e.action === 'DELETE') {
      if (children.length === 0) out.unpacks.push({ parent, child: null, at: e.eventTime });
      for (const c of children) out.unpacks.push({ parent, child: c.epc, at: e.eventTime });
      return out;
    }
    for (const c of children) {
      out.links.push({
        kind: 'contains',
        source: c.epc,
        target: parent,
        sourceQuantity: c.isClass ? c.quantity : null,
        targetQuantity: null,
        uom: c.uom,
        at: e.eventTime,
      });
    }
    return out;
  }
  out.movements = objectMovements(
    e,
    e.epcs.filter((r) => r.role === 'epc'),
  );
  return out;
}
