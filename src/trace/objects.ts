import { suyuanCodeOf } from '../codes/code-uri.js';
import type { ObjectTuple } from './graph-query.js';
import type { TraceObject } from './schema.js';

/** Product (GTIN) and lot (AI 10) read from a canonical GS1 Digital Link, when it is one. */
export function gs1Parts(uri: string): { product: string | null; lot: string | null; kind: string | null } {
  const m = /^https:\/\/id\.gs1\.org\/(01|00)\/(\d+)(?:\/10\/([^/?#]+))?(?:\/21\/([^/?#]+))?/.exec(uri);
  if (!m) return { product: null, lot: null, kind: null };
  if (m[1] === '00') return { product: null, lot: null, kind: 'logisticUnit' };
  const lot = m[3] ? decodeURIComponent(m[3]) : null;
  return { product: m[2] as string, lot, kind: m[4] ? 'item' : lot ? 'lot' : 'product' };
}

export function displayCode(uri: string): string {
  return suyuanCodeOf(uri) ?? uri;
}

/** PostgreSQL's JSON form of a timestamptz in UTC: seconds, then up to six fraction digits. */
const utcText = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00:00$/;

/**
 * A timestamp as PostgreSQL's JSON writes it (any offset) in the API's form, UTC with milliseconds.
 * The trace function writes UTC, which is rewritten as text (a large trace has ~10,000 timestamps
 * and parsing each into a Date cost a quarter of its time in Node); any other offset is parsed.
 */
export function iso(text: string): string {
  const m = utcText.exec(text);
  if (m === null) return new Date(text).toISOString();
  const fraction = m[2] ?? '';
  return `${m[1]}.${fraction.length >= 3 ? fraction.slice(0, 3) : fraction.padEnd(3, '0')}Z`;
}

/** One object of a trace statement (graph-query.ts) as the API returns it. */
export function traceObject([
  uri,
  value,
  kind,
  owner,
  product,
  productName,
  lot,
  productionDate,
  expiryDate,
  producedAt,
  producedBy,
  ilmd,
  depth,
]: ObjectTuple): TraceObject {
  const parts = gs1Parts(uri);
  return {
    uri,
    code: value ?? displayCode(uri),
    kind: kind ?? parts.kind,
    product: product ?? parts.product,
    productName,
    lot: lot ?? parts.lot,
    productionDate,
    expiryDate,
    producedAt: producedAt === null ? null : iso(producedAt),
    producer: owner ?? producedBy,
    origin: ilmd,
    depth,
  };
}
