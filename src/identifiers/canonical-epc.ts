import { epcUrnElements } from './epc-urn.js';
import { aiValueError } from './gs1/ai.js';
import {
  type AiElement,
  canonicalDigitalLink,
  looksLikeDigitalLink,
  parseDigitalLink,
} from './gs1/digital-link.js';
import { fail, ok, type Parsed } from './parsed.js';

const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/;

/** The canonical Digital Link of an EPC URN's elements, after checking each value against its AI. */
function canonicalOfElements(elements: AiElement[]): Parsed<string> {
  const [key, ...qualifiers] = elements;
  if (!key) return fail('the EPC has no GS1 key');
  for (const element of elements) {
    const error = aiValueError(element.ai, element.value);
    if (error) return fail(error);
  }
  return ok(canonicalDigitalLink({ key, qualifiers }));
}

/**
 * Canonical form of an identifier found in an EPCIS event (epcList, parentID, childEPCs, input/output EPCs,
 * epcClass, readPoint/bizLocation ids, source/destination, bizTransaction).
 * - GS1 EPC URNs (TDS 2.x: sgtin sscc sgln grai giai gsrn gsrnp gdti sgcn cpi pgln ginc gsin itip upui, and
 *   urn:epc:class:lgtin) become the GS1 Digital Link URI on https://id.gs1.org. An `urn:epc:idpat:` pattern
 *   is an error, except the EPCIS class-level form whose serial alone is `*` (sgtin grai gdti sgcn cpi itip),
 *   which EPCIS 2.0 uses in epcClass and which maps to the key without serial, as in the standard's examples.
 * - GS1 Digital Link URIs on any domain, after a path prefix or not, become the same key on id.gs1.org with
 *   query and fragment dropped, after validation (check digits, AI formats, qualifier order); a GTIN-8/12/13
 *   is padded to 14 digits.
 * - EPC URNs of non-GS1 schemes (gid, usdod, adi, bic, imovn) and any other absolute URI are returned as is;
 *   a string that is not an absolute URI is an error.
 */
export function canonicalEpc(value: string): Parsed<string> {
  const hit = cache.get(value);
  if (hit) return hit;
  const result = compute(value);
  if (cache.size >= cacheSize) cache.clear();
  cache.set(value, result);
  return result;
}

// Locations, parties and classes repeat in almost every event; a pure function can be memoised.
const cacheSize = 50_000;
const cache = new Map<string, Parsed<string>>();

function compute(value: string): Parsed<string> {
  if (/^urn:epc:/i.test(value)) {
    const elements = epcUrnElements(value);
    if (elements === undefined) return ok(value);
    return elements.ok ? canonicalOfElements(elements.value) : elements;
  }
  if (/^https?:\/\//i.test(value) && looksLikeDigitalLink(value)) {
    const link = parseDigitalLink(value);
    return link.ok ? ok(canonicalDigitalLink(link.value)) : link;
  }
  if (/%(?![0-9A-Fa-f]{2})/.test(value)) return fail(`${value} has invalid percent-encoding`);
  if (ABSOLUTE_URI.test(value)) return ok(value);
  return fail(value.trim() === '' ? 'the identifier is empty' : `"${value}" is not an absolute URI`);
}
