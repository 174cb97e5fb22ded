// Conversions between element strings, Digital Link URIs and EPC URNs; the GS1 key in each is the same.
import { canonicalEpc } from '../canonical-epc.js';
import { epcToUrn } from '../epc.js';
import { fail, ok, type Parsed } from '../parsed.js';
import { aiDefinition } from './ai.js';
import { type AiElement, buildDigitalLink, type DigitalLink, parseDigitalLink } from './digital-link.js';

/** Which element is the Digital Link primary key: the first that the syntax dictionary marks `dlpkey`. */
function primaryKey(elements: AiElement[]): AiElement | undefined {
  return elements.find((element) => aiDefinition(element.ai)?.dlQualifiers !== undefined);
}

/**
 * A Digital Link from element-string data: the primary key, its qualifiers in standard order (taking the
 * first qualifier sequence that holds all of them), everything else as query-string data attributes.
 */
export function elementsToDigitalLink(elements: AiElement[], origin?: string): Parsed<string> {
  const key = primaryKey(elements);
  if (!key) return fail('the data has no GS1 Digital Link primary key (such as AI 01, 00 or 414)');
  const rest = elements.filter((element) => element !== key);
  const sequences = aiDefinition(key.ai)?.dlQualifiers ?? [];
  const sequence =
    sequences.find((candidate) => rest.some((element) => candidate.includes(element.ai))) ??
    sequences[0] ??
    [];
  const qualifiers = sequence.flatMap((ai) => rest.filter((element) => element.ai === ai));
  const attributes = rest.filter((element) => !qualifiers.includes(element));
  const refused = attributes.find((element) => !aiDefinition(element.ai)?.dlDataAttribute);
  if (refused) return fail(`AI (${refused.ai}) cannot be carried in a Digital Link`);
  const link: Partial<DigitalLink> & Pick<DigitalLink, 'key' | 'qualifiers'> = {
    key,
    qualifiers,
    attributes,
  };
  if (origin !== undefined) link.origin = origin;
  return ok(buildDigitalLink(link));
}

/** The element-string data of a Digital Link: key, qualifiers, then data attributes. */
export function digitalLinkToElements(uri: string): Parsed<AiElement[]> {
  const link = parseDigitalLink(uri);
  if (!link.ok) return link;
  return ok([link.value.key, ...link.value.qualifiers, ...link.value.attributes]);
}

/** The EPC URN of element-string data (key and qualifiers only), given the company prefix length. */
export function elementsToEpcUrn(elements: AiElement[], gcpLength: number | undefined): Parsed<string> {
  const link = elementsToDigitalLink(elements);
  if (!link.ok) return link;
  const urn = epcToUrn(link.value.replace(/\?.*$/, ''), gcpLength);
  return urn ? ok(urn) : fail('these elements have no EPC URN form, or the company prefix length is unknown');
}

/** The key and qualifiers of an EPC URN as element-string data. */
export function epcUrnToElements(urn: string): Parsed<AiElement[]> {
  const canonical = canonicalEpc(urn);
  if (!canonical.ok) return canonical;
  return canonical.value.startsWith('https://')
    ? digitalLinkToElements(canonical.value)
    : fail('not a GS1 EPC');
}
