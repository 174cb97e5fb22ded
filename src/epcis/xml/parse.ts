/**
 * Safe, namespace-aware XML parsing for EPCIS documents (fast-xml-parser underneath).
 *
 * Refused before parsing: documents over the size limit, DTDs that declare anything (internal subset,
 * SYSTEM / PUBLIC identifiers, <!ENTITY>) and references to entities other than the five predefined
 * ones, so no entity expansion (billion laughs) and no external entity (XXE) can happen. A bare
 * `<!DOCTYPE name>` (some GS1 examples have `<!DOCTYPE project>`) declares nothing and is ignored.
 * Refused while parsing: anything not well-formed, more than `maxDepth` nested elements, more than one
 * root element, and prefixes without a namespace declaration in scope.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DomainError } from '../../http/errors.js';

export interface XmlAttribute {
  /** Namespace IRI, '' for an unqualified attribute. */
  ns: string;
  local: string;
  /** The prefix as written ('' when none). */
  prefix: string;
  value: string;
}

export interface XmlElement {
  /** Namespace IRI, '' when the element is in no namespace. */
  ns: string;
  local: string;
  /** The prefix as written ('' for none or the default namespace). */
  prefix: string;
  attributes: XmlAttribute[];
  children: XmlElement[];
  /** The element's own text (text nodes and CDATA sections joined), trimmed. */
  text: string;
}

export interface ParseLimits {
  /** Largest document in bytes (UTF-8). */
  maxBytes: number;
  /** Deepest element nesting. */
  maxDepth: number;
}

export const defaultParseLimits: ParseLimits = { maxBytes: 64 * 1024 * 1024, maxDepth: 64 };

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

const malformed = (message: string): DomainError =>
  new DomainError('MALFORMED_XML', `The body is not an acceptable XML document: ${message}`, [
    { pointer: '', message },
  ]);

/** `__proto__` would become a JSON property that JavaScript objects cannot hold as data. */
const reservedName = (name: string): DomainError =>
  new DomainError('VALIDATION_FAILED', `The XML name ${name} is not accepted`, [
    { pointer: '', message: `element or attribute named ${name}` },
  ]);

/** Rejects what must never reach the parser; returns the text with a harmless DOCTYPE blanked out. */
function screen(text: string, limits: ParseLimits): string {
  if (Buffer.byteLength(text, 'utf8') > limits.maxBytes) {
    throw new DomainError('PAYLOAD_TOO_LARGE', `The XML document is larger than ${limits.maxBytes} bytes`);
  }
  if (/<!ENTITY/i.test(text)) throw malformed('entity declarations (<!ENTITY>) are not accepted');
  let screened = text;
  const doctype = /<!DOCTYPE\b/i.exec(text);
  if (doctype) {
    const bare = /^<!DOCTYPE\s+[A-Za-z_][\w.:-]*\s*>/i.exec(text.slice(doctype.index));
    if (!bare) throw malformed('a DOCTYPE with a DTD (internal subset, SYSTEM or PUBLIC) is not accepted');
    screened =
      text.slice(0, doctype.index) + ' '.repeat(bare[0].length) + text.slice(doctype.index + bare[0].length);
    if (/<!DOCTYPE\b/i.test(screened)) throw malformed('more than one DOCTYPE');
  }
  for (const match of screened.matchAll(/&([^#;\s&<][^;\s&<]*);/g)) {
    if (!PREDEFINED.has(match[1] as string)) {
      throw malformed(
        `reference to the undeclared entity &${match[1]}; (only the five XML entities are accepted)`,
      );
    }
  }
  return screened;
}

type Ordered = Record<string, unknown>;
type Scope = ReadonlyMap<string, string>;

const parserFor = (maxDepth: number) =>
  new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    // numeric character references (&#65; &#x1F600;) are decoded only with htmlEntities; named HTML
    // entities never get here (screen refuses every entity but the five predefined ones)
    htmlEntities: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: maxDepth,
  });

function splitName(qname: string): { prefix: string; local: string } {
  const i = qname.indexOf(':');
  return i < 0 ? { prefix: '', local: qname } : { prefix: qname.slice(0, i), local: qname.slice(i + 1) };
}

function element(node: Ordered, inherited: Scope): XmlElement {
  const name = Object.keys(node).find((k) => k !== ':@') as string;
  const rawAttributes = (node[':@'] ?? {}) as Record<string, string>;
  let scope: Map<string, string> | undefined;
  for (const [key, value] of Object.entries(rawAttributes)) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) {
      scope ??= new Map(inherited);
      const prefix = key === 'xmlns' ? '' : key.slice(6);
      if (prefix !== '' && value === '')
        throw malformed(`the namespace prefix ${prefix} is undeclared with ""`);
      scope.set(prefix, value);
    }
  }
  const ns = scope ?? inherited;
  const resolve = (prefix: string, forAttribute: boolean): string => {
    if (prefix === 'xml') return XML_NS;
    if (prefix === '') return forAttribute ? '' : (ns.get('') ?? '');
    const iri = ns.get(prefix);
    if (iri === undefined) throw malformed(`the namespace prefix ${prefix} is not declared`);
    return iri;
  };
  const { prefix, local } = splitName(name);
  if (local === '__proto__') throw reservedName(name);
  const attributes: XmlAttribute[] = [];
  for (const [key, value] of Object.entries(rawAttributes)) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
    const a = splitName(key);
    if (a.local === '__proto__') throw reservedName(key);
    const iri = resolve(a.prefix, true);
    if (iri === XMLNS_NS) continue;
    attributes.push({ ns: iri, local: a.local, prefix: a.prefix, value });
  }
  const out: XmlElement = { ns: resolve(prefix, false), local, prefix, attributes, children: [], text: '' };
  let text = '';
  for (const child of (node[name] ?? []) as Ordered[]) {
    if ('#text' in child) text += String(child['#text']);
    else out.children.push(element(child, ns));
  }
  out.text = text.trim();
  return out;
}

/** Parses an XML document into a namespace-resolved element tree, or throws DomainError (problem+json). */
export function parseXml(text: string, limits: ParseLimits = defaultParseLimits): XmlElement {
  const screened = screen(text.replace(/^\uFEFF/, ''), limits);
  const valid = XMLValidator.validate(screened);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw malformed(`${msg} (line ${line}${col === undefined ? '' : `, column ${col}`})`);
  }
  // the parser drops text after the root element; the validator lets it pass
  if (!/>\s*$/.test(screened)) throw malformed('text after the root element');
  let nodes: Ordered[];
  try {
    nodes = parserFor(limits.maxDepth).parse(screened) as Ordered[];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/nested tags/i.test(message))
      throw malformed(`elements are nested deeper than ${limits.maxDepth} levels`);
    throw malformed(message);
  }
  const roots = nodes.filter((n) => !('#text' in n));
  const strayText = nodes.some((n) => '#text' in n && String(n['#text']).trim() !== '');
  if (roots.length !== 1 || strayText) throw malformed('an XML document has exactly one root element');
  return element(roots[0] as Ordered, new Map());
}
