/**
 * CBV 2.0 event hash ID (`ni:///sha-256;<hex>?ver=CBV2.0`) of an EPCIS 2.0 event in JSON / JSON-LD,
 * computed exactly as the reference implementation RalphTro/epcis-event-hash-generator does (the
 * version whose test vectors are in shared/epcis/hash-vectors). See prehash.ts for the string layout.
 */
import { hash } from 'node:crypto';
import { type Sort, treePreHash } from './prehash.js';
import { hasSurrogate, sortCodeUnits, sortPy } from './python-compat.js';
import { correctInPlace, eventTree, jsonToTree, NotPlainJson, type Triple } from './tree.js';
import {
  type BareReplacer,
  bareReplacer,
  contextNamespaces,
  type Expander,
  expandedVocabulary,
  expandKey,
  type Namespaces,
  replaceBareValues,
  valueExpander,
} from './vocabulary.js';

export interface HashOptions {
  /**
   * Top-level event properties to leave out of the hash, as compact names (`repository-x:hash`): the
   * reference reads them from a `<prefix>:ignoreFields` array of the document (see documentPreHashStrings).
   */
  ignoreFields?: readonly string[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** What the events of one document share: computed once, not per event. */
interface Scope {
  value: unknown;
  isDocument: boolean;
  expanded: Set<string>;
  bare: BareReplacer;
  namespaces: Namespaces;
  /** valueExpander(namespaces) */
  expand: Expander;
}

/**
 * The event (without @context) as a corrected tree, and the namespaces (`namespaces()` and the event's
 * @xmlns declarations). One walk for plain JSON objects; otherwise the copy of replaceBareValues first.
 */
function eventToTree(
  event: Record<string, unknown>,
  expanded: ReadonlySet<string>,
  bare: BareReplacer,
  namespaces: () => Namespaces,
  expand?: Expander,
): { tree: Triple; ns: Namespaces } {
  if (!Array.isArray(event)) {
    const ns = namespaces();
    try {
      return { tree: correctInPlace(eventTree(event, ns, bare, '@context', expand)), ns };
    } catch (e) {
      if (!(e instanceof NotPlainJson)) throw e;
    }
  }
  const { '@context': _, ...data } = event;
  const ns = namespaces();
  return { tree: correctInPlace(jsonToTree(replaceBareValues(data, expanded), ns)), ns };
}

function eventWithContext(
  event: Record<string, unknown>,
  ctx: unknown,
  scope: Scope | undefined,
): { tree: Triple; ns: Namespaces } {
  const { '@context': _, ...data } = event;
  const expanded = expandedVocabulary(scope?.value ?? data, ctx, scope?.isDocument ?? false);
  return eventToTree(event, expanded, bareReplacer(expanded), () => contextNamespaces(ctx));
}

function computePreHash(
  event: Record<string, unknown>,
  context: unknown,
  options: HashOptions | undefined,
  scope: Scope | undefined,
): string {
  const build = (sort: Sort): string => {
    // An event that carries its own @context (single-event capture) is read with it; it is not data.
    const own = event['@context'];
    // The document-wide vocabulary and namespaces are the same for every event without its own context.
    const { tree, ns } =
      own === undefined && scope
        ? eventToTree(event, scope.expanded, scope.bare, () => new Map(scope.namespaces), scope.expand)
        : eventWithContext(
            event,
            own === undefined ? context : [...asArray(context), ...asArray(own)],
            scope,
          );
    const fields = options?.ignoreFields ?? [];
    const ignored = fields.length === 0 ? NONE : new Set(fields.map((f) => expandKey(f, ns)));
    return treePreHash(tree, ignored, sort);
  };
  const preHash = build(sortCodeUnits);
  // Code unit order is Python's order unless a sorted string (part of the result) has a surrogate.
  return hasSurrogate(preHash) ? build(sortPy) : preHash;
}

const NONE: ReadonlySet<string> = new Set();

/** The pre-hash string of one event (for debugging and tests). `context` is the document's @context (array/object/string) used to expand prefixed extension names. */
export function preHashString(
  event: Record<string, unknown>,
  context?: unknown,
  options?: HashOptions,
): string {
  return computePreHash(event, context, options, undefined);
}

/** The event hash ID of a pre-hash string. */
export function hashPreHashString(preHash: string): string {
  return `ni:///sha-256;${hash('sha256', preHash, 'hex')}?ver=CBV2.0`;
}

/** ni:///sha-256;<64 hex>?ver=CBV2.0 */
export function eventHash(event: Record<string, unknown>, context?: unknown, options?: HashOptions): string {
  return hashPreHashString(preHashString(event, context, options));
}

function eventsOf(body: Record<string, unknown>): { events: unknown[]; holder: Record<string, unknown> } {
  const results = body.queryResults;
  if (isObject(results) && isObject(results.resultsBody)) {
    return { events: asArray(results.resultsBody.eventList), holder: results };
  }
  if (body.eventList !== undefined) return { events: asArray(body.eventList), holder: body };
  return { events: asArray(body.event), holder: body };
}

function ignoreFieldsOf(...holders: Record<string, unknown>[]): string[] {
  const fields: string[] = [];
  for (const holder of holders) {
    for (const [key, value] of Object.entries(holder)) {
      if ((key === 'ignoreFields' || key.endsWith(':ignoreFields')) && Array.isArray(value)) {
        fields.push(...value.filter((v): v is string => typeof v === 'string'));
      }
    }
  }
  return fields;
}

/**
 * Pre-hash strings of the events of an EPCIS (query) document, in document order. Unlike preHashString
 * this has the reference's document-wide behaviours: a bare value is expanded when it matches a CBV value
 * anywhere in the document, and a `<prefix>:ignoreFields` array (document root, epcisBody or queryResults)
 * names properties to leave out.
 */
export function documentPreHashStrings(document: Record<string, unknown>): string[] {
  return mapDocumentEvents(document, (preHash) => preHash);
}

/** `f` of the pre-hash string of each event of the document, in document order. */
function mapDocumentEvents<T>(document: Record<string, unknown>, f: (preHash: string) => T): T[] {
  const body = isObject(document.epcisBody) ? document.epcisBody : {};
  const { events, holder } = eventsOf(body);
  const options = { ignoreFields: ignoreFieldsOf(document, body, holder) };
  const expanded = expandedVocabulary(document, document['@context'], true);
  const namespaces = contextNamespaces(document['@context']);
  const scope: Scope = {
    value: document,
    isDocument: true,
    expanded,
    bare: bareReplacer(expanded),
    namespaces,
    expand: valueExpander(namespaces),
  };
  return events.filter(isObject).map((e) => f(computePreHash(e, document['@context'], options, scope)));
}

/** Event hash IDs of the events of an EPCIS (query) document, in document order. */
export function documentEventHashes(document: Record<string, unknown>): string[] {
  // Each pre-hash string is hashed as soon as it is built: it never outlives the young generation.
  return mapDocumentEvents(document, hashPreHashString);
}
