import { fail, ok, type Parsed } from '../parsed.js';
import { aiAtStart, aiDefinition, aiMaxLength, aiValueError } from './ai.js';
import { associationErrors } from './associations.js';
import type { AiElement } from './digital-link.js';

/** ASCII group separator, which stands for FNC1 after a variable-length field. */
export const GS = '\u001d';

// Symbology identifiers that may precede scanned data: GS1 DataMatrix, GS1-128, GS1 QR, GS1 DataBar.
const SYMBOLOGY = /^\](d2|C1|Q3|e0|J1)/;

function validated(elements: AiElement[]): Parsed<AiElement[]> {
  const seen = new Map<string, string>();
  for (const element of elements) {
    const error = aiValueError(element.ai, element.value);
    if (error) return fail(error);
    const earlier = seen.get(element.ai);
    if (earlier !== undefined && earlier !== element.value) return fail(`AI (${element.ai}) appears twice`);
    seen.set(element.ai, element.value);
  }
  const [association] = associationErrors(elements);
  return association ? fail(association) : ok(elements);
}

/** Parses `(01)09506000134352(10)ABC`; a `(` inside a value must be written `\(`. */
export function parseBracketed(text: string): Parsed<AiElement[]> {
  if (!text.startsWith('(')) return fail('a bracketed element string starts with "("');
  const elements: AiElement[] = [];
  const pattern = /\((\d{2,4})\)((?:\\\(|[^(])*)/y;
  let match = pattern.exec(text);
  let end = 0;
  while (match) {
    elements.push({ ai: match[1] ?? '', value: (match[2] ?? '').replace(/\\\(/g, '(') });
    end = pattern.lastIndex;
    match = end < text.length ? pattern.exec(text) : null;
  }
  if (end !== text.length) return fail(`cannot read the element string after position ${end}`);
  const unknown = elements.find((element) => !aiDefinition(element.ai));
  return unknown ? fail(`AI (${unknown.ai}) is unknown`) : validated(elements);
}

/** Parses the unbracketed form with GS (or a leading FNC1 symbology identifier) after variable-length fields. */
export function parseGsSeparated(input: string): Parsed<AiElement[]> {
  let text = input.replace(SYMBOLOGY, '');
  if (text.startsWith(GS)) text = text.slice(1);
  const elements: AiElement[] = [];
  while (text !== '') {
    const ai = aiAtStart(text);
    if (!ai) return fail(`no known AI at "${text.slice(0, 8)}"`);
    const definition = aiDefinition(ai);
    if (!definition) return fail(`AI (${ai}) is unknown`);
    const body = text.slice(ai.length);
    let value: string;
    if (definition.predefinedLength) {
      value = body.slice(0, aiMaxLength(definition));
      text = body.slice(value.length);
    } else {
      const separator = body.indexOf(GS);
      value = separator < 0 ? body : body.slice(0, separator);
      text = separator < 0 ? '' : body.slice(separator + 1);
    }
    elements.push({ ai, value });
  }
  return elements.length === 0 ? fail('the element string is empty') : validated(elements);
}

/** Either form, chosen by the first character. */
export function parseElementString(text: string): Parsed<AiElement[]> {
  return text.startsWith('(') ? parseBracketed(text) : parseGsSeparated(text);
}

export function buildBracketed(elements: AiElement[]): string {
  return elements.map(({ ai, value }) => `(${ai})${value.replace(/\(/g, '\\(')}`).join('');
}

/**
 * The data as encoded in a barcode, without the leading FNC1: GS after each variable-length field except the
 * last. Predefined-length AIs are placed first so fewer separators are needed, as the GS1 General
 * Specifications recommend.
 */
export function buildGsSeparated(elements: AiElement[]): string {
  const fixed = (element: AiElement) => aiDefinition(element.ai)?.predefinedLength === true;
  const ordered = [...elements.filter(fixed), ...elements.filter((element) => !fixed(element))];
  return ordered
    .map(
      ({ ai, value }, index) =>
        `${ai}${value}${!fixed({ ai, value }) && index < ordered.length - 1 ? GS : ''}`,
    )
    .join('');
}
