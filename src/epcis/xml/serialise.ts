/**
 * EPCIS 2.0 JSON-LD query results -> the EPCIS 2.0 XML binding (for `Accept: application/xml`).
 *
 * Standard fields in the XSD's order, CBV terms in URN form (`urn:epcglobal:cbv:bizstep:shipping`),
 * GS1 measurement types as Web URIs, sensor metadata and reports as attributes. User extensions become
 * namespaced elements with the namespaces of the event's @context (declared on the event element);
 * an extension object becomes child elements (JSON cannot say which were attributes), an array
 * repeated elements, `#text` the element text. A prefix no @context defines is declared as
 * `urn:suyuan:undeclared-prefix:<prefix>` rather than dropped.
 */
import { cbvUrn, type Vocabulary } from '../cbv.js';
import { EPCIS_PREFIXES } from '../hash/vocabulary.js';
import { measurementTypes } from '../validation/index.js';

type Json = Record<string, unknown>;

const QUERY_NS = 'urn:epcglobal:epcis-query:xsd:2';
const GS1_VOC = 'https://gs1.org/voc/';

const HEAD = [
  'eventTime',
  'recordTime',
  'eventTimeZoneOffset',
  'certificationInfo',
  'eventID',
  'errorDeclaration',
];
const WHERE = ['action', 'bizStep', 'disposition', 'readPoint', 'bizLocation'];
const TAIL = ['sourceList', 'destinationList', 'sensorElementList', 'persistentDisposition'];

/** Field order of each event type (the XSD sequence, as in the GS1 examples). */
const ORDER: Record<string, string[]> = {
  ObjectEvent: [...HEAD, 'epcList', ...WHERE, 'bizTransactionList', 'quantityList', ...TAIL, 'ilmd'],
  AggregationEvent: [
    ...HEAD,
    'parentID',
    'childEPCs',
    ...WHERE,
    'bizTransactionList',
    'childQuantityList',
    ...TAIL,
  ],
  TransactionEvent: [...HEAD, 'bizTransactionList', 'parentID', 'epcList', ...WHERE, 'quantityList', ...TAIL],
  TransformationEvent: [
    ...HEAD,
    'inputEPCList',
    'inputQuantityList',
    'outputEPCList',
    'outputQuantityList',
    'transformationID',
    ...WHERE.slice(1),
    'bizTransactionList',
    ...TAIL,
    'ilmd',
  ],
  AssociationEvent: [
    ...HEAD,
    'parentID',
    'childEPCs',
    'childQuantityList',
    ...WHERE,
    'bizTransactionList',
    ...TAIL,
  ],
};

const EPC_LISTS = new Set(['epcList', 'childEPCs', 'inputEPCList', 'outputEPCList']);
const QUANTITY_LISTS = new Set([
  'quantityList',
  'childQuantityList',
  'inputQuantityList',
  'outputQuantityList',
]);
const MEASUREMENTS = new Set(measurementTypes);

/** Characters XML 1.0 can hold; others (control characters, lone surrogates) are replaced. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const escapeXml = (value: string): string =>
  value
    .replace(NOT_XML, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

const text = (value: unknown): string =>
  escapeXml(
    typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value),
  );

/** A JSON name as an XML name: characters XML names cannot hold become `_`. */
const xmlName = (name: string): string => {
  const safe = name.replace(/[^\p{L}\p{N}_.:-]/gu, '_');
  return /^[\p{L}_]/u.test(safe) ? safe : `_${safe}`;
};

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** Prefix -> namespace of an event's @context (string entries of its objects). */
function namespacesOf(context: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of asArray(context)) {
    if (!isObject(c)) continue;
    for (const [k, v] of Object.entries(c)) if (typeof v === 'string' && !k.startsWith('@')) out.set(k, v);
  }
  return out;
}

class Writer {
  /** prefixes used by the event, with their namespaces */
  readonly used = new Map<string, string>();
  constructor(private readonly known: Map<string, string>) {}

  private name(key: string): string {
    const i = key.indexOf(':');
    if (i > 0) {
      const prefix = xmlName(key.slice(0, i)).replaceAll(':', '_');
      const ns =
        this.known.get(key.slice(0, i)) ?? EPCIS_PREFIXES[prefix] ?? `urn:suyuan:undeclared-prefix:${prefix}`;
      this.used.set(prefix, ns);
      return `${prefix}:${xmlName(key.slice(i + 1)).replaceAll(':', '_')}`;
    }
    return xmlName(key).replaceAll(':', '_');
  }

  /** An extension value as elements named `key`. */
  extension(key: string, value: unknown): string {
    if (value === null || value === undefined) return '';
    if (Array.isArray(value)) return value.map((v) => this.extension(key, v)).join('');
    const name = this.name(key);
    if (!isObject(value)) return `<${name}>${text(value)}</${name}>`;
    const inner = Object.entries(value)
      .map(([k, v]) => (k === '#text' ? text(v) : this.extension(k, v)))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }

  extensions(object: Json, skip: ReadonlySet<string>): string {
    return Object.entries(object)
      .filter(([k]) => !skip.has(k) && k.includes(':') && !k.startsWith('@'))
      .map(([k, v]) => this.extension(k, v))
      .join('');
  }

  attributes(object: Json, convert: (key: string, value: unknown) => string): string {
    return Object.entries(object)
      .filter(([, v]) => v !== null && v !== undefined && !isObject(v) && !Array.isArray(v))
      .map(([k, v]) => ` ${k.includes(':') ? this.name(k) : xmlName(k)}="${escapeXml(convert(k, v))}"`)
      .join('');
  }
}

const cbv = (vocabulary: Vocabulary, value: unknown): string =>
  typeof value === 'string' ? cbvUrn(vocabulary, value) : String(value);

function sensorValue(key: string, value: unknown): string {
  if (typeof value !== 'string') return String(value);
  if (key === 'type' && MEASUREMENTS.has(value)) return GS1_VOC + value;
  if (key === 'exception' && (value === 'ALARM_CONDITION' || value === 'ERROR_CONDITION'))
    return GS1_VOC + value;
  if (key === 'component') return cbvUrn('component', value);
  return value;
}

function field(w: Writer, name: string, value: unknown): string {
  const el = (content: string) => `<${name}>${content}</${name}>`;
  if (EPC_LISTS.has(name))
    return el(
      asArray(value)
        .map((e) => `<epc>${text(e)}</epc>`)
        .join(''),
    );
  if (QUANTITY_LISTS.has(name)) {
    return el(
      asArray(value)
        .filter(isObject)
        .map((q) => {
          const parts = ['epcClass', 'quantity', 'uom']
            .filter((k) => q[k] !== undefined)
            .map((k) => `<${k}>${text(q[k])}</${k}>`);
          return `<quantityElement>${parts.join('')}${w.extensions(q, new Set())}</quantityElement>`;
        })
        .join(''),
    );
  }
  if (name === 'bizStep') return el(escapeXml(cbv('bizStep', value)));
  if (name === 'disposition') return el(escapeXml(cbv('disposition', value)));
  if (name === 'readPoint' || name === 'bizLocation') {
    const place = isObject(value) ? value : {};
    return el(`<id>${text(place.id)}</id>${w.extensions(place, new Set())}`);
  }
  if (name === 'bizTransactionList' || name === 'sourceList' || name === 'destinationList') {
    const entry = name.slice(0, -4);
    const vocabulary: Vocabulary = name === 'bizTransactionList' ? 'bizTransactionType' : 'sourceDestType';
    return el(
      asArray(value)
        .filter(isObject)
        .map((b) => {
          const type = b.type === undefined ? '' : ` type="${escapeXml(cbv(vocabulary, b.type))}"`;
          return `<${entry}${type}>${text(b[entry])}</${entry}>`;
        })
        .join(''),
    );
  }
  if (name === 'persistentDisposition') {
    const p = isObject(value) ? value : {};
    const items = (key: string) =>
      asArray(p[key])
        .map((d) => `<${key}>${escapeXml(cbv('disposition', d))}</${key}>`)
        .join('');
    return el(items('set') + items('unset'));
  }
  if (name === 'errorDeclaration') {
    const d = isObject(value) ? value : {};
    const ids = asArray(d.correctiveEventIDs);
    return el(
      (d.declarationTime === undefined
        ? ''
        : `<declarationTime>${text(d.declarationTime)}</declarationTime>`) +
        (d.reason === undefined ? '' : `<reason>${escapeXml(cbv('errorReason', d.reason))}</reason>`) +
        (ids.length > 0
          ? `<correctiveEventIDs>${ids.map((i) => `<correctiveEventID>${text(i)}</correctiveEventID>`).join('')}</correctiveEventIDs>`
          : '') +
        w.extensions(d, new Set()),
    );
  }
  if (name === 'sensorElementList') {
    return el(
      asArray(value)
        .filter(isObject)
        .map((s) => {
          const metadata = isObject(s.sensorMetadata)
            ? `<sensorMetadata${w.attributes(s.sensorMetadata, (_k, v) => String(v))}/>`
            : '';
          const reports = asArray(s.sensorReport)
            .filter(isObject)
            .map((r) => `<sensorReport${w.attributes(r, sensorValue)}/>`)
            .join('');
          return `<sensorElement>${metadata}${reports}${w.extensions(s, new Set())}</sensorElement>`;
        })
        .join(''),
    );
  }
  if (name === 'ilmd') return el(isObject(value) ? w.extensions(value, new Set()) : '');
  if (name === 'certificationInfo')
    return asArray(value)
      .map((c) => el(text(c)))
      .join('');
  return el(text(value));
}

/** One event as an XML element, with xmlns declarations for the extension prefixes it uses. */
export function eventToXml(event: Json, context?: unknown): string {
  const type = typeof event.type === 'string' && ORDER[event.type] ? event.type : 'ObjectEvent';
  const order = ORDER[type] as string[];
  const known = namespacesOf([...asArray(context), ...asArray(event['@context'])]);
  const w = new Writer(known);
  const standard = order
    .filter((name) => event[name] !== undefined && event[name] !== null)
    .map((name) => field(w, name, event[name]))
    .join('');
  const extensions = w.extensions(event, new Set(order));
  const xmlns = [...w.used].map(([p, ns]) => ` xmlns:${p}="${escapeXml(ns)}"`).join('');
  return `<${type}${xmlns}>${standard}${extensions}</${type}>`;
}

/** An EPCISQueryDocument (JSON-LD) as EPCIS 2.0 XML. */
export function queryDocumentToXml(document: Json): string {
  const results = ((document.epcisBody as Json | undefined)?.queryResults ?? {}) as Json;
  const body = (results.resultsBody ?? {}) as Json;
  const events = asArray(body.eventList)
    .filter(isObject)
    .map((e) => eventToXml(e, document['@context']));
  const subscription =
    results.subscriptionID === undefined
      ? ''
      : `<subscriptionID>${text(results.subscriptionID)}</subscriptionID>`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<epcisq:EPCISQueryDocument xmlns:epcisq="${QUERY_NS}" schemaVersion="${text(document.schemaVersion ?? '2.0')}" creationDate="${text(document.creationDate ?? new Date().toISOString())}">` +
    `<EPCISBody><epcisq:QueryResults><queryName>${text(results.queryName ?? '')}</queryName>${subscription}` +
    `<resultsBody><EventList>${events.join('')}</EventList></resultsBody></epcisq:QueryResults></EPCISBody>` +
    '</epcisq:EPCISQueryDocument>\n'
  );
}

/** Whether the Accept header prefers XML over JSON (the first of them by q, then by position). */
export function prefersXml(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranked = accept
    .split(',')
    .map((part, index) => {
      const [type = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { type: type.trim(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const first = ranked.find((r) =>
    [
      'application/xml',
      'text/xml',
      'application/json',
      'application/ld+json',
      '*/*',
      'application/*',
    ].includes(r.type),
  );
  return first?.type === 'application/xml' || first?.type === 'text/xml';
}
