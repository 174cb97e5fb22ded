import { fail, ok, type Parsed } from '../parsed.js';
import { aiDefinition, aiValueError } from './ai.js';
import { encodeDlValue, percentDecode } from './percent.js';

export type AiElement = { ai: string; value: string };

export type DigitalLink = {
  /** Scheme and authority as given, e.g. `https://example.com`. */
  origin: string;
  /** Path segments before the primary key ('' or e.g. '/products'). */
  pathPrefix: string;
  key: AiElement;
  qualifiers: AiElement[];
  /** GS1 data attributes from the query string (AIs flagged `?` in the syntax dictionary). */
  attributes: AiElement[];
  linkType?: string;
  /** Query parameters that are neither AIs nor linkType, kept as given. */
  otherParams: [string, string][];
};

export const CANONICAL_ORIGIN = 'https://id.gs1.org';

// Convenience short names of DL 1.0/1.1 (`/gtin/…/ser/…`), read but never written.
const SHORT_NAMES: Record<string, string> = {
  gtin: '01',
  itip: '8006',
  gmn: '8013',
  cpid: '8010',
  gln: '414',
  payTo: '415',
  partyGln: '417',
  gsrnp: '8017',
  gsrn: '8018',
  gcn: '255',
  sscc: '00',
  gdti: '253',
  ginc: '401',
  gsin: '402',
  grai: '8003',
  giai: '8004',
  cpv: '22',
  lot: '10',
  ser: '21',
  cpsn: '8011',
  glnx: '254',
  refno: '8020',
  srin: '8019',
  tpx: '235',
};

function aiCode(segment: string | undefined): string {
  return (segment !== undefined && SHORT_NAMES[segment]) || (segment ?? '');
}

const URI = /^(https?:\/\/[^/?#]+)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/i;

function decodeSegments(segments: string[]): string[] | undefined {
  const decoded: string[] = [];
  for (const segment of segments) {
    const result = percentDecode(segment);
    if (!result.ok) return undefined;
    decoded.push(result.value);
  }
  return decoded;
}

function padGtin(ai: string, value: string): string {
  return ai === '01' && /^(\d{8}|\d{12}|\d{13})$/.test(value) ? value.padStart(14, '0') : value;
}

function qualifierSet(keyAi: string): Set<string> {
  return new Set(aiDefinition(keyAi)?.dlQualifiers?.flat() ?? []);
}

/**
 * Where the GS1 part of the path starts: the first segment that is a primary key AI whose value has the right
 * shape (length and characters; check digits are judged later) and that is followed only by AI/value pairs.
 * A URI with no such position is not a Digital Link, so `/news/2020/01/15` stays an ordinary URI instead of
 * becoming a bad GTIN.
 */
function findKeyStart(segments: string[]): number | undefined {
  for (let start = 0; start + 1 < segments.length; start++) {
    if ((segments.length - start) % 2 !== 0) continue;
    const ai = aiCode(segments[start]);
    const value = padGtin(ai, segments[start + 1] ?? '');
    if (aiDefinition(ai)?.dlQualifiers === undefined || aiValueError(ai, value, false)) continue;
    let pairsFit = true;
    for (let at = start + 2; at < segments.length; at += 2)
      pairsFit &&= aiDefinition(aiCode(segments[at])) !== undefined;
    if (pairsFit) return start;
  }
  return undefined;
}

function qualifierOrderError(key: AiElement, qualifiers: AiElement[]): string | undefined {
  if (qualifiers.length === 0) return undefined;
  const allowed = qualifierSet(key.ai);
  const stranger = qualifiers.find((qualifier) => !allowed.has(qualifier.ai));
  if (stranger) return `AI (${stranger.ai}) is not a path qualifier of AI (${key.ai})`;
  const sequences = aiDefinition(key.ai)?.dlQualifiers ?? [];
  const fits = sequences.some((sequence) => {
    let position = 0;
    for (const qualifier of qualifiers) {
      const found = sequence.indexOf(qualifier.ai, position);
      if (found < 0) return false;
      position = found + 1;
    }
    return true;
  });
  if (fits) return undefined;
  const orders = sequences.map((sequence) => sequence.join(', ')).join(' or ');
  return `qualifiers of AI (${key.ai}) should appear once each, in the order ${orders}`;
}

function parseQuery(query: string, link: DigitalLink): string | undefined {
  for (const param of query.split('&')) {
    if (param === '') continue;
    const equals = param.indexOf('=');
    const name = equals < 0 ? param : param.slice(0, equals);
    const raw = equals < 0 ? '' : param.slice(equals + 1);
    const decoded = percentDecode(raw);
    if (!decoded.ok) return decoded.error;
    const definition = /^\d{2,4}$/.test(name) ? aiDefinition(name) : undefined;
    if (name === 'linkType') link.linkType = decoded.value;
    else if (definition) {
      if (!definition.dlDataAttribute) return `AI (${name}) is not allowed as a Digital Link data attribute`;
      const error = aiValueError(name, decoded.value);
      if (error) return error;
      link.attributes.push({ ai: name, value: decoded.value });
    } else link.otherParams.push([name, decoded.value]);
  }
  return undefined;
}

/** True when `uri` has the shape of a GS1 Digital Link URI (it may still fail validation). */
export function looksLikeDigitalLink(uri: string): boolean {
  const match = URI.exec(uri);
  const segments = decodeSegments((match?.[2] ?? '').replace(/\/$/, '').split('/').slice(1));
  return segments !== undefined && findKeyStart(segments) !== undefined;
}

/** Parses and validates a GS1 Digital Link URI on any domain, per the DL 1.4 grammar and syntax dictionary. */
export function parseDigitalLink(uri: string): Parsed<DigitalLink> {
  const match = URI.exec(uri);
  if (!match) return fail('not an http(s) URI');
  const [, origin = '', path = '', query = ''] = match;
  const rawSegments = path.replace(/\/$/, '').split('/').slice(1);
  const segments = decodeSegments(rawSegments);
  if (!segments) return fail(`${uri} has invalid percent-encoding`);
  const start = findKeyStart(segments);
  if (start === undefined) return fail('not a GS1 Digital Link URI: no primary key in the path');
  const keyAi = aiCode(segments[start]);
  const key = { ai: keyAi, value: padGtin(keyAi, segments[start + 1] ?? '') };
  const qualifiers: AiElement[] = [];
  for (let at = start + 2; at < segments.length; at += 2) {
    qualifiers.push({ ai: aiCode(segments[at]), value: segments[at + 1] ?? '' });
  }
  for (const element of [key, ...qualifiers]) {
    const error = aiValueError(element.ai, element.value);
    if (error) return fail(error);
  }
  const orderError = qualifierOrderError(key, qualifiers);
  if (orderError) return fail(orderError);
  const pathPrefix = rawSegments
    .slice(0, start)
    .map((segment) => `/${segment}`)
    .join('');
  const link: DigitalLink = { origin, pathPrefix, key, qualifiers, attributes: [], otherParams: [] };
  const queryError = parseQuery(query, link);
  return queryError ? fail(queryError) : ok(link);
}

/** Builds a Digital Link URI; without `origin` it is the canonical form on id.gs1.org with no query string. */
export function buildDigitalLink(
  link: Pick<DigitalLink, 'key' | 'qualifiers'> & Partial<Omit<DigitalLink, 'key' | 'qualifiers'>>,
): string {
  const path = [link.key, ...link.qualifiers]
    .map((element) => `/${element.ai}/${encodeDlValue(element.value)}`)
    .join('');
  const params = [
    ...(link.attributes ?? []).map((element) => `${element.ai}=${encodeDlValue(element.value)}`),
    ...(link.linkType !== undefined ? [`linkType=${encodeDlValue(link.linkType)}`] : []),
    ...(link.otherParams ?? []).map(([name, value]) => `${name}=${encodeDlValue(value)}`),
  ];
  const query = params.length > 0 ? `?${params.join('&')}` : '';
  return `${link.origin ?? CANONICAL_ORIGIN}${link.pathPrefix ?? ''}${path}${query}`;
}

/** The canonical key URI on id.gs1.org (qualifiers kept, query and fragment dropped). */
export function canonicalDigitalLink(link: Pick<DigitalLink, 'key' | 'qualifiers'>): string {
  return buildDigitalLink({ key: link.key, qualifiers: link.qualifiers });
}
