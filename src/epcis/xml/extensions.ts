/**
 * User extension elements (any namespace but EPCIS's) as JSON-LD values, per the EPCIS 2.0 JSON/JSON-LD
 * binding: the name becomes `prefix:localName`; an element with text only becomes a string; one with
 * child elements or attributes an object (attributes as `prefix:name` or bare names, text beside them
 * as `#text`); repeated elements an array. xsi:* attributes (xsi:type …) carry no data and are dropped;
 * every value stays a string (XML does not say it is a number unless a schema does).
 */

import type { XmlAttribute, XmlElement } from './parse.js';
import type { Prefixes } from './prefixes.js';

export type Json = Record<string, unknown>;

export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** JSON name of an element or attribute: bare when it has no namespace, else `prefix:localName`. */
export function nameOf(node: XmlElement | XmlAttribute, prefixes: Prefixes): string {
  return node.ns === '' ? node.local : prefixes.name(node.ns, node.prefix, node.local);
}

/** `xsi:nil="true"`: the element stands for no value and is left out. */
export const isNil = (element: XmlElement): boolean =>
  element.attributes.some(
    (a) => a.ns === XSI_NS && a.local === 'nil' && (a.value === 'true' || a.value === '1'),
  );

const dataAttributes = (element: XmlElement): XmlAttribute[] =>
  element.attributes.filter((a) => a.ns !== XSI_NS);

/** The JSON value of a user extension element. */
export function extensionValue(element: XmlElement, prefixes: Prefixes): unknown {
  const attributes = dataAttributes(element);
  if (element.children.length === 0 && attributes.length === 0) return element.text;
  const out: Json = {};
  for (const a of attributes) out[nameOf(a, prefixes)] = a.value;
  addExtensions(out, element.children, prefixes);
  if (element.text !== '') out['#text'] = element.text;
  return out;
}

/** Adds elements to an object under their JSON names, repeated names as arrays (in document order). */
export function addExtensions(target: Json, elements: readonly XmlElement[], prefixes: Prefixes): void {
  const groups = new Map<string, unknown[]>();
  for (const element of elements) {
    if (isNil(element)) continue;
    const name = nameOf(element, prefixes);
    const values = groups.get(name);
    const value = extensionValue(element, prefixes);
    if (values) values.push(value);
    else groups.set(name, [value]);
  }
  for (const [name, values] of groups) target[name] = values.length === 1 ? values[0] : values;
}
