/**
 * Event hashes of XML events, as the reference implementation (RalphTro/epcis-event-hash-generator)
 * computes them from XML.
 *
 * The reference reads JSON into its XML data model with json_xml_model_mismatch_correction, which also
 * renames inside user extensions: an extension element whose name ends in `List` gets an extra level
 * (`c4l:resourceList` -> resourceList > resource > …). From XML it applies no correction, so an XML event
 * with such an extension hashes differently from the JSON-LD it converts to. For those events (only) the
 * converter computes the hash the XML way (the JSON model with user extensions left uncorrected) and
 * writes it as the eventID, which is what the server would have assigned to the XML event.
 */
import { eventsOf } from '../capture/document.js';
import { documentEventHashes, hashPreHashString } from '../hash/index.js';
import { treePreHash } from '../hash/prehash.js';
import { hasSurrogate, sortCodeUnits, sortPy } from '../hash/python-compat.js';
import { correctInPlace, eventTree, isTriple, NotPlainJson, type Triple } from '../hash/tree.js';
import {
  bareReplacer,
  contextNamespaces,
  expandedVocabulary,
  expandKey,
  valueExpander,
} from '../hash/vocabulary.js';

type Json = Record<string, unknown>;

/** Names correctInPlace changes or regroups (see hash/tree.ts). */
const correctable = (name: string): boolean =>
  name.endsWith('List') ||
  [
    'childEPCs',
    'inputEPC',
    'outputEPC',
    'inputQuantity',
    'outputQuantity',
    'childQuantity',
    'quantity',
  ].includes(name);

const isExtension = (name: string): boolean => name.startsWith('{');

/** Replaces user extension subtrees (`{IRI}name`) with placeholders; returns them in placeholder order. */
function detach(node: Triple, out: Triple[]): Triple[] {
  node.children = node.children.map((c) => {
    if (!isTriple(c)) return c;
    if (isExtension(c.name)) {
      out.push(c);
      return { name: `\u0000${out.length - 1}`, value: '', children: [] };
    }
    detach(c, out);
    return c;
  });
  return out;
}

function reattach(node: Triple, detached: Triple[]): void {
  for (const c of node.children) {
    if (!isTriple(c)) {
      for (const p of c.pair) reattach(p, detached);
      continue;
    }
    reattach(c, detached);
  }
  node.children = node.children.map((c) =>
    isTriple(c) && c.name.startsWith('\u0000') ? (detached[Number(c.name.slice(1))] as Triple) : c,
  );
}

const hasCorrectable = (node: Triple): boolean =>
  node.children.some((c) => isTriple(c) && (correctable(c.name) || hasCorrectable(c)));

const ignoreFieldsOf = (...holders: Json[]): string[] =>
  holders.flatMap((holder) =>
    Object.entries(holder).flatMap(([key, value]) =>
      (key === 'ignoreFields' || key.endsWith(':ignoreFields')) && Array.isArray(value)
        ? value.filter((v): v is string => typeof v === 'string')
        : [],
    ),
  );

interface Scope {
  namespaces: Map<string, string>;
  bare: (value: string) => string;
  expand: (value: string) => string;
  fields: string[];
}

function scopeOf(document: Json): Scope {
  const context = document['@context'];
  const body = (document.epcisBody ?? {}) as Json;
  const results = (body.queryResults ?? {}) as Json;
  const namespaces = contextNamespaces(context);
  return {
    namespaces,
    bare: bareReplacer(expandedVocabulary(document, context, true)),
    expand: valueExpander(namespaces),
    fields: ignoreFieldsOf(document, body, results),
  };
}

/**
 * The XML-model hash of an event (user extensions left uncorrected); undefined when it cannot differ
 * from the JSON-LD hash and `always` is false, or when the event is not plain JSON.
 */
function xmlHash(event: Json, scope: Scope, always: boolean): string | undefined {
  const build = (sort: typeof sortPy): string | undefined => {
    let tree: Triple;
    try {
      tree = eventTree(event, new Map(scope.namespaces), scope.bare, '@context', scope.expand);
    } catch (error) {
      if (error instanceof NotPlainJson) return undefined;
      throw error;
    }
    const detached = detach(tree, []);
    if (!always && !detached.some((d) => correctable(d.name) || hasCorrectable(d))) return undefined;
    correctInPlace(tree);
    reattach(tree, detached);
    const ignored = new Set(scope.fields.map((f) => expandKey(f, scope.namespaces)));
    return treePreHash(tree, ignored, sort);
  };
  const preHash = build(sortCodeUnits);
  if (preHash === undefined) return undefined;
  return hashPreHashString(hasSurrogate(preHash) ? (build(sortPy) as string) : preHash);
}

const plainEvents = (document: Json): Json[] =>
  eventsOf(document).events.filter((e) => e && typeof e === 'object' && !Array.isArray(e));

/** The hash of each event of a converted XML document as the reference computes it from the XML. */
export function xmlEventHashes(document: Json): string[] {
  const scope = scopeOf(document);
  const fallback = documentEventHashes(document);
  return plainEvents(document).map((e, i) => xmlHash(e, scope, true) ?? (fallback[i] as string));
}

/**
 * Gives each event without eventID whose XML hash differs from its JSON-LD hash that XML hash as its
 * eventID (in place), so the server stores it under the hash of the XML it received.
 */
export function assignXmlHashes(document: Json): void {
  const scope = scopeOf(document);
  for (const event of plainEvents(document)) {
    if (event.eventID !== undefined || event['@context'] !== undefined) continue;
    const hash = xmlHash(event, scope, false);
    if (hash !== undefined) event.eventID = hash;
  }
}
