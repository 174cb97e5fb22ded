// Works out what kind of identifier a value is and gives its other forms; backs the identifier-check endpoint.
import { canonicalEpc } from './canonical-epc.js';
import { checkCreditCode } from './china/credit-code.js';
import { checkDrugTraceCode, checkVetDrugCode } from './china/drug-code.js';
import { lookupRegion } from './china/region-code.js';
import { epcToUrn, gcpLengthOf } from './epc.js';
import { digitalLinkToElements, elementsToDigitalLink } from './gs1/conversions.js';
import { type AiElement, looksLikeDigitalLink } from './gs1/digital-link.js';
import { buildBracketed, GS, parseBracketed, parseGsSeparated } from './gs1/element-string.js';
import { parseGtin, parseSscc } from './gs1/keys.js';
import { lotSerialErrors } from './gs1/lot-serial.js';
import type { Parsed } from './parsed.js';
import { parseSuyuanCode } from './suyuan-code.js';

export type IdentifierScheme =
  | 'suyuan-code'
  | 'digital-link'
  | 'epc-urn'
  | 'element-string'
  | 'gtin'
  | 'sscc'
  | 'credit-code'
  | 'region-code'
  | 'drug-trace-code'
  | 'vet-drug-code'
  | 'uri'
  | 'unknown';

export type IdentifierForms = { digitalLink?: string; epcUrn?: string; elementString?: string };

export type Detection = {
  scheme: IdentifierScheme;
  valid: boolean;
  errors: string[];
  warnings: string[];
  forms: IdentifierForms;
  parts?: Record<string, unknown>;
};

export type DetectOptions = {
  /** Company prefix lengths by prefix (see gcpLengthOf); without them there is no EPC URN form. */
  gcpLengths?: Record<string, number>;
};

function result(scheme: IdentifierScheme, errors: string[], extra: Partial<Detection> = {}): Detection {
  return { scheme, valid: errors.length === 0, errors, warnings: [], forms: {}, ...extra };
}

/** Forms and GB/T warnings of validated GS1 element data. */
function fromElements(scheme: IdentifierScheme, elements: AiElement[], options: DetectOptions): Detection {
  const detection = result(scheme, [], { forms: { elementString: buildBracketed(elements) } });
  const link = elementsToDigitalLink(elements);
  if (link.ok) {
    detection.forms.digitalLink = link.value;
    const key = link.value.replace(/\?.*$/, '');
    const urn = epcToUrn(key, gcpLengthOf(key, options.gcpLengths));
    if (urn) detection.forms.epcUrn = urn;
  }
  for (const element of elements) {
    if (element.ai === '10' || element.ai === '21') {
      const what = element.ai === '10' ? 'lot' : 'serial';
      detection.warnings.push(...lotSerialErrors(element.value, what).map((error) => `GB/T 33993: ${error}`));
    }
  }
  if (elements.some((element) => element.ai === '01') && elements[0]?.ai !== '01') {
    detection.warnings.push('GB/T 33993: AI (01) should come first');
  }
  detection.parts = Object.fromEntries(elements.map((element) => [element.ai, element.value]));
  return detection;
}

function fromParsed(
  scheme: IdentifierScheme,
  parsed: Parsed<AiElement[]>,
  options: DetectOptions,
): Detection {
  return parsed.ok ? fromElements(scheme, parsed.value, options) : result(scheme, [parsed.error]);
}

function fromKey(scheme: 'gtin' | 'sscc', key: Parsed<string>, options: DetectOptions): Detection {
  if (!key.ok) return result(scheme, [key.error]);
  const ai = scheme === 'gtin' ? '01' : '00';
  return fromElements(scheme, [{ ai, value: key.value }], options);
}

function detectDigits(value: string, options: DetectOptions): Detection {
  switch (value.length) {
    case 6: {
      const region = lookupRegion(value);
      return result('region-code', region.errors, { parts: { ...region.region, edition: region.edition } });
    }
    case 8:
    case 12:
    case 14:
      return fromKey('gtin', parseGtin(value), options);
    case 13: {
      const gtin = fromKey('gtin', parseGtin(value), options);
      if (gtin.valid) gtin.warnings.push('13 digits may also be a GLN');
      return gtin;
    }
    case 18: {
      const sscc = fromKey('sscc', parseSscc(value), options);
      if (sscc.valid || !checkCreditCode(value).valid) return sscc;
      return detectCreditCode(value);
    }
    case 20: {
      const drug = checkDrugTraceCode(value);
      return result('drug-trace-code', drug.errors, { warnings: drug.warnings, parts: drug.parts });
    }
    case 24: {
      const vet = checkVetDrugCode(value);
      return result('vet-drug-code', vet.errors, { warnings: vet.warnings, parts: vet.parts });
    }
    default:
      return fromParsed('element-string', parseGsSeparated(value), options);
  }
}

function detectCreditCode(value: string): Detection {
  const credit = checkCreditCode(value);
  const parts: Record<string, unknown> = { ...credit.parts };
  if (credit.expected) parts.expected = credit.expected;
  return result('credit-code', credit.errors, { warnings: credit.warnings, parts });
}

function detectUri(value: string, options: DetectOptions): Detection {
  const canonical = canonicalEpc(value);
  const scheme = /^urn:epc:/i.test(value) ? 'epc-urn' : looksLikeDigitalLink(value) ? 'digital-link' : 'uri';
  if (!canonical.ok) return result(scheme, [canonical.error]);
  if (!canonical.value.startsWith('https://id.gs1.org/')) return result(scheme, []);
  const elements = digitalLinkToElements(scheme === 'digital-link' ? value : canonical.value);
  const detection = fromParsed(scheme, elements, options);
  if (scheme === 'epc-urn') detection.forms.epcUrn = value;
  if (scheme === 'digital-link') detection.forms.digitalLink = canonical.value;
  return detection;
}

/** Detects the scheme of any identifier value, validates it and gives its equivalent forms. */
export function detectIdentifier(input: string, options: DetectOptions = {}): Detection {
  const value = input.trim();
  const detection = detectTrimmed(value, options);
  if (value !== input) detection.warnings.unshift('leading or trailing spaces were ignored');
  return detection;
}

function detectTrimmed(value: string, options: DetectOptions): Detection {
  if (value === '') return result('unknown', ['the value is empty']);
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return detectUri(value, options);
  if (value.startsWith('(')) return fromParsed('element-string', parseBracketed(value), options);
  if (value.includes(GS) || /^\][A-Za-z]\d/.test(value)) {
    return fromParsed('element-string', parseGsSeparated(value), options);
  }
  if (/^\d+$/.test(value)) return detectDigits(value, options);
  if (/^[0-9A-Z]{18}$/i.test(value)) return detectCreditCode(value);
  if (/^[A-Z]{2}\d{0,4}[BSCA][0-9A-Z]{10,14}$/i.test(value)) {
    const code = parseSuyuanCode(value);
    return code.ok ? result('suyuan-code', [], { parts: code.value }) : result('suyuan-code', [code.error]);
  }
  if (/^\d{2}/.test(value)) {
    const elements = parseGsSeparated(value);
    if (elements.ok) return fromElements('element-string', elements.value, options);
  }
  return result('unknown', ['not a recognised identifier']);
}
