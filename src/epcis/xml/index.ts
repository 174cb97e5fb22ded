/**
 * The EPCIS 2.0 XML binding for capture: XML documents and events as the JSON-LD a JSON client sends.
 * See convert.ts for the mapping and parse.ts for what is refused before any conversion.
 */
import { DomainError } from '../../http/errors.js';
import { EVENT_TYPES, fields, isStandard, prepareValues, XmlToJson } from './convert.js';
import { assignXmlHashes } from './hash.js';
import { defaultParseLimits, type ParseLimits, parseXml, type XmlElement } from './parse.js';

export { xmlEventHashes } from './hash.js';
export type { ParseLimits } from './parse.js';
export { defaultParseLimits } from './parse.js';

type Json = Record<string, unknown>;

const child = (element: XmlElement | undefined, local: string): XmlElement | undefined =>
  element ? fields(element).find((c) => isStandard(c) && c.local === local) : undefined;

const attribute = (element: XmlElement, local: string): string | undefined =>
  element.attributes.find((a) => a.ns === '' && a.local === local)?.value;

function notCapturable(root: XmlElement): DomainError {
  const name = root.prefix ? `${root.prefix}:${root.local}` : root.local;
  return new DomainError(
    'VALIDATION_FAILED',
    `<${name}> is not a capture document: POST an EPCISDocument or EPCISQueryDocument`,
    [
      {
        pointer: '',
        message: `root element ${name} (${root.ns || 'no namespace'}) is not EPCISDocument or EPCISQueryDocument`,
      },
    ],
  );
}

function documentOf(root: XmlElement, converter: XmlToJson): Json {
  const isQuery = root.local === 'EPCISQueryDocument';
  if (!isStandard(root) || (root.local !== 'EPCISDocument' && !isQuery)) throw notCapturable(root);
  const out: Json = { '@context': undefined, type: root.local };
  const schemaVersion = attribute(root, 'schemaVersion');
  const creationDate = attribute(root, 'creationDate');
  if (schemaVersion !== undefined) out.schemaVersion = schemaVersion;
  if (creationDate !== undefined) out.creationDate = creationDate;
  const header = child(root, 'EPCISHeader');
  if (header) {
    const converted = converter.header(header, out);
    if (Object.keys(converted).length > 0) out.epcisHeader = converted;
  }
  // some query documents in the wild leave out EPCISBody / QueryResults: read through them
  const body = child(root, 'EPCISBody') ?? (isQuery ? root : undefined);
  const epcisBody: Json = {};
  if (isQuery) {
    const results = child(body, 'QueryResults') ?? body;
    const queryResults: Json = {};
    for (const name of ['queryName', 'subscriptionID']) {
      const value = child(results, name);
      if (value) queryResults[name] = value.text;
    }
    const resultsBody = child(results, 'resultsBody');
    const pointer = '/epcisBody/queryResults/resultsBody/eventList';
    const bodyOut: Json = { eventList: converter.eventList(child(resultsBody, 'EventList'), pointer) };
    const vocabularies = child(resultsBody, 'VocabularyList');
    if (vocabularies) bodyOut.vocabularyList = converter.vocabularyList(vocabularies);
    queryResults.resultsBody = bodyOut;
    if (results && results !== root) {
      converter.documentExtensions(
        queryResults,
        fields(results).filter((e) => !isStandard(e)),
      );
    }
    epcisBody.queryResults = queryResults;
  } else {
    epcisBody.eventList = converter.eventList(child(body, 'EventList'), '/epcisBody/eventList');
  }
  if (body && body !== root)
    converter.documentExtensions(
      epcisBody,
      fields(body).filter((e) => !isStandard(e)),
    );
  out.epcisBody = epcisBody;
  converter.documentExtensions(
    out,
    fields(root).filter((e) => !isStandard(e)),
  );
  out['@context'] = converter.context();
  return out;
}

/**
 * An EPCIS XML document (EPCISDocument or EPCISQueryDocument, EPCIS 2.0 or 1.x) as an EPCIS 2.0
 * JSON-LD document. Throws DomainError: MALFORMED_XML, PAYLOAD_TOO_LARGE or VALIDATION_FAILED.
 */
export function xmlToDocument(xml: string, limits: ParseLimits = defaultParseLimits): Json {
  const root = parseXml(xml, limits);
  const converter = new XmlToJson(prepareValues(root));
  const document = documentOf(root, converter);
  converter.throwIssues();
  assignXmlHashes(document);
  return document;
}

/**
 * One event for POST /events: a bare event element (`<ObjectEvent xmlns:ext="…">`) or an EPCISDocument
 * holding exactly one event, as a JSON-LD event with its own @context.
 */
export function xmlToEvent(xml: string, limits: ParseLimits = defaultParseLimits): Json {
  const root = parseXml(xml, limits);
  const converter = new XmlToJson(prepareValues(root));
  if (isStandard(root) && EVENT_TYPES.has(root.local)) {
    const event = converter.event(root, '');
    converter.throwIssues();
    const context = converter.context();
    assignXmlHashes({ '@context': context, epcisBody: { eventList: [event] } });
    return { '@context': context, ...event };
  }
  const document = documentOf(root, converter);
  converter.throwIssues();
  assignXmlHashes(document);
  const body = document.epcisBody as Json;
  const events = (body.eventList ?? ((body.queryResults as Json)?.resultsBody as Json)?.eventList) as Json[];
  if (events.length !== 1) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `POST /events takes one event; the document holds ${events.length}`,
      [{ pointer: '/epcisBody/eventList', message: `expected 1 event, found ${events.length}` }],
    );
  }
  return { '@context': document['@context'], ...(events[0] as Json) };
}
