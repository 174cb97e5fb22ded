import { gcpOffset, splitEpcUrn } from './epc-urn.js';
import { elementsToUrn } from './epc-urn-build.js';
import { parseDigitalLink } from './gs1/digital-link.js';

export { canonicalEpc } from './canonical-epc.js';
export { type EpcPattern, epcPattern, matchesEpcPattern } from './epc-pattern.js';
export type { Parsed } from './parsed.js';

/**
 * The EPC URN of a canonical Digital Link URI (the inverse of canonicalEpc), given the GS1 Company Prefix
 * length (6..12). A key without serial gives the EPCIS class-level pattern (urn:epc:idpat:sgtin:CP.IIR.*).
 * Undefined when there is no URN form: a non-GS1 URI, an unknown length, or qualifiers a URN cannot carry.
 */
export function epcToUrn(canonical: string, gcpLength: number | undefined): string | undefined {
  if (gcpLength === undefined || !Number.isInteger(gcpLength) || gcpLength < 6 || gcpLength > 12)
    return undefined;
  if (!/^https?:\/\//i.test(canonical)) return undefined;
  const link = parseDigitalLink(canonical);
  if (!link.ok) return undefined;
  return elementsToUrn(link.value.key, link.value.qualifiers, gcpLength);
}

/**
 * The GS1 Company Prefix length of a key from configuration: `configured` maps company prefixes (or shorter
 * GS1 prefixes such as '690') to the length of the company prefixes under them; the longest matching entry
 * wins. `gs1Key` is a Digital Link URI (any domain) or key digits that start at the company prefix (a GLN).
 */
export function gcpLengthOf(gs1Key: string, configured?: Record<string, number>): number | undefined {
  if (!configured) return undefined;
  let digits = gs1Key;
  if (/^https?:\/\//i.test(gs1Key)) {
    const link = parseDigitalLink(gs1Key);
    if (!link.ok) return undefined;
    digits = link.value.key.value.slice(gcpOffset(link.value.key.ai));
  }
  let best: string | undefined;
  for (const prefix of Object.keys(configured)) {
    if (digits.startsWith(prefix) && (best === undefined || prefix.length > best.length)) best = prefix;
  }
  const length = best === undefined ? undefined : configured[best];
  return length !== undefined && Number.isInteger(length) && length >= 6 && length <= 12 ? length : undefined;
}

/** The company prefix length an EPC URN was written with (its first part), e.g. 7 for sgtin:0614141.…; store
 *  it beside the canonical form to give the same URN back later. */
export function gcpLengthOfUrn(urn: string): number | undefined {
  const first = splitEpcUrn(urn)?.parts[0];
  return first !== undefined && /^\d{6,12}$/.test(first) ? first.length : undefined;
}
