import { describe, expect, it } from 'vitest';
import { defaultEngine } from './compiler.js';
import { epcisDocument, objectEvent, transformationEvent } from './factories.js';
import { createValidator } from './validate.js';

type Json = Record<string, unknown>;

const E0 = '/epcisBody/eventList/0';

it('compiles with Ajv when it is installed', () => {
  expect(defaultEngine).toBe('ajv');
});

describe.each(['ajv', 'typebox'] as const)('with %s', (engine) => {
  const { validateDocument, validateEvent } = createValidator(engine);
  const issuesOf = (...events: Json[]) => validateDocument(epcisDocument(events));

  describe('document structure', () => {
    it('rejects a body that is not an object', () => {
      expect(validateDocument([])).toEqual([{ pointer: '', message: 'the document must be a JSON object' }]);
    });

    it('rejects a document of another type', () => {
      expect(validateDocument(epcisDocument([], { type: 'EPCISMasterDataDocument' }))).toEqual([
        { pointer: '/type', message: 'type must be EPCISDocument or EPCISQueryDocument' },
      ]);
    });

    it('points at each missing document field', () => {
      const document = epcisDocument([], { '@context': undefined, schemaVersion: undefined, epcisBody: {} });
      expect(validateDocument(document)).toEqual([
        { pointer: '/@context', message: '@context is required' },
        { pointer: '/schemaVersion', message: 'schemaVersion is required' },
        { pointer: '/epcisBody/eventList', message: 'eventList is required' },
      ]);
    });

    it('gives one issue for a malformed @context, not one per alternative', () => {
      expect(validateDocument(epcisDocument([], { '@context': 42 }))).toEqual([
        { pointer: '/@context', message: '@context must be a URI, a context object or an array of them' },
      ]);
    });

    it('keeps namespaced extension fields and rejects un-prefixed unknown ones', () => {
      const document = epcisDocument([], {
        'ex:batch': { a: 1 },
        'https://ns.example.com/x': 1,
        comment: 'hi',
      });
      expect(validateDocument(document)).toEqual([
        {
          pointer: '/comment',
          message: 'unknown field comment: extension fields need a namespace prefix, e.g. ex:comment',
        },
      ]);
      expect(document['ex:batch']).toEqual({ a: 1 });
    });

    it('rejects an event that is not an object', () => {
      expect(validateDocument(epcisDocument(['event' as unknown as Json]))).toEqual([
        { pointer: E0, message: 'an event must be a JSON object' },
      ]);
    });

    it('caps the issues at 100 unless asked for more', () => {
      const events = Array.from({ length: 150 }, () => objectEvent({ eventTime: undefined }));
      expect(issuesOf(...events)).toHaveLength(100);
      expect(validateDocument(epcisDocument(events), { maxIssues: 1000 })).toHaveLength(150);
    });
  });

  describe('event structure', () => {
    it('accepts namespaced extension fields on an event, in any JSON shape', () => {
      const event = objectEvent({
        'example:myField': { 'example:a': [1, 'x'] },
        'https://ns.example.com/f': true,
      });
      expect(issuesOf(event)).toEqual([]);
    });

    it('rejects an un-prefixed unknown event field, pointing at it', () => {
      expect(issuesOf(objectEvent({ colour: 'red' }))).toEqual([
        {
          pointer: `${E0}/colour`,
          message: 'unknown field colour: extension fields need a namespace prefix, e.g. ex:colour',
        },
      ]);
    });

    it('rejects an unknown field inside a quantity element, which takes no extensions', () => {
      const quantityList = [
        { epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 1, weight: 2 },
      ];
      expect(issuesOf(objectEvent({ quantityList }))).toEqual([
        { pointer: `${E0}/quantityList/0/weight`, message: 'unknown field weight in quantityList[0]' },
      ]);
    });

    it('names a field of another event type as misplaced', () => {
      expect(issuesOf(objectEvent({ childEPCs: [] }))).toEqual([
        { pointer: `${E0}/childEPCs`, message: 'childEPCs is not allowed on an ObjectEvent' },
      ]);
    });

    it.each([
      ['bare', 'shipping'],
      ['URN', 'urn:epcglobal:cbv:bizstep:shipping'],
      ['Web URI', 'https://ref.gs1.org/cbv/BizStep-shipping'],
      ['GS1 Web Vocabulary', 'https://gs1.org/voc/BizStep-shipping'],
      ['other vocabulary', 'http://epcis.example.org/hc/bizstep/summarising_discharge'],
      ['compact IRI', 'ex:summarising'],
    ])('accepts a bizStep in %s form', (_form, bizStep) => {
      expect(issuesOf(objectEvent({ bizStep }))).toEqual([]);
    });

    it.each(['shipped', 'urn:epcglobal:cbv:bizstep:shipped', 'https://ref.gs1.org/cbv/BizStep-shipped'])(
      'rejects bizStep %s, which is not a CBV business step',
      (bizStep) => {
        expect(issuesOf(objectEvent({ bizStep }))).toEqual([
          {
            pointer: `${E0}/bizStep`,
            message:
              'bizStep must be a CBV business step such as shipping (bare, URN or Web URI form) or another URI',
          },
        ]);
      },
    );

    it('accepts CBV dispositions, transaction and source types in URN form', () => {
      const event = objectEvent({
        disposition: 'urn:epcglobal:cbv:disp:in_transit',
        bizTransactionList: [
          { type: 'urn:epcglobal:cbv:btt:po', bizTransaction: 'urn:epcglobal:cbv:bt:0614141073467:1' },
        ],
        sourceList: [{ type: 'urn:epcglobal:cbv:sdt:owning_party', source: 'urn:epc:id:pgln:0614141.00001' }],
      });
      expect(issuesOf(event)).toEqual([]);
    });

    it('explains a bad source type with the allowed values', () => {
      const event = objectEvent({ sourceList: [{ type: 'owner', source: 'urn:epc:id:pgln:0614141.00001' }] });
      expect(issuesOf(event)).toEqual([
        {
          pointer: `${E0}/sourceList/0/type`,
          message: 'sourceList[0].type must be owning_party, possessing_party, location or a URI',
        },
      ]);
    });

    it.each([
      ['epcList/0', { epcList: ['0614141.107346.2017'] }],
      ['readPoint/id', { readPoint: { id: 'dock 4' } }],
      ['bizLocation/id', { bizLocation: { id: 'warehouse' } }],
      ['destinationList/0/destination', { destinationList: [{ type: 'location', destination: 'depot' }] }],
    ])('requires an absolute URI at %s', (path, fields) => {
      const issues = issuesOf(objectEvent(fields));
      expect(issues).toHaveLength(1);
      expect(issues[0]?.pointer).toBe(`${E0}/${path}`);
      expect(issues[0]?.message).toMatch(/must be an absolute URI, e\.g\. urn:epc:id:sgtin:/);
    });

    it('requires absolute URIs in TransformationEvent inputs and outputs', () => {
      const event = transformationEvent({
        inputEPCList: ['lot 7'],
        outputEPCList: ['urn:epc:id:sgtin:4012345.077889.25', 'x'],
      });
      expect(issuesOf(event).map((i) => i.pointer)).toEqual([
        `${E0}/inputEPCList/0`,
        `${E0}/outputEPCList/1`,
      ]);
    });

    it('points at the repeated EPC in an epcList', () => {
      const epc = 'urn:epc:id:sgtin:0614141.107346.2017';
      expect(issuesOf(objectEvent({ epcList: [epc, 'urn:epc:id:sgtin:0614141.107346.2018', epc] }))).toEqual([
        { pointer: `${E0}/epcList/2`, message: 'epcList[2] repeats an earlier item' },
      ]);
    });

    it('requires set or unset in persistentDisposition', () => {
      expect(issuesOf(objectEvent({ persistentDisposition: {} }))).toEqual([
        { pointer: `${E0}/persistentDisposition`, message: 'persistentDisposition needs set or unset' },
      ]);
    });

    it('checks sensor reports: a measurement type is required and must be known or a URI', () => {
      const sensorElementList = [{ sensorReport: [{ value: 3 }, { type: 'Heat', value: 3 }] }];
      expect(issuesOf(objectEvent({ sensorElementList }))).toEqual([
        { pointer: `${E0}/sensorElementList/0/sensorReport/0/type`, message: 'type is required' },
        {
          pointer: `${E0}/sensorElementList/0/sensorReport/1/type`,
          message:
            'sensorElementList[0].sensorReport[1].type must be a GS1 measurement type such as Temperature, or a URI',
        },
      ]);
    });
  });

  describe('validateEvent', () => {
    const withContext = (fields: Json = {}) =>
      objectEvent({
        '@context': 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
        ...fields,
      });

    it('accepts a valid standalone event', () => {
      expect(validateEvent(withContext())).toEqual([]);
    });

    it('gives pointers relative to the event', () => {
      expect(validateEvent(withContext({ eventTimeZoneOffset: '8' }))).toEqual([
        { pointer: '/eventTimeZoneOffset', message: 'eventTimeZoneOffset must look like +08:00' },
      ]);
    });

    it('puts pointerPrefix in front of every pointer', () => {
      expect(validateEvent(withContext({ eventTime: undefined }), '/events/3')).toEqual([
        { pointer: '/events/3/eventTime', message: 'eventTime is required' },
      ]);
    });

    it('requires @context on a standalone event', () => {
      expect(validateEvent(objectEvent())).toEqual([
        { pointer: '/@context', message: '@context is required' },
      ]);
    });
  });
});
