import { canonicalCodeUri } from '../../codes/code-uri.js';
import { cbvBare } from '../cbv.js';
import { eventHash } from '../hash/index.js';
import type { ValidationIssue } from '../validation/index.js';

type Json = Record<string, unknown>;

export interface EpcRow {
  role: 'epc' | 'parent' | 'child' | 'input' | 'output';
  isClass: boolean;
  epc: string;
  quantity: number | null;
  uom: string | null;
}

export interface SensorRow {
  elementIndex: number;
  reportIndex: number;
  type: string | null;
  deviceId: string | null;
  time: string | null;
  value: number | null;
  minValue: number | null;
  maxValue: number | null;
  meanValue: number | null;
  uom: string | null;
  stringValue: string | null;
  booleanValue: boolean | null;
  microorganism: string | null;
  chemicalSubstance: string | null;
  exception: string | null;
}

/** One event ready for storage: columns, child rows and the document as captured. */
export interface NormalisedEvent {
  eventId: string;
  eventType: string;
  eventTime: string;
  eventTimeZoneOffset: string;
  action: string | null;
  bizStep: string | null;
  disposition: string | null;
  readPoint: string | null;
  bizLocation: string | null;
  transformationId: string | null;
  errorDeclarationTime: string | null;
  errorReason: string | null;
  epcs: EpcRow[];
  bizTransactions: { type: string; value: string }[];
  parties: { direction: 'source' | 'destination'; type: string; value: string }[];
  sensorReports: SensorRow[];
  /** The event as captured, with its eventID and, when the document had one, its @context. */
  doc: Json;
  /** The industry template version (id@version) and CTE the event was checked against, if any. */
  template?: string | null;
  templateCte?: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

class Collector {
  readonly issues: ValidationIssue[] = [];
  constructor(private readonly pointer: string) {}
  id(value: unknown, path: string): string | null {
    if (typeof value !== 'string') return null;
    const parsed = canonicalCodeUri(value);
    if (parsed.ok) return parsed.value;
    this.issues.push({ pointer: `${this.pointer}/${path}`, message: parsed.error });
    return null;
  }
}

function epcRows(c: Collector, event: Json, out: EpcRow[]): void {
  const lists: [string, EpcRow['role']][] = [
    ['epcList', 'epc'],
    ['childEPCs', 'child'],
    ['inputEPCList', 'input'],
    ['outputEPCList', 'output'],
  ];
  for (const [field, role] of lists) {
    const list = event[field];
    if (!Array.isArray(list)) continue;
    list.forEach((v, i) => {
      const epc = c.id(v, `${field}/${i}`);
      if (epc) out.push({ role, isClass: false, epc, quantity: null, uom: null });
    });
  }
  const quantities: [string, EpcRow['role']][] = [
    ['quantityList', 'epc'],
    ['childQuantityList', 'child'],
    ['inputQuantityList', 'input'],
    ['outputQuantityList', 'output'],
  ];
  for (const [field, role] of quantities) {
    const list = event[field];
    if (!Array.isArray(list)) continue;
    list.forEach((q: Json, i) => {
      const epc = c.id(q?.epcClass, `${field}/${i}/epcClass`);
      if (epc) out.push({ role, isClass: true, epc, quantity: num(q.quantity), uom: str(q.uom) });
    });
  }
  const parent = c.id(event.parentID, 'parentID');
  if (parent) out.push({ role: 'parent', isClass: false, epc: parent, quantity: null, uom: null });
}

function sensorRows(event: Json): SensorRow[] {
  const rows: SensorRow[] = [];
  const elements = Array.isArray(event.sensorElementList) ? event.sensorElementList : [];
  elements.forEach((element: Json, elementIndex) => {
    const meta = (element?.sensorMetadata ?? {}) as Json;
    const reports = Array.isArray(element?.sensorReport) ? element.sensorReport : [];
    reports.forEach((r: Json, reportIndex) => {
      rows.push({
        elementIndex,
        reportIndex,
        type: str(r.type),
        deviceId: str(r.deviceID) ?? str(meta.deviceID),
        time: str(r.time) ?? str(meta.time),
        value: num(r.value),
        minValue: num(r.minValue),
        maxValue: num(r.maxValue),
        meanValue: num(r.meanValue),
        uom: str(r.uom),
        stringValue: str(r.stringValue),
        booleanValue: typeof r.booleanValue === 'boolean' ? r.booleanValue : null,
        microorganism: str(r.microorganism),
        chemicalSubstance: str(r.chemicalSubstance),
        exception: str(r.exception),
      });
    });
  });
  return rows;
}

/**
 * Turns one validated event into storage rows. Identifiers are canonicalised (errors are reported
 * at their JSON pointer); an event without an eventID gets the CBV 2.0 event hash (`hash` when the
 * caller computed it over the whole document, as the reference implementation does).
 */
export function normaliseEvent(
  event: Json,
  context: unknown,
  pointer: string,
  hash?: string,
): { ok: true; event: NormalisedEvent } | { ok: false; issues: ValidationIssue[] } {
  const c = new Collector(pointer);
  const epcs: EpcRow[] = [];
  epcRows(c, event, epcs);
  const readPoint = c.id((event.readPoint as Json | undefined)?.id, 'readPoint/id');
  const bizLocation = c.id((event.bizLocation as Json | undefined)?.id, 'bizLocation/id');
  const bizTransactions: NormalisedEvent['bizTransactions'] = [];
  (Array.isArray(event.bizTransactionList) ? event.bizTransactionList : []).forEach((b: Json, i) => {
    const value = c.id(b?.bizTransaction, `bizTransactionList/${i}/bizTransaction`);
    if (value) bizTransactions.push({ type: cbvBare('bizTransactionType', str(b.type) ?? ''), value });
  });
  const parties: NormalisedEvent['parties'] = [];
  for (const [field, direction, key] of [
    ['sourceList', 'source', 'source'],
    ['destinationList', 'destination', 'destination'],
  ] as const) {
    (Array.isArray(event[field]) ? (event[field] as Json[]) : []).forEach((p, i) => {
      const value = c.id(p?.[key], `${field}/${i}/${key}`);
      if (value) parties.push({ direction, type: cbvBare('sourceDestType', str(p.type) ?? ''), value });
    });
  }
  if (c.issues.length > 0) return { ok: false, issues: c.issues };

  const doc: Json = { ...event };
  delete doc.recordTime; // set by the server
  if (hasCustomContext(context) && doc['@context'] === undefined) doc['@context'] = context;
  const eventId = str(event.eventID) ?? hash ?? eventHash(event, context);
  doc.eventID = eventId;
  const declaration = event.errorDeclaration as Json | undefined;
  return {
    ok: true,
    event: {
      eventId,
      eventType: String(event.type),
      eventTime: String(event.eventTime),
      eventTimeZoneOffset: String(event.eventTimeZoneOffset),
      action: str(event.action),
      bizStep: str(event.bizStep) === null ? null : cbvBare('bizStep', String(event.bizStep)),
      disposition: str(event.disposition) === null ? null : cbvBare('disposition', String(event.disposition)),
      readPoint,
      bizLocation,
      transformationId: str(event.transformationID),
      errorDeclarationTime: str(declaration?.declarationTime),
      errorReason:
        declaration?.reason === undefined ? null : cbvBare('errorReason', String(declaration.reason)),
      epcs,
      bizTransactions,
      parties,
      sensorReports: sensorRows(event),
      doc,
      template: str(doc['suyuan:template']),
      templateCte: str(doc['suyuan:cte']),
    },
  };
}

/** A context worth keeping with each event: anything beyond the standard EPCIS context URL. */
export function hasCustomContext(context: unknown): boolean {
  if (context === undefined || context === null) return false;
  if (typeof context === 'string') return !/epcis-context(-simple)?\.jsonld$/.test(context);
  if (Array.isArray(context)) return context.some((c) => hasCustomContext(c));
  return typeof context === 'object' && Object.keys(context).length > 0;
}
