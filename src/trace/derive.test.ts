import { describe, expect, it } from 'vitest';
import { objectEvent } from '../../test/factories.js';
import { normaliseEvent } from '../epcis/capture/normalise.js';
import { deriveLineage } from './derive.js';
import { party } from './fixtures.js';

const batch = 'https://id.gs1.org/01/06901234000016/10/B1';
const voucher = 'https://id.gs1.org/01/06901234000016/21/V1';
const seller = party(1);
const buyer = party(2);

function lineageOf(bizStep: string) {
  const event = objectEvent({
    type: 'TransformationEvent',
    action: undefined,
    epcList: undefined,
    bizStep,
    disposition: 'active',
    inputQuantityList: [{ epcClass: batch, quantity: 20, uom: 'KGM' }],
    outputEPCList: [voucher],
    sourceList: [{ type: 'owning_party', source: seller }],
    destinationList: [{ type: 'owning_party', destination: buyer }],
  });
  const normalised = normaliseEvent(event, undefined, '');
  if (!normalised.ok) throw new Error(JSON.stringify(normalised.issues));
  return deriveLineage(normalised.event);
}

describe('market voucher sales (卡单同行)', () => {
  it.each(['retail_selling', 'urn:suyuan:bizstep:wholesale_trade'])(
    'counts %s as the seller selling the batch and the voucher produced for the buyer',
    (bizStep) => {
      const { movements } = lineageOf(bizStep);
      expect(movements).toEqual([
        expect.objectContaining({
          epc: batch,
          kind: 'sold',
          party: seller,
          counterparty: buyer,
          quantity: 20,
        }),
        expect.objectContaining({ epc: voucher, kind: 'produced', party: buyer, counterparty: seller }),
      ]);
    },
  );

  it('keeps any other transformation a consumption at the processor', () => {
    const { movements } = lineageOf('urn:suyuan:bizstep:processing');
    expect(movements.find((m) => m.epc === batch)).toMatchObject({ kind: 'consumed', counterparty: null });
  });
});
