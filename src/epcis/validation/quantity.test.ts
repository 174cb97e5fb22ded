import { describe, expect, it } from 'vitest';
import { epcisDocument, objectEvent } from './factories.js';
import { createValidator } from './validate.js';

type Json = Record<string, unknown>;

const E0 = '/epcisBody/eventList/0';

describe.each(['ajv', 'typebox'] as const)('with %s', (engine) => {
  const { validateDocument } = createValidator(engine);
  const issuesOf = (...events: Json[]) => validateDocument(epcisDocument(events));

  describe('quantities', () => {
    const withQuantity = (element: Json) =>
      objectEvent({
        epcList: undefined,
        quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', ...element }],
      });

    it('accepts a decimal quantity with a unit, and a count without one', () => {
      expect(issuesOf(withQuantity({ quantity: 10.5, uom: 'KGM' }), withQuantity({ quantity: 200 }))).toEqual(
        [],
      );
    });

    it('rejects a negative quantity', () => {
      expect(issuesOf(withQuantity({ quantity: -1 }))).toEqual([
        {
          pointer: `${E0}/quantityList/0/quantity`,
          message: 'quantityList[0].quantity must be a number >= 0',
        },
      ]);
    });

    it('rejects a quantity given as a string', () => {
      expect(issuesOf(withQuantity({ quantity: '10' }))).toEqual([
        { pointer: `${E0}/quantityList/0/quantity`, message: 'quantityList[0].quantity must be a number' },
      ]);
    });

    it.each(['K', 'kgm', 'KGMS', 'K G'])('rejects uom %s', (uom) => {
      expect(issuesOf(withQuantity({ quantity: 1, uom }))).toEqual([
        {
          pointer: `${E0}/quantityList/0/uom`,
          message: 'quantityList[0].uom must be a 2–3 character UN/CEFACT unit code such as KGM',
        },
      ]);
    });
  });
});
