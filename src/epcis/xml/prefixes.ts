import { EPCIS_PREFIXES } from '../hash/vocabulary.js';

/**
 * Namespace IRIs of user extensions -> the prefixes of their compact JSON-LD names (`prefix:localName`).
 * Every XML namespace keeps its exact IRI (the CBV event hash names extensions `{IRI}localName`, so
 * `urn:epcglobal:cbv:mda` and the context's `urn:epcglobal:cbv:mda:` are different namespaces). The
 * document's own prefix is kept when it is free; a prefix the EPCIS context defines for another IRI, or
 * one the document binds to two IRIs in different scopes, gets a numbered variant (`ext2`, …); the
 * default namespace (no prefix) is named `ns`, `ns2`, …
 * A name the document uses as the scheme of a value (`type="example:x"`, an xs:anyURI) is not defined
 * as a prefix either: JSON-LD would read that value as the compact IRI `example:x` and change it.
 */

/** Names JSON-LD gives a meaning of their own, never used as prefixes. */
const RESERVED = new Set(['id', 'type', 'value', 'http', 'https', 'urn', '_']);

export class Prefixes {
  private readonly byIri = new Map<string, string>();
  private readonly byPrefix = new Map<string, string>();
  private readonly added = new Map<string, string>();

  /** `reserved`: names that must not become prefixes (the URI schemes of the document's values). */
  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) if (!(name in EPCIS_PREFIXES)) this.byPrefix.set(name, '');
    for (const [prefix, iri] of Object.entries(EPCIS_PREFIXES)) this.byPrefix.set(prefix, iri);
  }

  /** The compact name of `{iri}local`, written in the document with `prefix`. */
  name(iri: string, prefix: string, local: string): string {
    return `${this.prefixOf(iri, prefix)}:${local}`;
  }

  private prefixOf(iri: string, written: string): string {
    const known = this.byIri.get(iri);
    if (known !== undefined) return known;
    const standard = Object.entries(EPCIS_PREFIXES).find(([, i]) => i === iri)?.[0];
    if (standard !== undefined) return this.use(standard, iri);
    const base = /^[A-Za-z][\w.-]*$/.test(written) && !RESERVED.has(written.toLowerCase()) ? written : 'ns';
    let candidate = base;
    for (let n = 2; this.byPrefix.has(candidate) || RESERVED.has(candidate); n++) candidate = `${base}${n}`;
    return this.use(candidate, iri);
  }

  private use(prefix: string, iri: string): string {
    this.byIri.set(iri, prefix);
    this.byPrefix.set(prefix, iri);
    this.added.set(prefix, iri);
    return prefix;
  }

  /**
   * The prefixes the document uses, for its @context (also those the EPCIS context defines alike: the
   * event hash reads namespaces only from the document's own context objects).
   */
  context(): Record<string, string> {
    return Object.fromEntries(this.added);
  }
}
