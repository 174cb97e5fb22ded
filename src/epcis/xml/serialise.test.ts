import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stableJson } from '../capture/store.js';
import { canonicalForm, queryDocument } from '../format/event.js';
import { xmlEventHashes, xmlToDocument } from './index.js';
import { eventToXml, prefersXml, queryDocumentToXml } from './serialise.js';

type Json = Record<string, unknown>;

const shared = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/epcis');
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
const eventsOf = (document: Json): Json[] => {
  const body = document.epcisBody as Json;
  return (body.eventList ?? ((body.queryResults as Json).resultsBody as Json).eventList) as Json[];
};
const meaning = (event: Json): string => {
  const { eventID: _id, ...rest } = canonicalForm(event);
  return stableJson(rest);
};

describe('JSON-LD -> XML -> JSON-LD keeps every event (GS1 XML examples and hash vectors)', () => {
  const files = [
    ...walk(path.join(shared, 'examples', 'xml')),
    ...walk(path.join(shared, 'hash-vectors', 'examples')),
  ].filter(
    (f) => f.endsWith('.xml') && !/EPCISCaptureJob|EPCISMasterDataDocument/.test(readFileSync(f, 'utf8')),
  );
  it('finds the documents', () => expect(files.length).toBeGreaterThan(40));
  for (const file of files) {
    it(path.relative(shared, file), () => {
      const first = xmlToDocument(readFileSync(file, 'utf8'));
      const events = eventsOf(first).map((e) => ({ ...e, '@context': first['@context'] }));
      const xml = queryDocumentToXml(queryDocument('SimpleEventQuery', events));
      const second = xmlToDocument(xml);
      expect(eventsOf(second).map(meaning)).toEqual(eventsOf(first).map(meaning));
      // a document-level ignoreFields list (hash input, not event content) is not part of query results
      if (!Object.keys(first).some((k) => k.endsWith(':ignoreFields'))) {
        expect(xmlEventHashes(second)).toEqual(xmlEventHashes(first));
      }
    });
  }
});

describe('XML output', () => {
  it('writes standard fields in XSD order, CBV terms as URNs and extensions with their namespaces', () => {
    const xml = eventToXml(
      {
        '@context': [
          'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
          { ex: 'https://ex.example.com/' },
        ],
        type: 'ObjectEvent',
        action: 'OBSERVE',
        bizStep: 'shipping',
        epcList: ['urn:epc:id:sgtin:0614141.107346.1'],
        eventTime: '2026-06-01T08:00:00Z',
        eventTimeZoneOffset: '+00:00',
        'ex:note': 'a < b & "c"\u0001',
        sensorElementList: [{ sensorReport: [{ type: 'Temperature', value: 4.5, booleanValue: true }] }],
      },
      undefined,
    );
    expect(xml).toBe(
      '<ObjectEvent xmlns:ex="https://ex.example.com/"><eventTime>2026-06-01T08:00:00Z</eventTime>' +
        '<eventTimeZoneOffset>+00:00</eventTimeZoneOffset><epcList><epc>urn:epc:id:sgtin:0614141.107346.1</epc></epcList>' +
        '<action>OBSERVE</action><bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>' +
        '<sensorElementList><sensorElement><sensorReport type="https://gs1.org/voc/Temperature" value="4.5" booleanValue="true"/>' +
        '</sensorElement></sensorElementList><ex:note>a &lt; b &amp; &quot;c&quot;\uFFFD</ex:note></ObjectEvent>',
    );
  });

  it('negotiates XML only when the client prefers it', () => {
    expect(prefersXml('application/xml')).toBe(true);
    expect(prefersXml('text/xml;q=0.9, application/json;q=0.5')).toBe(true);
    expect(prefersXml('application/json, application/xml')).toBe(false);
    expect(prefersXml('application/ld+json;q=1, application/xml;q=0.8')).toBe(false);
    expect(prefersXml('*/*')).toBe(false);
    expect(prefersXml(undefined)).toBe(false);
  });
});
