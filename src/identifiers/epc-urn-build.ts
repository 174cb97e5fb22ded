import { joinEpcUrn } from './epc-urn.js';
import type { AiElement } from './gs1/digital-link.js';

type Split = { cp: string; rest: string };

/** Splits a key's digits at the company prefix; `offset` skips the indicator or extension digit. */
function atPrefix(value: string, offset: number, gcpLength: number): Split {
  return { cp: value.slice(offset, offset + gcpLength), rest: value.slice(offset + gcpLength) };
}

/** Company prefix and indicator/item reference of a GTIN-14 (check digit dropped). */
function gtinParts(gtin14: string, gcpLength: number): [string, string] {
  const { cp, rest } = atPrefix(gtin14.slice(0, 13), 1, gcpLength);
  return [cp, gtin14.charAt(0) + rest];
}

function qualifierMap(qualifiers: AiElement[]): Map<string, string> {
  return new Map(qualifiers.map((element) => [element.ai, element.value]));
}

function only(qualifiers: Map<string, string>, allowed: string[]): boolean {
  return [...qualifiers.keys()].every((ai) => allowed.includes(ai));
}

function gtinUrn(gtin14: string, qualifiers: Map<string, string>, gcpLength: number): string | undefined {
  const [cp, ref] = gtinParts(gtin14, gcpLength);
  const serial = qualifiers.get('21');
  const lot = qualifiers.get('10');
  const tpx = qualifiers.get('235');
  if (qualifiers.has('22')) return undefined;
  // The serial identifies the instance, so a lot given beside it has no place in the URN.
  if (serial !== undefined) return joinEpcUrn('urn:epc:id:sgtin:', [cp, ref, serial]);
  if (lot !== undefined) return joinEpcUrn('urn:epc:class:lgtin:', [cp, ref, lot]);
  if (tpx !== undefined) return joinEpcUrn('urn:epc:id:upui:', [cp, ref, tpx]);
  return `urn:epc:idpat:sgtin:${cp}.${ref}.*`;
}

/** Key with check digit then an optional serial (GRAI, GDTI, SGCN): the URN, or the class-level pattern. */
function serialisedUrn(scheme: string, value: string, offset: number, keyLength: number, gcpLength: number) {
  const { cp, rest } = atPrefix(value.slice(0, keyLength - 1), offset, gcpLength);
  const serial = value.slice(keyLength);
  return serial === ''
    ? `urn:epc:idpat:${scheme}:${cp}.${rest}.*`
    : joinEpcUrn(`urn:epc:id:${scheme}:`, [cp, rest, serial]);
}

/**
 * The EPC URN (TDS 2.x) of a validated GS1 key with qualifiers, given the company prefix length;
 * undefined when the combination has no URN form.
 */
export function elementsToUrn(
  key: AiElement,
  qualifierList: AiElement[],
  gcpLength: number,
): string | undefined {
  const qualifiers = qualifierMap(qualifierList);
  const { ai, value } = key;
  const fits = (allowed: string[]) => only(qualifiers, allowed);
  switch (ai) {
    case '01':
      return fits(['10', '21', '235', '22']) ? gtinUrn(value, qualifiers, gcpLength) : undefined;
    case '00': {
      const { cp, rest } = atPrefix(value.slice(0, 17), 1, gcpLength);
      return `urn:epc:id:sscc:${cp}.${value.charAt(0)}${rest}`;
    }
    case '414': {
      if (!fits(['254'])) return undefined;
      const { cp, rest } = atPrefix(value.slice(0, 12), 0, gcpLength);
      return joinEpcUrn('urn:epc:id:sgln:', [cp, rest, qualifiers.get('254') ?? '0']);
    }
    case '417': {
      const { cp, rest } = atPrefix(value.slice(0, 12), 0, gcpLength);
      return fits([]) ? `urn:epc:id:pgln:${cp}.${rest}` : undefined;
    }
    case '8003':
      return serialisedUrn('grai', value, 1, 14, gcpLength);
    case '253':
      return serialisedUrn('gdti', value, 0, 13, gcpLength);
    case '255':
      return serialisedUrn('sgcn', value, 0, 13, gcpLength);
    case '8004':
    case '401': {
      const { cp, rest } = atPrefix(value, 0, gcpLength);
      if (!/^\d+$/.test(cp) || cp.length !== gcpLength || rest === '' || !fits([])) return undefined;
      return joinEpcUrn(`urn:epc:id:${ai === '401' ? 'ginc' : 'giai'}:`, [cp, rest]);
    }
    case '8017':
    case '8018': {
      const { cp, rest } = atPrefix(value.slice(0, 17), 0, gcpLength);
      return fits([]) ? `urn:epc:id:${ai === '8017' ? 'gsrnp' : 'gsrn'}:${cp}.${rest}` : undefined;
    }
    case '402': {
      const { cp, rest } = atPrefix(value.slice(0, 16), 0, gcpLength);
      return `urn:epc:id:gsin:${cp}.${rest}`;
    }
    case '8010': {
      const { cp, rest } = atPrefix(value, 0, gcpLength);
      if (!/^\d+$/.test(cp) || cp.length !== gcpLength || rest === '') return undefined;
      const serial = qualifiers.get('8011');
      return serial === undefined
        ? `urn:epc:idpat:cpi:${joinEpcUrn('', [cp, rest])}.*`
        : joinEpcUrn('urn:epc:id:cpi:', [cp, rest, serial]);
    }
    case '8006': {
      if (!fits(['10', '21', '22']) || qualifiers.has('22')) return undefined;
      const [cp, ref] = gtinParts(value.slice(0, 14), gcpLength);
      const pieces = [value.slice(14, 16), value.slice(16, 18)];
      const serial = qualifiers.get('21');
      if (serial === undefined && qualifiers.has('10')) return undefined;
      return serial === undefined
        ? `urn:epc:idpat:itip:${[cp, ref, ...pieces].join('.')}.*`
        : joinEpcUrn('urn:epc:id:itip:', [cp, ref, ...pieces, serial]);
    }
    default:
      return undefined;
  }
}
