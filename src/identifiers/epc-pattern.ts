import { canonicalEpc } from './canonical-epc.js';
import { CLASS_PATTERN_SCHEMES, epcUrnElements, gcpOffset, splitEpcUrn } from './epc-urn.js';
import { CANONICAL_ORIGIN, canonicalDigitalLink } from './gs1/digital-link.js';
import { fail, ok, type Parsed } from './parsed.js';

/**
 * What an EPCIS MATCH_ parameter selects among canonical Digital Link identifiers, in one of two shapes:
 * - `{ exact?, prefix? }`: `epc = exact OR starts_with(epc, prefix)` (either may be absent). Prefixes may
 *   contain `%` (percent-encoding), so use starts_with, or escape `%` and `_` before LIKE.
 * - `{ key, gcp, gcpAt }` for a company-prefix-only pattern (`0614141.*.*`), which cannot be a plain prefix
 *   because of the indicator and check digits: `starts_with(epc, 'https://id.gs1.org/' || key || '/') AND
 *   substr(epc, gcpAt + 1, length(gcp)) = gcp` (gcpAt is 0-based). It also matches a longer company prefix
 *   that starts with the same digits, which the Digital Link form cannot tell apart.
 */
export type EpcPattern = {
  exact?: string;
  prefix?: string;
  /** Primary key AI of the pattern's scheme, e.g. '01'. */
  key?: string;
  gcp?: string;
  gcpAt?: number;
};

export function matchesEpcPattern(pattern: EpcPattern, epc: string): boolean {
  if (pattern.gcp !== undefined && pattern.key !== undefined) {
    const at = pattern.gcpAt ?? 0;
    return (
      epc.startsWith(`${CANONICAL_ORIGIN}/${pattern.key}/`) &&
      epc.slice(at, at + pattern.gcp.length) === pattern.gcp
    );
  }
  if (pattern.exact !== undefined && epc === pattern.exact) return true;
  return pattern.prefix !== undefined && epc.startsWith(pattern.prefix);
}

const SCHEME_KEYS: Record<string, string> = {
  sgtin: '01',
  upui: '01',
  sscc: '00',
  sgln: '414',
  pgln: '417',
  grai: '8003',
  giai: '8004',
  gsrn: '8018',
  gsrnp: '8017',
  gdti: '253',
  sgcn: '255',
  cpi: '8010',
  ginc: '401',
  gsin: '402',
  itip: '8006',
};

// Keys whose serial is appended to the key digits instead of following as its own qualifier.
const SERIAL_IN_KEY = new Set(['grai', 'gdti', 'sgcn']);

function classKey(scheme: string, parts: string[]): Parsed<string> {
  const elements = epcUrnElements(`urn:epc:idpat:${scheme}:${parts.join('.')}.*`);
  if (!elements?.ok) return elements ?? fail('not a GS1 scheme');
  const [key] = elements.value;
  return key ? ok(canonicalDigitalLink({ key, qualifiers: [] })) : fail('no key');
}

/** The pattern of an EPC pattern URN whose first `concrete` parts are given and the rest are `*`. */
function partialPattern(scheme: string, parts: string[], concrete: number): Parsed<EpcPattern> {
  const key = SCHEME_KEYS[scheme];
  if (!key) return fail(`EPC scheme "${scheme}" has no patterns`);
  const keyPrefix = `${CANONICAL_ORIGIN}/${key}/`;
  const [cp = '', ref = '', ...more] = parts;
  if (concrete === 0) return ok({ prefix: keyPrefix });
  if (concrete === 1) {
    if (!/^\d{6,12}$/.test(cp)) return fail('the company prefix of a pattern should be 6 to 12 digits');
    return ok({ key, gcp: cp, gcpAt: keyPrefix.length + gcpOffset(key) });
  }
  if (scheme === 'sgln') {
    const gln = canonicalEpc(`urn:epc:id:sgln:${cp}.${ref}.0`);
    return gln.ok ? ok({ exact: gln.value, prefix: `${gln.value}/` }) : gln;
  }
  if (scheme === 'upui' || (scheme === 'itip' && concrete < 4)) {
    const gtin = classKey('sgtin', [cp, ref]);
    if (!gtin.ok) return gtin;
    const digits = gtin.value.slice(-14);
    return ok({ prefix: scheme === 'upui' ? `${gtin.value}/235/` : `${keyPrefix}${digits}` });
  }
  if (!CLASS_PATTERN_SCHEMES.has(scheme)) return fail(`an ${scheme} pattern cannot wildcard only part of it`);
  const canonical = classKey(scheme, [cp, ref, ...more.slice(0, concrete - 2)]);
  if (!canonical.ok) return canonical;
  if (SERIAL_IN_KEY.has(scheme)) return ok({ prefix: canonical.value });
  return ok({ exact: canonical.value, prefix: `${canonical.value}/` });
}

/**
 * For EPCIS MATCH_ parameters: an EPC pattern URN (urn:epc:idpat:sgtin:0614141.112345.*,
 * urn:epc:idpat:sgtin:0614141.*.*, …), an EPC URN or a Digital Link URI -> what it selects among canonical
 * identifiers (see EpcPattern). A serial-wildcard GTIN pattern also selects the GTIN's class-level forms
 * (the bare GTIN and its lots), as EPCIS MATCH_epcClass expects.
 */
export function epcPattern(pattern: string): Parsed<EpcPattern> {
  const split = splitEpcUrn(pattern);
  if (split?.type !== 'idpat') {
    const canonical = canonicalEpc(pattern);
    return canonical.ok ? ok({ exact: canonical.value }) : canonical;
  }
  const { parts } = split;
  const concrete = parts.indexOf('*');
  if (concrete < 0) {
    const exact = canonicalEpc(pattern.replace(/^urn:epc:idpat:/i, 'urn:epc:id:'));
    return exact.ok ? ok({ exact: exact.value }) : exact;
  }
  if (parts.slice(concrete).some((part) => part !== '*') || parts.some((p) => p !== '*' && p.includes('*'))) {
    return fail('in an EPC pattern, every part after a * should also be *');
  }
  return partialPattern(split.scheme, parts, concrete);
}
