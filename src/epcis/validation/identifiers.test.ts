import { describe, expect, it } from 'vitest';
import { aggregationEvent, epcisDocument, objectEvent, transactionEvent } from './factories.js';
import { createValidator } from './validate.js';

type Json = Record<string, unknown>;

const E0 = '/epcisBody/eventList/0';

describe.each(['ajv', 'typebox'] as const)('with %s', (engine) => {
  const { validateDocument } = createValidator(engine);
  const issuesOf = (event: Json) => validateDocument(epcisDocument([event]));

  describe('GS1 identifier checks', () => {
    it('reports a wrong GTIN check digit in a Digital Link at its pointer', () => {
      const epcList = ['urn:epc:id:sgtin:0614141.107346.2017', 'https://id.gs1.org/01/09506000134353/21/1'];
      expect(issuesOf(objectEvent({ epcList }))).toEqual([
        { pointer: `${E0}/epcList/1`, message: 'GTIN check digit should be 2' },
      ]);
    });

    it('reports a malformed EPC URN in parentID and childEPCs', () => {
      const event = aggregationEvent({
        parentID: 'urn:epc:id:sscc:0614141.12345678901',
        childEPCs: ['urn:epc:id:foo:1'],
      });
      expect(issuesOf(event)).toEqual([
        { pointer: `${E0}/childEPCs/0`, message: 'unknown EPC scheme "foo"' },
        {
          pointer: `${E0}/parentID`,
          message: 'sscc company prefix and reference should have 17 digits together',
        },
      ]);
    });

    it('checks epcClass, readPoint, bizLocation, source and destination', () => {
      const bad = 'urn:epc:id:sgtin:06141411.107346.2017';
      const event = objectEvent({
        epcList: undefined,
        quantityList: [{ epcClass: bad, quantity: 1 }],
        readPoint: { id: bad },
        bizLocation: { id: bad },
        sourceList: [{ type: 'location', source: bad }],
        destinationList: [{ type: 'location', destination: bad }],
      });
      expect(issuesOf(event).map((i) => i.pointer)).toEqual([
        `${E0}/quantityList/0/epcClass`,
        `${E0}/readPoint/id`,
        `${E0}/bizLocation/id`,
        `${E0}/sourceList/0/source`,
        `${E0}/destinationList/0/destination`,
      ]);
    });

    it('accepts non-GS1 URIs and class-level EPC patterns as they are', () => {
      const event = transactionEvent({
        epcList: ['urn:example:item:1', 'https://example.com/items/7'],
        quantityList: [{ epcClass: 'urn:epc:idpat:sgtin:4012345.066666.*', quantity: 5 }],
      });
      expect(issuesOf(event)).toEqual([]);
    });

    it('gives one issue for a value that is not a URI at all', () => {
      expect(issuesOf(objectEvent({ epcList: ['not a uri'] }))).toHaveLength(1);
    });
  });
});
