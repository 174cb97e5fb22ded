import { canonicalEpc, epcToUrn, gcpLengthOf } from '../../identifiers/epc.js';
import { cbvBare } from '../cbv.js';

type Json = Record<string, unknown>;

export type EpcFormat = 'digitalLink' | 'urn';

export interface FormatOptions {
  epcFormat: EpcFormat;
  /** GS1 Company Prefix lengths by prefix, for URN output (longest match wins). */
  gcpLengths: Record<string, number>;
}

function id(value: unknown, options: FormatOptions): unknown {
  if (typeof value !== 'string') return value;
  if (options.epcFormat === 'urn' && value.startsWith('urn:epc:')) return value;
  const canonical = canonicalEpc(value);
  if (!canonical.ok) return value;
  if (options.epcFormat === 'digitalLink') return canonical.value;
  return epcToUrn(canonical.value, gcpLengthOf(canonical.value, options.gcpLengths)) ?? canonical.value;
}

function mapList(list: unknown, fn: (item: Json) => Json): unknown {
  return Array.isArray(list)
    ? list.map((item) => (item && typeof item === 'object' ? fn(item as Json) : item))
    : list;
}

/**
 * The event as returned by queries: the captured document with identifiers in the requested
 * form (canonical Digital Link by default, EPC URN when asked) and CBV values bare.
 */
export function formatEvent(doc: Json, recordTime: Date, options: FormatOptions): Json {
  const out: Json = { ...doc, recordTime: recordTime.toISOString() };
  for (const field of ['epcList', 'childEPCs', 'inputEPCList', 'outputEPCList']) {
    if (Array.isArray(out[field])) out[field] = (out[field] as unknown[]).map((v) => id(v, options));
  }
  if (out.parentID !== undefined) out.parentID = id(out.parentID, options);
  for (const field of ['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList']) {
    out[field] = mapList(out[field], (q) => ({ ...q, epcClass: id(q.epcClass, options) }));
  }
  for (const field of ['readPoint', 'bizLocation']) {
    const place = out[field] as Json | undefined;
    if (place && typeof place === 'object') out[field] = { ...place, id: id(place.id, options) };
  }
  if (typeof out.bizStep === 'string') out.bizStep = cbvBare('bizStep', out.bizStep);
  if (typeof out.disposition === 'string') out.disposition = cbvBare('disposition', out.disposition);
  out.bizTransactionList = mapList(out.bizTransactionList, (b) => ({
    ...b,
    ...(typeof b.type === 'string' ? { type: cbvBare('bizTransactionType', b.type) } : {}),
    bizTransaction: id(b.bizTransaction, options),
  }));
  out.sourceList = mapList(out.sourceList, (s) => ({
    ...s,
    type: typeof s.type === 'string' ? cbvBare('sourceDestType', s.type) : s.type,
    source: id(s.source, options),
  }));
  out.destinationList = mapList(out.destinationList, (d) => ({
    ...d,
    type: typeof d.type === 'string' ? cbvBare('sourceDestType', d.type) : d.type,
    destination: id(d.destination, options),
  }));
  const declaration = out.errorDeclaration as Json | undefined;
  if (declaration && typeof declaration.reason === 'string') {
    out.errorDeclaration = { ...declaration, reason: cbvBare('errorReason', declaration.reason) };
  }
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out;
}

export const epcisContext = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

/** Wraps events in an EPCISQueryDocument. */
export function queryDocument(queryName: string, events: Json[]): Json {
  return {
    '@context': [epcisContext],
    type: 'EPCISQueryDocument',
    schemaVersion: '2.0',
    creationDate: new Date().toISOString(),
    epcisBody: { queryResults: { queryName, resultsBody: { eventList: events } } },
  };
}

/** The meaning of an event, for comparing two captures of it: canonical identifiers and terms, no server fields. */
export function canonicalForm(doc: Json): Json {
  const {
    recordTime: _r,
    '@context': _c,
    errorDeclaration: _d,
    ...rest
  } = formatEvent(doc, new Date(0), {
    epcFormat: 'digitalLink',
    gcpLengths: {},
  });
  return rest;
}
