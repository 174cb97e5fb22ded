import { describe, expect, it } from 'vitest';
import { DomainError } from '../../http/errors.js';
import { epcisContext } from '../format/event.js';
import { documentEventHashes } from '../hash/index.js';
import { validateDocument } from '../validation/index.js';
import { xmlToDocument, xmlToEvent } from './index.js';

type Json = Record<string, unknown>;

const doc = (events: string, declarations = '', ns = 'urn:epcglobal:epcis:xsd:2'): string =>
  `<?xml version="1.0" encoding="UTF-8"?>
<epcis:EPCISDocument xmlns:epcis="${ns}" ${declarations} schemaVersion="2.0" creationDate="2026-06-01T08:00:00Z">
  <EPCISBody><EventList>${events}</EventList></EPCISBody>
</epcis:EPCISDocument>`;

const eventsOf = (document: Json): Json[] => (document.epcisBody as { eventList: Json[] }).eventList;
const only = (xml: string): Json => eventsOf(xmlToDocument(xml))[0] as Json;

function domainError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('XML -> JSON-LD: document', () => {
  it('keeps schemaVersion and creationDate and uses the EPCIS context when there are no extensions', () => {
    const document = xmlToDocument(doc(''));
    expect(document).toEqual({
      '@context': epcisContext,
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: '2026-06-01T08:00:00Z',
      epcisBody: { eventList: [] },
    });
  });

  it('converts every standard field of an ObjectEvent', () => {
    const event = only(
      doc(`<ObjectEvent>
        <eventTime>2026-06-01T08:00:00.000+08:00</eventTime>
        <recordTime>2026-06-01T08:00:05Z</recordTime>
        <eventTimeZoneOffset>+08:00</eventTimeZoneOffset>
        <eventID>urn:uuid:1c2a5d3e-0f5e-4a57-9a3c-2f0b8c1d9e01</eventID>
        <certificationInfo>https://cert.example.org/1</certificationInfo>
        <errorDeclaration>
          <declarationTime>2026-06-02T00:00:00Z</declarationTime>
          <reason>urn:epcglobal:cbv:er:incorrect_data</reason>
          <correctiveEventIDs>
            <correctiveEventID>urn:uuid:aaaaaaaa-0000-4000-8000-000000000001</correctiveEventID>
            <correctiveEventID>urn:uuid:aaaaaaaa-0000-4000-8000-000000000002</correctiveEventID>
          </correctiveEventIDs>
        </errorDeclaration>
        <epcList><epc>urn:epc:id:sgtin:0614141.107346.2017</epc><epc>urn:epc:id:sgtin:0614141.107346.2018</epc></epcList>
        <action>OBSERVE</action>
        <bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>
        <disposition>urn:epcglobal:cbv:disp:in_transit</disposition>
        <persistentDisposition><set>completeness_verified</set><unset>completeness_inferred</unset></persistentDisposition>
        <readPoint><id>urn:epc:id:sgln:0614141.07346.1234</id></readPoint>
        <bizLocation><id>urn:epc:id:sgln:0614141.07346.0</id></bizLocation>
        <bizTransactionList>
          <bizTransaction type="urn:epcglobal:cbv:btt:po">urn:epc:id:gdti:0614141.00001.1618034</bizTransaction>
          <bizTransaction>https://po.example.com/7</bizTransaction>
        </bizTransactionList>
        <quantityList><quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.998877</epcClass><quantity>200.5</quantity><uom>KGM</uom></quantityElement></quantityList>
        <sourceList><source type="urn:epcglobal:cbv:sdt:owning_party">urn:epc:id:pgln:4012345.00225</source></sourceList>
        <destinationList><destination type="location">urn:epc:id:sgln:0614141.00777.0</destination></destinationList>
      </ObjectEvent>`),
    );
    expect(event).toEqual({
      type: 'ObjectEvent',
      eventTime: '2026-06-01T08:00:00.000+08:00',
      recordTime: '2026-06-01T08:00:05Z',
      eventTimeZoneOffset: '+08:00',
      eventID: 'urn:uuid:1c2a5d3e-0f5e-4a57-9a3c-2f0b8c1d9e01',
      certificationInfo: 'https://cert.example.org/1',
      errorDeclaration: {
        declarationTime: '2026-06-02T00:00:00Z',
        reason: 'urn:epcglobal:cbv:er:incorrect_data',
        correctiveEventIDs: [
          'urn:uuid:aaaaaaaa-0000-4000-8000-000000000001',
          'urn:uuid:aaaaaaaa-0000-4000-8000-000000000002',
        ],
      },
      epcList: ['urn:epc:id:sgtin:0614141.107346.2017', 'urn:epc:id:sgtin:0614141.107346.2018'],
      action: 'OBSERVE',
      bizStep: 'urn:epcglobal:cbv:bizstep:shipping',
      disposition: 'urn:epcglobal:cbv:disp:in_transit',
      persistentDisposition: { set: ['completeness_verified'], unset: ['completeness_inferred'] },
      readPoint: { id: 'urn:epc:id:sgln:0614141.07346.1234' },
      bizLocation: { id: 'urn:epc:id:sgln:0614141.07346.0' },
      bizTransactionList: [
        { type: 'urn:epcglobal:cbv:btt:po', bizTransaction: 'urn:epc:id:gdti:0614141.00001.1618034' },
        { bizTransaction: 'https://po.example.com/7' },
      ],
      quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 200.5, uom: 'KGM' }],
      sourceList: [{ type: 'urn:epcglobal:cbv:sdt:owning_party', source: 'urn:epc:id:pgln:4012345.00225' }],
      destinationList: [{ type: 'location', destination: 'urn:epc:id:sgln:0614141.00777.0' }],
    });
  });

  it('converts AggregationEvent, TransactionEvent, TransformationEvent and AssociationEvent fields', () => {
    const events = eventsOf(
      xmlToDocument(
        doc(
          `<AggregationEvent><eventTime>2026-06-01T08:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
            <parentID>urn:epc:id:sscc:0614141.1234567890</parentID>
            <childEPCs><epc>urn:epc:id:sgtin:0614141.107346.1</epc></childEPCs>
            <action>ADD</action>
            <childQuantityList><quantityElement><epcClass>urn:epc:idpat:sgtin:4012345.098765.*</epcClass><quantity>10</quantity></quantityElement></childQuantityList>
          </AggregationEvent>
          <TransactionEvent><eventTime>2026-06-01T08:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
            <bizTransactionList><bizTransaction type="po">urn:epc:id:gdti:0614141.00001.1</bizTransaction></bizTransactionList>
            <parentID>urn:epc:id:sscc:0614141.1234567890</parentID>
            <epcList><epc>urn:epc:id:sgtin:0614141.107346.1</epc></epcList>
            <action>ADD</action>
          </TransactionEvent>
          <TransformationEvent><eventTime>2026-06-01T08:00:00Z</eventTimeZoneOffset><eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
            <inputEPCList><epc>urn:epc:id:sgtin:4012345.011122.25</epc></inputEPCList>
            <inputQuantityList><quantityElement><epcClass>urn:epc:class:lgtin:4012345.011111.4444</epcClass><quantity>10</quantity><uom>KGM</uom></quantityElement></inputQuantityList>
            <outputEPCList><epc>urn:epc:id:sgtin:4012345.077889.25</epc></outputEPCList>
            <outputQuantityList><quantityElement><epcClass>urn:epc:class:lgtin:4012345.011111.5555</epcClass><quantity>1E1</quantity></quantityElement></outputQuantityList>
            <transformationID>urn:epc:id:gdti:0614141.12345.400</transformationID>
            <ilmd><ex:batch>42</ex:batch></ilmd>
          </TransformationEvent>
          <AssociationEvent><eventTime>2026-06-01T08:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
            <parentID>urn:epc:id:grai:4012345.55555.987</parentID>
            <childEPCs><epc>urn:epc:id:giai:4000001.12345</epc></childEPCs>
            <action>ADD</action>
          </AssociationEvent>`.replace(
            '</eventTimeZoneOffset><eventTimeZoneOffset>',
            '</eventTime><eventTimeZoneOffset>',
          ),
          'xmlns:ex="https://ex.example.com/"',
        ),
      ),
    );
    expect(events.map((e) => e.type)).toEqual([
      'AggregationEvent',
      'TransactionEvent',
      'TransformationEvent',
      'AssociationEvent',
    ]);
    expect(events[0]).toMatchObject({
      parentID: 'urn:epc:id:sscc:0614141.1234567890',
      childEPCs: ['urn:epc:id:sgtin:0614141.107346.1'],
      childQuantityList: [{ epcClass: 'urn:epc:idpat:sgtin:4012345.098765.*', quantity: 10 }],
    });
    expect(events[1]).toMatchObject({
      bizTransactionList: [{ type: 'po', bizTransaction: 'urn:epc:id:gdti:0614141.00001.1' }],
      epcList: ['urn:epc:id:sgtin:0614141.107346.1'],
    });
    expect(events[2]).toEqual({
      type: 'TransformationEvent',
      eventTime: '2026-06-01T08:00:00Z',
      eventTimeZoneOffset: '+00:00',
      inputEPCList: ['urn:epc:id:sgtin:4012345.011122.25'],
      inputQuantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.011111.4444', quantity: 10, uom: 'KGM' }],
      outputEPCList: ['urn:epc:id:sgtin:4012345.077889.25'],
      outputQuantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.011111.5555', quantity: 10 }],
      transformationID: 'urn:epc:id:gdti:0614141.12345.400',
      ilmd: { 'ex:batch': '42' },
    });
    expect(events[3]).toMatchObject({ parentID: 'urn:epc:id:grai:4012345.55555.987', action: 'ADD' });
  });

  it('reads sensor elements: metadata and report attributes, numbers as numbers, booleans as booleans', () => {
    const event = only(
      doc(
        `<ObjectEvent><eventTime>2026-06-01T08:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset><action>OBSERVE</action>
          <sensorElementList><sensorElement>
            <sensorMetadata time="2026-06-01T07:59:00Z" deviceID="urn:epc:id:giai:4000001.111" ext:note="calibrated"/>
            <sensorReport type="gs1:Temperature" value="26.0" uom="CEL" minValue="-1.5" sDev="0.1" percRank="50" component="cbv:Comp-x"/>
            <sensorReport exception="gs1:ALARM_CONDITION" booleanValue="true"/>
            <sensorReport type="https://gs1.org/voc/MT-Old" stringValue="s" hexBinaryValue="f0f0" booleanValue="0" ext:raw="7"/>
            <ext:batteryLevel>98</ext:batteryLevel>
          </sensorElement></sensorElementList>
        </ObjectEvent>`,
        'xmlns:ext="urn:example:ext"',
      ),
    );
    expect(event.sensorElementList).toEqual([
      {
        sensorMetadata: {
          time: '2026-06-01T07:59:00Z',
          deviceID: 'urn:epc:id:giai:4000001.111',
          'ext:note': 'calibrated',
        },
        sensorReport: [
          {
            type: 'Temperature',
            value: 26,
            uom: 'CEL',
            minValue: -1.5,
            sDev: 0.1,
            percRank: 50,
            component: 'https://ref.gs1.org/cbv/Comp-x',
          },
          { exception: 'ALARM_CONDITION', booleanValue: true },
          {
            type: 'https://gs1.org/voc/MT-Old',
            stringValue: 's',
            hexBinaryValue: 'f0f0',
            booleanValue: false,
            'ext:raw': '7',
          },
        ],
        'ext:batteryLevel': '98',
      },
    ]);
  });

  it('leaves a number that is not a decimal as text, so the validation refuses it at its pointer', () => {
    const document = xmlToDocument(
      doc(`<ObjectEvent><eventTime>2026-06-01T08:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset><action>OBSERVE</action>
        <quantityList><quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.1</epcClass><quantity>ten</quantity></quantityElement></quantityList>
      </ObjectEvent>`),
    );
    expect(validateDocument(document)).toContainEqual(
      expect.objectContaining({ pointer: '/epcisBody/eventList/0/quantityList/0/quantity' }),
    );
  });

  it('refuses a repeated standard field at its pointer', () => {
    const error = domainError(() =>
      xmlToDocument(
        doc(`<ObjectEvent><eventTime>2026-06-01T08:00:00Z</eventTime></ObjectEvent>
          <ObjectEvent><action>ADD</action><action>DELETE</action></ObjectEvent>`),
      ),
    );
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.errors).toEqual([
      { pointer: '/epcisBody/eventList/1/action', message: '<action> appears more than once' },
    ]);
  });
});

describe('XML -> JSON-LD: user extensions', () => {
  const event = (body: string, declarations: string) =>
    xmlToDocument(
      doc(
        `<ObjectEvent><eventTime>2026-06-01T08:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset><action>OBSERVE</action>${body}</ObjectEvent>`,
        declarations,
      ),
    );

  it('names extensions prefix:localName through the document declarations, with nested objects and arrays', () => {
    const document = event(
      `<epcList><epc>urn:epc:id:sgtin:0614141.107346.1</epc></epcList>
       <readPoint><id>urn:epc:id:sgln:0614141.07346.1</id><my_ns.v-2:dock>7</my_ns.v-2:dock></readPoint>
       <my_ns.v-2:temperature unit="CEL" xsi:type="xsd:decimal">4.5</my_ns.v-2:temperature>
       <my_ns.v-2:tag>a</my_ns.v-2:tag><my_ns.v-2:tag>b</my_ns.v-2:tag>
       <my_ns.v-2:carrier><name>顺丰 &amp; Co</name><other:code><![CDATA[<A&B>]]></other:code><other:empty/></my_ns.v-2:carrier>
       <my_ns.v-2:nil xsi:nil="true"/>`,
      'xmlns:my_ns.v-2="https://ext.example.com/v2#" xmlns:other="urn:other" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    );
    const e = eventsOf(document)[0] as Json;
    expect(document['@context']).toEqual([
      epcisContext,
      { 'my_ns.v-2': 'https://ext.example.com/v2#', other: 'urn:other' },
    ]);
    expect(e.readPoint).toEqual({ id: 'urn:epc:id:sgln:0614141.07346.1', 'my_ns.v-2:dock': '7' });
    expect(e['my_ns.v-2:temperature']).toEqual({ unit: 'CEL', '#text': '4.5' });
    expect(e['my_ns.v-2:tag']).toEqual(['a', 'b']);
    expect(e['my_ns.v-2:carrier']).toEqual({ name: '顺丰 & Co', 'other:code': '<A&B>', 'other:empty': '' });
    expect(e).not.toHaveProperty('my_ns.v-2:nil');
    expect(validateDocument(document)).toEqual([]);
  });

  it('never assumes a prefix: default namespaces, rebound prefixes and context prefixes get their own names', () => {
    const document = event(
      `<data xmlns="https://default.example.com/"><inner>1</inner></data>
       <gs1:thing>x</gs1:thing>
       <a:outer><a:inner xmlns:a="https://second.example.com/">2</a:inner></a:outer>
       <cbvmda:lotNumber>L1</cbvmda:lotNumber>`,
      'xmlns:gs1="https://not-gs1.example.com/" xmlns:a="https://first.example.com/" xmlns:cbvmda="urn:epcglobal:cbv:mda"',
    );
    const e = eventsOf(document)[0] as Json;
    expect(document['@context']).toEqual([
      epcisContext,
      {
        ns: 'https://default.example.com/',
        gs12: 'https://not-gs1.example.com/',
        a: 'https://first.example.com/',
        a2: 'https://second.example.com/',
        cbvmda2: 'urn:epcglobal:cbv:mda',
      },
    ]);
    expect(e['ns:data']).toEqual({ 'ns:inner': '1' });
    expect(e['gs12:thing']).toBe('x');
    expect(e['a:outer']).toEqual({ 'a2:inner': '2' });
    expect(e['cbvmda2:lotNumber']).toBe('L1');
  });

  it('does not define a prefix that a value uses as its URI scheme (JSON-LD would expand the value)', () => {
    const document = event(
      `<sensorElementList><sensorElement><sensorReport type="example:x" value="1"/></sensorElement></sensorElementList>
       <example:note>n</example:note>`,
      'xmlns:example="https://ns.example.com/"',
    );
    const e = eventsOf(document)[0] as Json;
    expect(document['@context']).toEqual([epcisContext, { example2: 'https://ns.example.com/' }]);
    expect(e['example2:note']).toBe('n');
    expect((e.sensorElementList as Json[])[0]).toEqual({ sensorReport: [{ type: 'example:x', value: 1 }] });
  });

  it('reads a document-level ignoreFields list as the names the event hash leaves out', () => {
    const document = xmlToDocument(
      `<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:r="https://r.example.com/" xmlns:x="https://x.example.com/" schemaVersion="2.0" creationDate="2026-06-01T08:00:00Z">
        <r:ignoreFields><x:a/><x:b/></r:ignoreFields>
        <EPCISBody><EventList/></EPCISBody></epcis:EPCISDocument>`,
    );
    expect(document['r:ignoreFields']).toEqual(['x:a', 'x:b']);
  });
});

describe('XML -> JSON-LD: EPCIS 1.2, query documents, headers, single events', () => {
  it('reads an EPCIS 1.2 document: <extension> and <baseExtension> wrappers, TransformationEvent in the list', () => {
    const document = xmlToDocument(
      doc(
        `<ObjectEvent><eventTime>2019-10-21T12:58:56.000Z</eventTime><eventTimeZoneOffset>+02:00</eventTimeZoneOffset>
          <baseExtension><eventID>urn:uuid:11111111-2222-4333-8444-555555555555</eventID>
            <errorDeclaration><declarationTime>2020-01-01T00:00:00Z</declarationTime></errorDeclaration></baseExtension>
          <epcList/><action>ADD</action><bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>
          <extension><quantityList><quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.1</epcClass><quantity>5</quantity><uom>KGM</uom></quantityElement></quantityList>
            <ilmd><v:bestBefore>2027-01-01</v:bestBefore></ilmd></extension>
        </ObjectEvent>
        <extension><TransformationEvent><eventTime>2019-10-21T12:58:56.000Z</eventTime><eventTimeZoneOffset>+02:00</eventTimeZoneOffset>
          <inputEPCList><epc>urn:epc:id:sgtin:4012345.011122.25</epc></inputEPCList>
          <outputEPCList><epc>urn:epc:id:sgtin:4012345.077889.25</epc></outputEPCList></TransformationEvent></extension>`,
        'xmlns:v="urn:v"',
        'urn:epcglobal:epcis:xsd:1',
      ).replace('schemaVersion="2.0"', 'schemaVersion="1.2"'),
    );
    expect(document.schemaVersion).toBe('1.2');
    const [object, transformation] = eventsOf(document) as Json[];
    expect(object).toEqual({
      type: 'ObjectEvent',
      eventTime: '2019-10-21T12:58:56.000Z',
      eventTimeZoneOffset: '+02:00',
      eventID: 'urn:uuid:11111111-2222-4333-8444-555555555555',
      errorDeclaration: { declarationTime: '2020-01-01T00:00:00Z' },
      epcList: [],
      action: 'ADD',
      bizStep: 'urn:epcglobal:cbv:bizstep:commissioning',
      quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.1', quantity: 5, uom: 'KGM' }],
      ilmd: { 'v:bestBefore': '2027-01-01' },
    });
    expect(transformation).toMatchObject({
      type: 'TransformationEvent',
      inputEPCList: ['urn:epc:id:sgtin:4012345.011122.25'],
    });
    expect(validateDocument(document)).toEqual([]);
  });

  it('reads an EPCISQueryDocument', () => {
    const document = xmlToDocument(
      `<q:EPCISQueryDocument xmlns:q="urn:epcglobal:epcis-query:xsd:2" schemaVersion="2.0" creationDate="2026-06-01T08:00:00Z">
        <EPCISBody><q:QueryResults><queryName>SimpleEventQuery</queryName><subscriptionID>s1</subscriptionID>
          <resultsBody><EventList><ObjectEvent><eventTime>2026-06-01T08:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset><action>OBSERVE</action>
            <epcList><epc>urn:epc:id:sgtin:0614141.107346.1</epc></epcList></ObjectEvent></EventList></resultsBody>
        </q:QueryResults></EPCISBody></q:EPCISQueryDocument>`,
    );
    expect(document.type).toBe('EPCISQueryDocument');
    expect(document.epcisBody).toMatchObject({
      queryResults: {
        queryName: 'SimpleEventQuery',
        subscriptionID: 's1',
        resultsBody: { eventList: [{ type: 'ObjectEvent' }] },
      },
    });
    expect(validateDocument(document)).toEqual([]);
  });

  it('reads SBDH sender / receiver and master data in the header', () => {
    const document = xmlToDocument(
      `<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:sbdh="http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader" xmlns:x="https://x.example.com/" schemaVersion="2.0" creationDate="2026-06-01T08:00:00Z">
        <EPCISHeader>
          <sbdh:StandardBusinessDocumentHeader><sbdh:HeaderVersion>1.0</sbdh:HeaderVersion>
            <sbdh:Sender><sbdh:Identifier Authority="GS1">urn:epc:id:sgln:0353579.00001.0</sbdh:Identifier></sbdh:Sender>
            <sbdh:Receiver><sbdh:Identifier Authority="GS1">urn:epc:id:sgln:5012345.00001.0</sbdh:Identifier></sbdh:Receiver>
            <sbdh:DocumentIdentification><sbdh:InstanceIdentifier>1234</sbdh:InstanceIdentifier></sbdh:DocumentIdentification>
          </sbdh:StandardBusinessDocumentHeader>
          <extension><EPCISMasterData><VocabularyList><Vocabulary type="urn:epcglobal:epcis:vtype:BusinessLocation"><VocabularyElementList>
            <VocabularyElement id="urn:epc:id:sgln:0037000.00729.0">
              <attribute id="urn:epcglobal:cbv:mda:name">仓库 A</attribute>
              <attribute id="urn:epcglobal:cbv:mda:address"><x:city>Shanghai</x:city></attribute>
              <children><id>urn:epc:id:sgln:0037000.00729.8201</id></children>
            </VocabularyElement>
          </VocabularyElementList></Vocabulary></VocabularyList></EPCISMasterData></extension>
        </EPCISHeader>
        <EPCISBody><EventList/></EPCISBody></epcis:EPCISDocument>`,
    );
    expect(document).toMatchObject({
      sender: 'urn:epc:id:sgln:0353579.00001.0',
      receiver: 'urn:epc:id:sgln:5012345.00001.0',
      instanceIdentifier: '1234',
      epcisHeader: {
        epcisMasterData: {
          vocabularyList: [
            {
              type: 'urn:epcglobal:epcis:vtype:BusinessLocation',
              vocabularyElementList: [
                {
                  id: 'urn:epc:id:sgln:0037000.00729.0',
                  attributes: [
                    { id: 'urn:epcglobal:cbv:mda:name', attribute: '仓库 A' },
                    { id: 'urn:epcglobal:cbv:mda:address', attribute: { 'x:city': 'Shanghai' } },
                  ],
                  children: ['urn:epc:id:sgln:0037000.00729.8201'],
                },
              ],
            },
          ],
        },
      },
    });
    expect(validateDocument(document)).toEqual([]);
  });

  it('refuses documents that are not capture documents', () => {
    const error = domainError(() =>
      xmlToDocument(
        '<epcis:EPCISCaptureJob xmlns:epcis="urn:epcglobal:epcis:xsd:2"><running>true</running></epcis:EPCISCaptureJob>',
      ),
    );
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toMatch(/not a capture document/);
  });

  it('reads a single event for POST /events: a bare event element or a document with one event', () => {
    const bare = xmlToEvent(
      '<ObjectEvent xmlns:e="urn:e"><eventTime>2026-06-01T08:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset><action>OBSERVE</action><e:x>1</e:x></ObjectEvent>',
    );
    expect(bare).toEqual({
      '@context': [epcisContext, { e: 'urn:e' }],
      type: 'ObjectEvent',
      eventTime: '2026-06-01T08:00:00Z',
      eventTimeZoneOffset: '+00:00',
      action: 'OBSERVE',
      'e:x': '1',
    });
    const one = xmlToEvent(doc('<ObjectEvent><action>OBSERVE</action></ObjectEvent>'));
    expect(one).toMatchObject({ '@context': epcisContext, type: 'ObjectEvent' });
    const two = domainError(() => xmlToEvent(doc('<ObjectEvent/><ObjectEvent/>')));
    expect(two.errors[0]?.pointer).toBe('/epcisBody/eventList');
  });

  it('hashes an event with a user extension named …List as the reference hashes its XML (eventID)', () => {
    const xml = doc(
      `<ObjectEvent><eventTime>2026-06-01T08:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset><action>OBSERVE</action>
        <c:partList><c:part>p1</c:part></c:partList></ObjectEvent>
       <ObjectEvent><eventTime>2026-06-01T08:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset><action>OBSERVE</action>
        <c:part>p1</c:part></ObjectEvent>`,
      'xmlns:c="urn:c"',
    );
    const document = xmlToDocument(xml);
    const [listed, plain] = eventsOf(document) as Json[];
    expect(listed?.eventID).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
    expect(listed?.eventID).not.toBe(documentEventHashes(document)[0]);
    expect(plain).not.toHaveProperty('eventID'); // same hash either way: left to the server
  });
});

describe('XML parsing refuses hostile and broken input', () => {
  const code = (xml: string, limits?: { maxBytes: number; maxDepth: number }) =>
    domainError(() => xmlToDocument(xml, limits)).code;

  it('refuses DTDs that declare entities (billion laughs) and external entities (XXE)', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
      <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2">&lol2;</epcis:EPCISDocument>`;
    const xxe = `<?xml version="1.0"?><!DOCTYPE d SYSTEM "file:///etc/passwd"><d>x</d>`;
    const publicId = `<!DOCTYPE d PUBLIC "-//x//y" "http://evil.example.com/x.dtd"><d/>`;
    const entityOnly = `<d><!ENTITY e "x"></d>`;
    for (const xml of [laughs, xxe, publicId, entityOnly]) expect(code(xml)).toBe('MALFORMED_XML');
    expect(domainError(() => xmlToDocument(xxe)).errors[0]?.message).toMatch(/DOCTYPE/);
  });

  it('refuses references to undeclared entities but decodes the predefined ones and character references', () => {
    expect(code(doc('<ObjectEvent><action>&nbsp;</action></ObjectEvent>'))).toBe('MALFORMED_XML');
    const event = only(
      doc('<ObjectEvent xmlns:e="urn:e"><e:v>&lt;&#65;&#x42;&amp;&quot;&apos;&gt;</e:v></ObjectEvent>'),
    );
    expect(event['e:v']).toBe('<AB&"\'>');
  });

  it('accepts a DOCTYPE that declares nothing (as in GS1 examples)', () => {
    const xml = doc('').replace(
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<?xml version="1.0"?>\n<!DOCTYPE project>',
    );
    expect(xmlToDocument(xml).type).toBe('EPCISDocument');
  });

  it('refuses malformed XML with the line and column', () => {
    const error = domainError(() => xmlToDocument(doc('<ObjectEvent><action>ADD</ObjectEvent>')));
    expect(error.code).toBe('MALFORMED_XML');
    expect(error.errors[0]?.message).toMatch(/line \d+, column \d+/);
    expect(code('<a/><b/>')).toBe('MALFORMED_XML');
    expect(code('<a/>text')).toBe('MALFORMED_XML');
    expect(code('')).toBe('MALFORMED_XML');
    expect(code('{"type":"EPCISDocument"}')).toBe('MALFORMED_XML');
    expect(code(doc('<ObjectEvent><undeclared:x>1</undeclared:x></ObjectEvent>'))).toBe('MALFORMED_XML');
  });

  it('refuses __proto__ names', () => {
    expect(['MALFORMED_XML', 'VALIDATION_FAILED']).toContain(
      code(doc('<ObjectEvent xmlns:e="urn:e"><e:__proto__>1</e:__proto__></ObjectEvent>')),
    );
    expect(({} as Json).polluted).toBeUndefined();
  });

  it('refuses deep nesting quickly without exhausting the stack', () => {
    const depth = 100_000;
    const deep = `${'<e:a>'.repeat(depth)}${'</e:a>'.repeat(depth)}`;
    const started = performance.now();
    const error = domainError(() => xmlToDocument(doc(`<ObjectEvent xmlns:e="urn:e">${deep}</ObjectEvent>`)));
    expect(error.code).toBe('MALFORMED_XML');
    expect(error.errors[0]?.message).toMatch(/nested deeper than 64/);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('refuses documents over the size limit before parsing them', () => {
    const huge = doc(`<ObjectEvent xmlns:e="urn:e"><e:pad>${'x'.repeat(2_000_000)}</e:pad></ObjectEvent>`);
    expect(code(huge, { maxBytes: 1_000_000, maxDepth: 64 })).toBe('PAYLOAD_TOO_LARGE');
    expect(eventsOf(xmlToDocument(huge))).toHaveLength(1);
  });
});
