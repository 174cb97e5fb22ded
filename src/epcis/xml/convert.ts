/**
 * EPCIS XML (XSD urn:epcglobal:epcis:xsd:2, and :1 for EPCIS 1.x documents) -> EPCIS 2.0 JSON-LD.
 *
 * The result is what a JSON client would have sent for the same document; it then goes through the
 * same validation, capture job and storage as JSON. The converter maps structure only (element and
 * attribute names, lists, numbers of quantities and sensor reports) and leaves every rule to the JSON
 * validation, whose pointers (`/epcisBody/eventList/2/bizStep`) then name the same field.
 * EPCIS 1.x wraps newer fields in `<extension>` / `<baseExtension>` (TransformationEvent in the
 * EventList, quantityList, eventID, errorDeclaration …): these wrappers are read through everywhere in
 * the standard part of a document, as the reference event hash implementation does.
 */
import { DomainError, type FieldError } from '../../http/errors.js';
import { epcisContext } from '../format/event.js';
import { measurementTypes } from '../validation/index.js';
import { addExtensions, extensionValue, isNil, type Json, nameOf, XSI_NS } from './extensions.js';
import type { XmlElement } from './parse.js';
import { Prefixes } from './prefixes.js';

/** Namespaces of the EPCIS XML schemas: their elements are standard fields, not user extensions. */
const EPCIS_NAMESPACES = new Set([
  '',
  'urn:epcglobal:epcis:xsd:1',
  'urn:epcglobal:epcis:xsd:2',
  'urn:epcglobal:epcis-query:xsd:1',
  'urn:epcglobal:epcis-query:xsd:2',
  'urn:epcglobal:epcis-masterdata:xsd:1',
  'urn:epcglobal:epcis-masterdata:xsd:2',
]);
const SBDH_NS = 'http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader';

export const EVENT_TYPES = new Set([
  'ObjectEvent',
  'AggregationEvent',
  'TransactionEvent',
  'TransformationEvent',
  'AssociationEvent',
]);

const TEXT_FIELDS = new Set([
  'eventTime',
  'recordTime',
  'eventTimeZoneOffset',
  'eventID',
  'action',
  'bizStep',
  'disposition',
  'parentID',
  'transformationID',
]);
const EPC_LISTS = new Set(['epcList', 'childEPCs', 'inputEPCList', 'outputEPCList']);
const QUANTITY_LISTS = new Set([
  'quantityList',
  'childQuantityList',
  'inputQuantityList',
  'outputQuantityList',
]);
const SENSOR_NUMBERS = new Set([
  'value',
  'minValue',
  'maxValue',
  'meanValue',
  'sDev',
  'percRank',
  'percValue',
]);
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

const isStandard = (e: XmlElement): boolean => EPCIS_NAMESPACES.has(e.ns);
const isWrapper = (e: XmlElement): boolean =>
  isStandard(e) && (e.local === 'extension' || e.local === 'baseExtension');

/** Child elements, with 1.x `<extension>` / `<baseExtension>` wrappers read through and xsi:nil left out. */
function fields(element: XmlElement): XmlElement[] {
  return element.children.flatMap((c) => (isNil(c) ? [] : isWrapper(c) ? fields(c) : [c]));
}

/** xs:decimal / xs:double text as a number; anything else stays a string for the validation to refuse. */
function decimal(text: string): number | string {
  const n = Number(text);
  return DECIMAL.test(text) && Number.isFinite(n) ? n : text;
}

function boolean(text: string): boolean | string {
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return text;
}

const escapePointer = (key: string): string => key.replaceAll('~', '~0').replaceAll('/', '~1');

const GS1_VOC = 'https://gs1.org/voc/';
const MEASUREMENTS = new Set(measurementTypes);
const ALERTS = new Set(['ALARM_CONDITION', 'ERROR_CONDITION']);

/** A gs1: Web vocabulary IRI of a standard measurement / alert type as its bare JSON-LD term. */
function gs1Term(value: string, terms: ReadonlySet<string>): string {
  const term = value.startsWith(GS1_VOC) ? value.slice(GS1_VOC.length) : undefined;
  return term !== undefined && terms.has(term) ? term : value;
}

const CURIES: [string, string][] = [
  ['cbv:', 'https://ref.gs1.org/cbv/'],
  ['gs1:', GS1_VOC],
];
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/**
 * Prepares the tree in place: values of standard fields written as `cbv:…` / `gs1:…` (sensorReport
 * type="gs1:Temperature", bizStep cbv:BizStep-shipping) become the IRIs they abbreviate, as the
 * reference event hash reads them; values inside user extensions stay as written. Returns the URI
 * schemes of all values (names that must not become @context prefixes).
 */
export function prepareValues(root: XmlElement): Set<string> {
  const schemes = new Set<string>();
  const fix = (value: string, standard: boolean): string => {
    if (standard) {
      for (const [curie, iri] of CURIES) if (value.startsWith(curie)) return iri + value.slice(curie.length);
    }
    const scheme = SCHEME.exec(value);
    if (scheme) schemes.add(scheme[1] as string);
    return value;
  };
  const stack: [XmlElement, boolean][] = [[root, true]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [e, inStandard] = next;
    const standard = inStandard && isStandard(e);
    e.text = fix(e.text, standard);
    for (const a of e.attributes) a.value = fix(a.value, standard && a.ns === '');
    for (const c of e.children) stack.push([c, standard]);
  }
  return schemes;
}

export class XmlToJson {
  readonly prefixes: Prefixes;
  readonly issues: FieldError[] = [];

  constructor(reserved: Iterable<string> = []) {
    this.prefixes = new Prefixes(reserved);
  }

  /** Sets a standard field once; a repeated one is an error at its pointer. */
  private set(target: Json, key: string, value: unknown, pointer: string): void {
    if (Object.hasOwn(target, key)) {
      this.issues.push({
        pointer: `${pointer}/${escapePointer(key)}`,
        message: `<${key}> appears more than once`,
      });
      return;
    }
    target[key] = value;
  }

  private extensions(target: Json, elements: XmlElement[]): void {
    addExtensions(target, elements, this.prefixes);
  }

  /** One event element (ObjectEvent …) as a JSON-LD event. */
  event(element: XmlElement, pointer: string): Json {
    const out: Json = { type: element.local };
    const extensions: XmlElement[] = [];
    for (const field of fields(element)) {
      if (!isStandard(field)) {
        extensions.push(field);
        continue;
      }
      const name = field.local;
      if (TEXT_FIELDS.has(name)) this.set(out, name, field.text, pointer);
      else if (name === 'certificationInfo') {
        const before = out.certificationInfo;
        out.certificationInfo =
          before === undefined ? field.text : [...(Array.isArray(before) ? before : [before]), field.text];
      } else if (EPC_LISTS.has(name))
        this.set(
          out,
          name,
          fields(field).map((e) => e.text),
          pointer,
        );
      else if (QUANTITY_LISTS.has(name))
        this.set(
          out,
          name,
          fields(field).map((q) => this.quantity(q)),
          pointer,
        );
      else if (name === 'readPoint' || name === 'bizLocation')
        this.set(out, name, this.place(field), pointer);
      else if (name === 'bizTransactionList')
        this.set(out, name, this.typed(field, 'bizTransaction'), pointer);
      else if (name === 'sourceList') this.set(out, name, this.typed(field, 'source'), pointer);
      else if (name === 'destinationList') this.set(out, name, this.typed(field, 'destination'), pointer);
      else if (name === 'persistentDisposition') this.set(out, name, this.persistent(field), pointer);
      else if (name === 'errorDeclaration') this.set(out, name, this.errorDeclaration(field), pointer);
      else if (name === 'sensorElementList')
        this.set(
          out,
          name,
          fields(field).map((s) => this.sensorElement(s)),
          pointer,
        );
      else if (name === 'ilmd') {
        const ilmd: Json = {};
        this.extensions(ilmd, fields(field));
        this.set(out, name, ilmd, pointer);
      } else {
        // not an EPCIS 2.0 field: kept under its name so the validation refuses it at its pointer
        this.set(out, name, extensionValue(field, this.prefixes), pointer);
      }
    }
    this.extensions(out, extensions);
    return out;
  }

  private quantity(element: XmlElement): Json {
    const out: Json = {};
    for (const f of fields(element)) {
      if (!isStandard(f)) continue;
      out[f.local] = f.local === 'quantity' ? decimal(f.text) : f.text;
    }
    this.extensions(
      out,
      fields(element).filter((f) => !isStandard(f)),
    );
    return out;
  }

  private place(element: XmlElement): Json {
    const out: Json = {};
    const rest: XmlElement[] = [];
    for (const f of fields(element)) {
      if (isStandard(f) && f.local === 'id') out.id = f.text;
      else rest.push(f);
    }
    this.extensions(out, rest);
    return out;
  }

  /** bizTransaction / source / destination entries: `{type?, <name>: text}`. */
  private typed(list: XmlElement, name: string): Json[] {
    return fields(list).map((entry) => {
      const out: Json = {};
      const type = entry.attributes.find((a) => a.ns === '' && a.local === 'type');
      if (type) out.type = type.value;
      out[name] = entry.text;
      return out;
    });
  }

  private persistent(element: XmlElement): Json {
    const out: Json = {};
    for (const f of fields(element)) {
      const key = f.local === 'set' || f.local === 'unset' ? f.local : nameOf(f, this.prefixes);
      const value = isStandard(f) ? f.text : extensionValue(f, this.prefixes);
      const list = out[key];
      if (Array.isArray(list)) list.push(value);
      else out[key] = [value];
    }
    return out;
  }

  private errorDeclaration(element: XmlElement): Json {
    const out: Json = {};
    const rest: XmlElement[] = [];
    for (const f of fields(element)) {
      if (!isStandard(f)) rest.push(f);
      else if (f.local === 'correctiveEventIDs') out.correctiveEventIDs = fields(f).map((c) => c.text);
      else out[f.local] = f.text;
    }
    this.extensions(out, rest);
    return out;
  }

  /** sensorMetadata / sensorReport: attributes as properties, numbers as numbers, booleans as booleans. */
  private sensorAttributes(element: XmlElement): Json {
    const out: Json = {};
    for (const a of element.attributes) {
      if (a.ns === XSI_NS) continue;
      if (a.ns !== '') out[nameOf(a, this.prefixes)] = a.value;
      else if (SENSOR_NUMBERS.has(a.local)) out[a.local] = decimal(a.value);
      else if (a.local === 'type') out.type = gs1Term(a.value, MEASUREMENTS);
      else if (a.local === 'exception') out.exception = gs1Term(a.value, ALERTS);
      else if (a.local === 'booleanValue') out[a.local] = boolean(a.value);
      else out[a.local] = a.value;
    }
    this.extensions(out, element.children);
    return out;
  }

  private sensorElement(element: XmlElement): Json {
    const out: Json = {};
    const reports: Json[] = [];
    const rest: XmlElement[] = [];
    for (const f of fields(element)) {
      if (isStandard(f) && f.local === 'sensorMetadata') out.sensorMetadata = this.sensorAttributes(f);
      else if (isStandard(f) && f.local === 'sensorReport') reports.push(this.sensorAttributes(f));
      else rest.push(f);
    }
    if (reports.length > 0) out.sensorReport = reports;
    this.extensions(out, rest);
    return out;
  }

  /** EventList children as events (1.x puts TransformationEvent inside <extension>). */
  eventList(list: XmlElement | undefined, pointer: string): Json[] {
    if (!list) return [];
    return fields(list).map((e, i) => this.event(e, `${pointer}/${i}`));
  }

  /** The header: SBDH sender / receiver / instance identifier and master data. */
  header(header: XmlElement, document: Json): Json {
    const out: Json = {};
    const rest: XmlElement[] = [];
    for (const f of fields(header)) {
      if (f.ns === SBDH_NS) this.sbdh(f, document);
      else if (isStandard(f) && f.local === 'EPCISMasterData') {
        const list = fields(f).find((v) => v.local === 'VocabularyList');
        out.epcisMasterData = { vocabularyList: list ? this.vocabularyList(list) : [] };
      } else rest.push(f);
    }
    this.extensions(out, rest);
    return out;
  }

  private sbdh(sbdh: XmlElement, document: Json): void {
    const find = (e: XmlElement | undefined, local: string) => e?.children.find((c) => c.local === local);
    const sender = find(find(sbdh, 'Sender'), 'Identifier')?.text;
    const receiver = find(find(sbdh, 'Receiver'), 'Identifier')?.text;
    const instance = find(find(sbdh, 'DocumentIdentification'), 'InstanceIdentifier')?.text;
    if (sender) document.sender = sender;
    if (receiver) document.receiver = receiver;
    if (instance) document.instanceIdentifier = instance;
  }

  vocabularyList(list: XmlElement): Json[] {
    return fields(list).map((vocabulary) => {
      const type = vocabulary.attributes.find((a) => a.ns === '' && a.local === 'type')?.value ?? '';
      const elements = fields(vocabulary).find((e) => e.local === 'VocabularyElementList');
      return {
        type,
        vocabularyElementList: elements ? fields(elements).map((e) => this.vocabularyElement(e)) : [],
      };
    });
  }

  private vocabularyElement(element: XmlElement): Json {
    const out: Json = { id: element.attributes.find((a) => a.ns === '' && a.local === 'id')?.value ?? '' };
    const attributes: Json[] = [];
    let children: string[] | undefined;
    for (const f of fields(element)) {
      if (f.local === 'attribute') {
        const id = f.attributes.find((a) => a.ns === '' && a.local === 'id')?.value ?? '';
        const value: Json = {};
        if (f.children.length > 0) this.extensions(value, f.children);
        attributes.push({ id, attribute: f.children.length > 0 ? value : f.text });
      } else if (f.local === 'children') children = fields(f).map((c) => c.text);
    }
    if (attributes.length > 0) out.attributes = attributes;
    if (children) out.children = children;
    return out;
  }

  /** A `prefix:ignoreFields` element (names of properties the event hash leaves out) as a list of names. */
  documentExtensions(target: Json, elements: XmlElement[]): void {
    const plain: XmlElement[] = [];
    for (const e of elements) {
      if (e.local === 'ignoreFields' && e.children.length > 0) {
        target[nameOf(e, this.prefixes)] = e.children.map((c) => nameOf(c, this.prefixes));
      } else plain.push(e);
    }
    this.extensions(target, plain);
  }

  /** The @context: the EPCIS context, with the document's extension prefixes when it has any. */
  context(): unknown {
    const added = this.prefixes.context();
    return Object.keys(added).length > 0 ? [epcisContext, added] : epcisContext;
  }

  throwIssues(): void {
    if (this.issues.length > 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `The XML document has ${this.issues.length} error(s); nothing was stored`,
        this.issues,
      );
    }
  }
}

export { fields, isStandard };
