/**
 * The event as the reference implementation models it before hashing: a tree of (name, value, children)
 * triples (json_to_py.py), corrected to the XML data model (json_xml_model_mismatch_correction.py).
 */
import { pyScalar } from './python-compat.js';
import { type BareReplacer, expandKey, expandValue, type Namespaces, valueExpander } from './vocabulary.js';

export interface Triple {
  name: string;
  value: string;
  children: Child[];
}
/** A bizTransaction / source / destination entry: its type and its value, kept in this order. */
export interface Pair {
  pair: Triple[];
}
export type Child = Triple | Pair;

export const isTriple = (c: Child): c is Triple => 'name' in c;
const triple = (name: string, value: string, children: Child[]): Triple => ({ name, value, children });

/** Keys json_to_py skips at every level. */
const SKIPPED_KEYS = new Set(['#text', 'rdfs:comment', 'comment']);

/** json_to_py._json_to_py: a JSON value as a triple; the name of an object is its `type`. */
export function jsonToTree(json: unknown, ns: Namespaces): Triple {
  if (Array.isArray(json))
    return triple(
      '',
      '',
      json.map((item) => jsonToTree(item, ns)),
    );
  if (typeof json === 'object' && json !== null) {
    const obj = json as Record<string, unknown>;
    const name = 'type' in obj ? pyScalar(obj.type) : '';
    const node = triple(name, '#text' in obj ? pyScalar(obj['#text']) : '', []);
    for (const [key, value] of Object.entries(obj)) {
      if (SKIPPED_KEYS.has(key)) continue;
      if (key.startsWith('@xmlns')) {
        ns.set(key.slice(7), pyScalar(value));
        node.name = expandKey(node.name, ns);
        continue;
      }
      const child = jsonToTree(value, ns);
      const expanded = expandKey(key, ns);
      if (Array.isArray(value)) {
        for (const item of child.children) {
          if (isTriple(item)) node.children.push(triple(expanded, item.value, item.children));
        }
      } else {
        node.children.push(triple(expanded, child.value, child.children));
      }
    }
    return node;
  }
  return triple('', typeof json === 'string' ? expandValue(json, ns) : pyScalar(json), []);
}

/** Thrown by eventTree for input where it would differ from replaceBareValues + jsonToTree. */
export class NotPlainJson extends Error {}

/** A scalar read from an object (type, #text, @xmlns) after bare value replacement, as pyScalar. */
function scalarOf(value: unknown, bare: BareReplacer): string {
  if (typeof value === 'string') return bare(value);
  // pyScalar of the copied array / object would show replaced items: not worth emulating.
  if (typeof value === 'object' && value !== null) throw new NotPlainJson();
  return pyScalar(value);
}

/** The state of eventTree: namespaces, with the expander of values for them, and bare values. */
interface Walk {
  readonly ns: Namespaces;
  readonly bare: BareReplacer;
  expand: (value: string) => string;
}

/**
 * `jsonToTree(replaceBareValues(json, expanded), ns)` in one walk, without the intermediate copy, for
 * JSON data; `skip` is a top-level key to leave out (@context), `expand` valueExpander(ns) if known.
 * Throws NotPlainJson for a `__proto__` key (the copy of replaceBareValues turns it into a prototype)
 * and non-scalar type / #text / @xmlns.
 */
export function eventTree(
  json: unknown,
  ns: Namespaces,
  bare: BareReplacer,
  skip?: string,
  expand = valueExpander(ns),
): Triple {
  return walk(json, { ns, bare, expand }, skip);
}

function walk(json: unknown, state: Walk, skip?: string): Triple {
  if (Array.isArray(json))
    return triple(
      '',
      '',
      json.map((item) => walk(item, state)),
    );
  if (typeof json !== 'object' || json === null) {
    return triple('', typeof json === 'string' ? state.expand(state.bare(json)) : pyScalar(json), []);
  }
  // The copy has the own enumerable properties of `json`, in the same order.
  const obj = json as Record<string, unknown>;
  const keys = Object.keys(obj);
  let name = '';
  let text = '';
  for (const key of keys) {
    if (key === 'type') name = scalarOf(obj[key], state.bare);
    else if (key === '#text') text = scalarOf(obj[key], state.bare);
    else if (key === '__proto__') throw new NotPlainJson();
  }
  const node = triple(name, text, []);
  for (const key of keys) {
    if (key === '#text' || key === 'rdfs:comment' || key === 'comment' || key === skip) continue; // SKIPPED_KEYS
    const value = obj[key];
    if (key.startsWith('@xmlns')) {
      state.ns.set(key.slice(7), scalarOf(value, state.bare));
      state.expand = valueExpander(state.ns);
      node.name = expandKey(node.name, state.ns);
      continue;
    }
    // The new triples are renamed in place instead of copied (nothing else refers to them). The key
    // is expanded after the walk of the value, which may declare namespaces.
    if (Array.isArray(value)) {
      const items = value.map((item) => walk(item, state));
      const expanded = expandKey(key, state.ns);
      for (const item of items) {
        item.name = expanded;
        node.children.push(item);
      }
    } else {
      const child = walk(value, state);
      child.name = expandKey(key, state.ns);
      node.children.push(child);
    }
  }
  return node;
}

const PAIR_LISTS = new Set(['sourceList', 'destinationList', 'bizTransactionList']);

/**
 * One entry of a bizTransaction / source / destination list. The reference takes the entry's first two
 * properties in JSON key order; we take `type` first and then the value, which is what the reference
 * gives for the usual key order (and for XML) but does not depend on key order. An entry without type
 * gives its value alone (the reference fails on the whole document).
 */
function toPair(entry: Triple, valueName: string): Pair {
  const triples = entry.children.filter(isTriple);
  const type = triples.find((c) => c.name === 'type');
  const value = triples.find((c) => c.name === valueName);
  const items =
    type || value ? [type, value].filter((c): c is Triple => c !== undefined) : triples.slice(0, 2);
  return { pair: items };
}

/** json_xml_model_mismatch_correction._correct_xml_vs_js_structure_mismatch, in place */
function rename(node: Triple): Triple {
  const n = node.name;
  if (n === 'inputEPC' || n === 'outputEPC') node.name = 'epc';
  else if (
    n === 'inputQuantity' ||
    n === 'outputQuantity' ||
    n === 'childQuantity' ||
    (n === 'quantity' && node.children.length > 0)
  ) {
    node.name = 'quantityElement';
  }
  return node;
}

/**
 * correctStructure on a tree that nothing else refers to: its triples are renamed and given their new
 * children in place (fewer allocations on the hashing hot path).
 */
export function correctInPlace(node: Triple): Triple {
  if (node.children.length === 0) return rename(node);
  const rest: Child[] = [];
  let lists: Map<string, Triple[]> | undefined;
  let childEpcs: Triple[] | undefined;
  for (const child of node.children) {
    if (!isTriple(child)) continue;
    const name = child.name;
    if (name.endsWith('List')) {
      lists ??= new Map();
      child.name = name.slice(0, -4);
      const entries = lists.get(name);
      if (entries) entries.push(child);
      else lists.set(name, [child]);
    } else if (name === 'childEPCs') {
      if (childEpcs) childEpcs.push(child);
      else childEpcs = [child];
    } else {
      rest.push(child);
    }
  }
  if (lists) {
    for (const [listName, entries] of lists) {
      const items = PAIR_LISTS.has(listName) ? entries.map((e) => toPair(e, e.name)) : entries;
      rest.push(triple(listName, '', items));
    }
  }
  if (childEpcs)
    rest.push(
      triple(
        'childEPCs',
        '',
        childEpcs.map((c) => triple('epc', c.value, [])),
      ),
    );
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c && isTriple(c) && !PAIR_LISTS.has(c.name)) rest[i] = correctInPlace(c);
  }
  node.children = rest;
  return rename(node);
}

const copyTree = (node: Triple): Triple =>
  triple(
    node.name,
    node.value,
    node.children.map((c) => (isTriple(c) ? copyTree(c) : { pair: c.pair.map(copyTree) })),
  );

/** json_xml_model_mismatch_correction.deep_structure_correction */
export function correctStructure(node: Triple): Triple {
  return correctInPlace(copyTree(node));
}
