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

describe('origin (ilmd) on production rows', () => {
  it('copies the ilmd of a commissioning event to what it produces, and to nothing else', () => {
    const ilmd = { 'cbvmda:countryOfOrigin': 'CN', 'cbvmda:lotNumber': 'L-7' };
    const event = objectEvent({ action: 'ADD', bizStep: 'commissioning', epcList: [voucher], ilmd });
    const normalised = normaliseEvent(event, undefined, '');
    if (!normalised.ok) throw new Error(JSON.stringify(normalised.issues));
    expect(deriveLineage(normalised.event).movements).toEqual([
      expect.objectContaining({ epc: voucher, kind: 'produced', ilmd: JSON.stringify(ilmd) }),
    ]);
    const shipped = objectEvent({ action: 'OBSERVE', bizStep: 'shipping', epcList: [voucher], ilmd });
    const moved = normaliseEvent(shipped, undefined, '');
    if (!moved.ok) throw new Error(JSON.stringify(moved.issues));
    expect(deriveLineage(moved.event).movements.every((m) => m.ilmd === null)).toBe(true);
  });

  it('copies the ilmd of a transformation to its outputs only', () => {
    const event = objectEvent({
      type: 'TransformationEvent',
      action: undefined,
      epcList: undefined,
      bizStep: 'commissioning',
      inputQuantityList: [{ epcClass: batch, quantity: 20, uom: 'KGM' }],
      outputEPCList: [voucher],
      ilmd: { 'cbvmda:bestBeforeDate': '2027-01-01' },
    });
    const normalised = normaliseEvent(event, undefined, '');
    if (!normalised.ok) throw new Error(JSON.stringify(normalised.issues));
    const rows = deriveLineage(normalised.event).movements;
    expect(rows.find((m) => m.epc === batch)?.ilmd).toBeNull();
    expect(JSON.parse(rows.find((m) => m.epc === voucher)?.ilmd ?? 'null')).toEqual({
      'cbvmda:bestBeforeDate': '2027-01-01',
    });
  });
});
