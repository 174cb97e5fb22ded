/**
 * Pre-hash string construction of the reference implementation (hash_generator.py, PROP_ORDER of
 * __init__.py at the commit of the test vectors), for one event tree.
 *
 * 1. `eventType=<type>`.
 * 2. The properties of PROP_ORDER in that order, each `name=value` (values canonised, see canonise) or
 *    `name` followed by its sub-properties; repeated properties sorted as strings. User extensions inside
 *    a standard property (names `{namespace/}local`) follow that property's ordered sub-properties, sorted.
 * 3. Everything not consumed by step 2, except recordTime, eventID, type and errorDeclaration: user
 *    extensions, ilmd, bizTransactionList / sourceList / destinationList (whose sub-order in PROP_ORDER
 *    never matches, so the reference hashes them here), each `name[=value]<children>`, sorted as strings.
 */
import { referenceDigitalLink } from './dl-normaliser.js';
import { memoise } from './memo.js';
import { fixTimestamp, pyNumeric, pyStrip, sortPy } from './python-compat.js';
import { type Child, isTriple, type Triple } from './tree.js';

type Order = ReadonlyArray<readonly [string, Order | null]>;

const QUANTITY: Order = [
  [
    'quantityElement',
    [
      ['epcClass', null],
      ['quantity', null],
      ['uom', null],
    ],
  ],
];
const EPC: Order = [['epc', null]];
/** Sub-order of the pair lists: truthy but matching no child, as in the reference. */
const NEVER: Order = [];

const SENSOR_METADATA =
  'time startTime endTime deviceID deviceMetadata rawData dataProcessingMethod bizRules';
const SENSOR_REPORT =
  'type exception deviceID deviceMetadata rawData dataProcessingMethod time microorganism chemicalSubstance value ' +
  'component stringValue booleanValue hexBinaryValue uriValue minValue maxValue meanValue sDev percRank percValue ' +
  'uom coordinateReferenceSystem';
const flat = (names: string): Order => names.split(' ').map((n) => [n, null] as const);

export const PROP_ORDER: Order = [
  ['eventTime', null],
  ['eventTimeZoneOffset', null],
  ['certificationInfo', null],
  ['parentID', null],
  ['epcList', EPC],
  ['inputEPCList', EPC],
  ['childEPCs', EPC],
  ['quantityList', QUANTITY],
  ['childQuantityList', QUANTITY],
  ['inputQuantityList', QUANTITY],
  ['outputEPCList', EPC],
  ['outputQuantityList', QUANTITY],
  ['action', null],
  ['transformationID', null],
  ['bizStep', null],
  ['disposition', null],
  [
    'persistentDisposition',
    [
      ['set', null],
      ['unset', null],
    ],
  ],
  ['readPoint', [['id', null]]],
  ['bizLocation', [['id', null]]],
  ['bizTransactionList', NEVER],
  ['sourceList', NEVER],
  ['destinationList', NEVER],
  [
    'sensorElementList',
    [
      [
        'sensorElement',
        [
          ['sensorMetadata', flat(SENSOR_METADATA)],
          ['sensorReport', flat(SENSOR_REPORT)],
        ],
      ],
    ],
  ],
];

/** inOrder relies on it: each name at most once in an order (a name again would meet consumed children). */
function assertUniqueNames(order: Order): void {
  if (new Set(order.map(([name]) => name)).size !== order.length) throw new Error('name repeated in order');
  for (const [, sub] of order) if (sub) assertUniqueNames(sub);
}
assertUniqueNames(PROP_ORDER);

const IGNORED_TOP_LEVEL = ['recordTime', 'eventID', 'type', 'errorDeclaration'];

/** Old CBV URNs to the CBV 2.0 Web URIs (plain substring replacement, as in the reference). */
const WEB_VOCABULARY: [string, string][] = [
  ['urn:epcglobal:cbv:bizstep:', 'https://ref.gs1.org/cbv/BizStep-'],
  ['urn:epcglobal:cbv:disp:', 'https://ref.gs1.org/cbv/Disp-'],
  ['urn:epcglobal:cbv:btt:', 'https://ref.gs1.org/cbv/BTT-'],
  ['urn:epcglobal:cbv:sdt:', 'https://ref.gs1.org/cbv/SDT-'],
  ['urn:epcglobal:cbv:er:', 'https://ref.gs1.org/cbv/ER-'],
];

/** `_canonize_value`: CBV URNs to Web URIs, number formatting, then GS1 Digital Link normalisation. */
export function canoniseUncached(text: string): string {
  let value = text;
  // Every old URN starts with urn:epcglobal:cbv: (without it, no replacement can apply)
  if (value.includes('urn:epcglobal:cbv:'))
    for (const [urn, web] of WEB_VOCABULARY) value = value.replaceAll(urn, web);
  value = pyNumeric(value);
  return referenceDigitalLink(value) ?? value;
}

/** A value of the allowed Digital Link characters without '/', '?' and '#'. */
const V = '[\\x22\\x27\\x2D\\x2E\\x30-\\x39\\x3B-\\x3E\\x41-\\x5A\\x5F\\x61-\\x7A]{0,20}';
/**
 * Digital Links already in the reference's normal form, which canonise returns unchanged: SGTIN / LGTIN
 * / GTIN, SSCC, SGLN / GLN and PGLN on id.gs1.org. Each step of canoniseUncached leaves them as they are
 * (no CBV URN, not a number, no '?', no short name, canonical host, 14-digit GTIN, no CPV, not both lot
 * and serial, and one of its final patterns), and they are most identifiers of real events, mostly unique
 * (serials): they are recognised with one regular expression and not cached.
 */
const NORMAL_DL = new RegExp(
  `^https:\\/\\/id\\.gs1\\.org\\/(?:01\\/\\d{14}(?:\\/(?:10|21)\\/${V})?|00\\/\\d{18}|414\\/\\d{13}(?:\\/254\\/${V})?|417\\/\\d{13})$`,
);

const canoniseCached = memoise(canoniseUncached, 10_000);

/** canoniseUncached, memoised, with a fast path for Digital Links already normalised. */
export function canonise(text: string): string {
  return NORMAL_DL.test(text) ? text : canoniseCached(text);
}

function removeChild(list: Child[], child: Child): void {
  const i = list.indexOf(child);
  if (i >= 0) list.splice(i, 1);
}

const isExtension = (c: Child): c is Triple => isTriple(c) && c.name.includes('{') && c.name.includes('/}');

/** `_gather_user_extensions`: take the extensions out of a nested property (not at event level). */
function gatherUserExtensions(list: Child[]): Triple[] {
  if (list.length <= 1) return [];
  if (list.some((c) => isTriple(c) && (c.name.includes('eventTime') || c.name.includes('action')))) return [];
  const extensions = list.filter(isExtension);
  for (const e of extensions) removeChild(list, e);
  return extensions;
}

/** Sorts strings in place in Python order (or, when known to be the same, in a faster one). */
export type Sort = (values: string[]) => string[];

function childPreHash(child: Triple, subOrder: Order | null, sort: Sort): string {
  const grandChildren = subOrder ? inOrder(child.children, subOrder, sort) : '';
  let text = '';
  if (child.value) {
    text = pyStrip(child.value);
    const name = child.name.toLowerCase();
    text = name.includes('time') && !name.includes('offset') ? fixTimestamp(text) : canonise(text);
    if (text) text = `=${text}`;
  }
  return text || grandChildren ? child.name + text + grandChildren : '';
}

/**
 * The positions in `list` of the triples with each name of `order`, in list order. Taken once before the
 * loop of inOrder, which removes consumed children only at its end (and only children of the name it is
 * at, so that filtering by a later name is not affected). Short orders (readPoint, epcList...) are
 * filtered directly, without a Map.
 */
function byName(list: readonly Child[], order: Order): (name: string) => number[] | undefined {
  if (order.length <= 2) {
    return (name) => {
      const group: number[] = [];
      list.forEach((c, i) => {
        if (isTriple(c) && c.name === name) group.push(i);
      });
      return group.length > 0 ? group : undefined;
    };
  }
  const groups = new Map<string, number[]>();
  list.forEach((c, i) => {
    if (!isTriple(c)) return;
    const group = groups.get(c.name);
    if (group) group.push(i);
    else groups.set(c.name, [i]);
  });
  return (name) => groups.get(name);
}

/** Keeps the children of `list` whose position is not marked, in order (one pass). */
function removeMarked(list: Child[], marked: Uint8Array): void {
  let kept = 0;
  list.forEach((c, i) => {
    if (marked[i] === 0) list[kept++] = c;
  });
  list.length = kept;
}

/** `_recurse_through_children_in_order`; consumed children are removed from `list`. */
function inOrder(list: Child[], order: Order, sort: Sort): string {
  let preHash = '';
  const extensions = gatherUserExtensions(list);
  const groupOf = byName(list, order);
  let consumed: Uint8Array | undefined;
  for (const [name, subOrder] of order) {
    const group = groupOf(name);
    if (group === undefined) continue;
    const values: string[] = [];
    for (const i of group) {
      const child = list[i] as Triple;
      const text = childPreHash(child, subOrder, sort);
      if (text) values.push(text);
      if (child.children.length === 0) {
        consumed ??= new Uint8Array(list.length);
        consumed[i] = 1;
      }
    }
    preHash += sort(values).join('');
  }
  if (consumed) removeMarked(list, consumed);
  return extensions.length > 0 ? preHash + generic(extensions, sort) : preHash;
}

/** `_generic_child_list_to_prehash_string`: name[=value]<children>, sorted unless a pair. */
function generic(children: Child[], sort: Sort): string {
  const values = children.map((child) => {
    if (!isTriple(child)) return generic(child.pair, sort);
    const text = pyStrip(child.value);
    return child.name + (text ? `=${canonise(text)}` : '') + generic(child.children, sort);
  });
  const isPairContent = children.some(
    (c) => isTriple(c) && (c.name === 'bizTransaction' || c.name === 'source' || c.name === 'destination'),
  );
  if (children.length > 1 && !isPairContent) sort(values);
  return values.join('');
}

/**
 * The pre-hash string of an event tree (which it consumes); `ignored` names more top-level properties to
 * leave out. Every string that is sorted ends up in the result, so sorting by UTF-16 code units gives the
 * same result as `sortPy` when the result has no surrogate (see hasSurrogate).
 */
export function treePreHash(event: Triple, ignored: ReadonlySet<string>, sort: Sort = sortPy): string {
  const list = [...event.children];
  const ordered = inOrder(list, PROP_ORDER, sort);
  const rest = list.filter(
    (c) => !isTriple(c) || !(IGNORED_TOP_LEVEL.includes(c.name) || ignored.has(c.name)),
  );
  return `eventType=${event.name}${ordered}${rest.length > 0 ? generic(rest, sort) : ''}`;
}
