// EPC URNs (EPC Tag Data Standard 2.x, section 6) to and from GS1 element pairs. Each scheme splits its
// body on the first dots only: serials may contain '.', which the TDS does not escape.
import { gs1CheckDigit } from './gs1/check-digit.js';
import type { AiElement } from './gs1/digital-link.js';
import { encodeEpcValue, percentDecode } from './gs1/percent.js';
import { fail, ok, type Parsed } from './parsed.js';

type Rule = {
  kind: 'id' | 'class';
  parts: number;
  /** Builds the key and qualifiers; `serial` is undefined for a class-level pattern such as `sgtin:CP.IIR.*`. */
  build(parts: string[], scheme: string): Parsed<AiElement[]>;
};

/** Company prefix plus a numeric reference that together have `total` digits. */
function prefixed(cp: string, ref: string, total: number, scheme: string): Parsed<string> {
  if (!/^\d{6,12}$/.test(cp)) return fail(`${scheme} company prefix should be 6 to 12 digits`);
  if (!/^\d*$/.test(ref) || cp.length + ref.length !== total) {
    return fail(`${scheme} company prefix and reference should have ${total} digits together`);
  }
  return ok(cp + ref);
}

/** A 13-digit GTIN body (indicator first) from company prefix and indicator/item reference, with check digit. */
function gtin(cp: string, indicatorRef: string, scheme: string): Parsed<string> {
  const digits = prefixed(cp, indicatorRef, 13, scheme);
  if (!digits.ok) return digits;
  const body = indicatorRef.charAt(0) + cp + indicatorRef.slice(1);
  return ok(body + gs1CheckDigit(body));
}

function withCheck(cp: string, ref: string, total: number, scheme: string): Parsed<string> {
  const digits = prefixed(cp, ref, total, scheme);
  return digits.ok ? ok(digits.value + gs1CheckDigit(digits.value)) : digits;
}

function serialPart(serial: string | undefined): AiElement[] {
  return serial === undefined ? [] : [{ ai: '21', value: serial }];
}

function map<T>(result: Parsed<T>, then: (value: T) => AiElement[]): Parsed<AiElement[]> {
  return result.ok ? ok(then(result.value)) : result;
}

const RULES: Record<string, Rule> = {
  sgtin: {
    kind: 'id',
    parts: 3,
    build: ([cp = '', ref = '', serial], s) =>
      map(gtin(cp, ref, s), (g) => [{ ai: '01', value: g }, ...serialPart(serial)]),
  },
  lgtin: {
    kind: 'class',
    parts: 3,
    build: ([cp = '', ref = '', lot = ''], s) =>
      map(gtin(cp, ref, s), (g) => [
        { ai: '01', value: g },
        { ai: '10', value: lot },
      ]),
  },
  sscc: {
    kind: 'id',
    parts: 2,
    build: ([cp = '', ref = ''], s) =>
      map(prefixed(cp, ref, 17, s), () => {
        const body = ref.charAt(0) + cp + ref.slice(1);
        return [{ ai: '00', value: body + gs1CheckDigit(body) }];
      }),
  },
  sgln: {
    kind: 'id',
    parts: 3,
    build: ([cp = '', ref = '', ext = ''], s) =>
      map(withCheck(cp, ref, 12, s), (gln) => [
        { ai: '414', value: gln },
        ...(ext === '0' ? [] : [{ ai: '254', value: ext }]),
      ]),
  },
  pgln: {
    kind: 'id',
    parts: 2,
    build: ([cp = '', ref = ''], s) => map(withCheck(cp, ref, 12, s), (gln) => [{ ai: '417', value: gln }]),
  },
  grai: {
    kind: 'id',
    parts: 3,
    build: ([cp = '', ref = '', serial = ''], s) =>
      map(withCheck(cp, ref, 12, s), (key) => [{ ai: '8003', value: `0${key}${serial}` }]),
  },
  giai: {
    kind: 'id',
    parts: 2,
    build: ([cp = '', ref = ''], s) =>
      map(prefixed(cp, '', cp.length, s), () => [{ ai: '8004', value: cp + ref }]),
  },
  gsrn: {
    kind: 'id',
    parts: 2,
    build: ([cp = '', ref = ''], s) => map(withCheck(cp, ref, 17, s), (key) => [{ ai: '8018', value: key }]),
  },
  gsrnp: {
    kind: 'id',
    parts: 2,
    build: ([cp = '', ref = ''], s) => map(withCheck(cp, ref, 17, s), (key) => [{ ai: '8017', value: key }]),
  },
  gdti: {
    kind: 'id',
    parts: 3,
    build: ([cp = '', ref = '', serial = ''], s) =>
      map(withCheck(cp, ref, 12, s), (key) => [{ ai: '253', value: key + serial }]),
  },
  sgcn: {
    kind: 'id',
    parts: 3,
    build: ([cp = '', ref = '', serial = ''], s) =>
      map(withCheck(cp, ref, 12, s), (key) => [{ ai: '255', value: key + serial }]),
  },
  cpi: {
    kind: 'id',
    parts: 3,
    build: ([cp = '', ref = '', serial], s) =>
      map(prefixed(cp, '', cp.length, s), () => [
        { ai: '8010', value: cp + ref },
        ...(serial === undefined ? [] : [{ ai: '8011', value: serial }]),
      ]),
  },
  ginc: {
    kind: 'id',
    parts: 2,
    build: ([cp = '', ref = ''], s) =>
      map(prefixed(cp, '', cp.length, s), () => [{ ai: '401', value: cp + ref }]),
  },
  gsin: {
    kind: 'id',
    parts: 2,
    build: ([cp = '', ref = ''], s) => map(withCheck(cp, ref, 16, s), (key) => [{ ai: '402', value: key }]),
  },
  itip: {
    kind: 'id',
    parts: 5,
    build: ([cp = '', ref = '', piece = '', total = '', serial], s) => {
      if (!/^\d\d$/.test(piece) || !/^\d\d$/.test(total))
        return fail('itip piece and total should be 2 digits each');
      return map(gtin(cp, ref, s), (g) => [{ ai: '8006', value: g + piece + total }, ...serialPart(serial)]);
    },
  },
  upui: {
    kind: 'id',
    parts: 3,
    build: ([cp = '', ref = '', tpx = ''], s) =>
      map(gtin(cp, ref, s), (g) => [
        { ai: '01', value: g },
        { ai: '235', value: tpx },
      ]),
  },
};

// Where the company prefix starts inside each key's value: after the indicator or extension digit for
// GTIN, SSCC, ITIP and after the leading 0 of a GRAI.
const GCP_OFFSET: Record<string, number> = { '01': 1, '00': 1, '8006': 1, '8003': 1 };

export function gcpOffset(ai: string): number {
  return GCP_OFFSET[ai] ?? 0;
}

/** EPC schemes with no GS1 key (TDS 2.x): their URNs are kept as they are. */
const NON_GS1_SCHEMES = new Set(['gid', 'usdod', 'adi', 'bic', 'imovn']);

/** Schemes whose serial may be wildcarded in an EPCIS class-level identifier (`urn:epc:idpat:sgtin:CP.IIR.*`). */
export const CLASS_PATTERN_SCHEMES = new Set(['sgtin', 'grai', 'gdti', 'sgcn', 'cpi', 'itip']);

const EMPTY_REFERENCE_SCHEMES = new Set(['sgln', 'pgln', 'grai', 'gdti', 'sgcn']);

const URN = /^urn:epc:(id|class|idpat):([a-z0-9]+):(.*)$/i;

/** Splits on the first `count - 1` dots. */
export function splitParts(body: string, count: number): string[] {
  const parts: string[] = [];
  let rest = body;
  while (parts.length < count - 1) {
    const dot = rest.indexOf('.');
    if (dot < 0) break;
    parts.push(rest.slice(0, dot));
    rest = rest.slice(dot + 1);
  }
  parts.push(rest);
  return parts;
}

export type EpcUrn = { type: 'id' | 'class' | 'idpat'; scheme: string; parts: string[] };

/** Splits an EPC URN into its scheme and (still escaped) parts; undefined when it is not an EPC URN. */
export function splitEpcUrn(urn: string): EpcUrn | undefined {
  const match = URN.exec(urn);
  if (!match) return undefined;
  const [, type = '', scheme = '', body = ''] = match;
  const rule = RULES[scheme.toLowerCase()];
  return {
    type: type.toLowerCase() as EpcUrn['type'],
    scheme: scheme.toLowerCase(),
    parts: splitParts(body, rule?.parts ?? 1),
  };
}

/**
 * The GS1 key and qualifiers of an EPC URN. `undefined` means a valid URN of a non-GS1 scheme (kept as is).
 * `urn:epc:idpat:` is accepted only as an EPCIS class-level identifier: the serial alone is `*`.
 */
export function epcUrnElements(urn: string): Parsed<AiElement[]> | undefined {
  const split = splitEpcUrn(urn);
  if (!split) return fail('not an EPC URN');
  const { type, scheme, parts } = split;
  if (type === 'id' && NON_GS1_SCHEMES.has(scheme)) return undefined;
  const rule = RULES[scheme];
  if (!rule) return fail(`unknown EPC scheme "${scheme}"`);
  const expectedType = type === 'idpat' ? 'id' : type;
  if (rule.kind !== expectedType) return fail(`urn:epc:${type}:${scheme} is not an EPC scheme`);
  if (parts.length !== rule.parts)
    return fail(`${scheme} URN should have ${rule.parts} parts separated by dots`);
  let classLevel = false;
  // With a 12-digit company prefix the numeric reference of a 13-digit key is empty: `sgln:061414112345..0`.
  const emptyAllowed = (index: number) => index === 1 && EMPTY_REFERENCE_SCHEMES.has(scheme);
  if (type !== 'idpat' && parts.some((part, index) => part === '' && !emptyAllowed(index))) {
    return fail(`${scheme} URN has an empty part`);
  }
  if (type === 'idpat') {
    const wildcardSerialOnly =
      parts.at(-1) === '*' && parts.slice(0, -1).every((part) => !part.includes('*'));
    if (!CLASS_PATTERN_SCHEMES.has(scheme) || !wildcardSerialOnly) {
      return fail('an EPC pattern (urn:epc:idpat) is not an identifier');
    }
    classLevel = true;
  }
  const decoded: string[] = [];
  for (const part of classLevel ? parts.slice(0, -1) : parts) {
    const result = percentDecode(part);
    if (!result.ok) return result;
    decoded.push(result.value);
  }
  return rule.build(decoded, scheme);
}

/** Escapes values for an EPC URN and joins them. */
export function joinEpcUrn(prefix: string, parts: string[]): string {
  return `${prefix}${parts.map(encodeEpcValue).join('.')}`;
}
