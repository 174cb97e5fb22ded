import type { ChainBuilder } from './builder.js';
import type { Highlights } from './chains-farm.js';

// Drugs (药品) through the drugs template: serialised packs aggregated to cases and a pallet.

const codeOf = (uri: string) => uri.replace('urn:suyuan:code:', '');
const lotNo = (b: ChainBuilder, prefix: string, days: number) =>
  `${prefix}${b.date(-days).replace(/-/g, '')}`;

/**
 * A food lot through the food template (production, factory inspection), then labelled with item
 * codes (a plain TransformationEvent from the lot to the items: the template is lot-based).
 */
export function drugChain(b: ChainBuilder, packsPerCase: number, cases: number): Highlights {
  const D = 'drugs';
  const lot = lotNo(b, 'AMX', 50);
  const production = b.date(-50);
  const expiry = b.date(680);
  const packs = Array.from({ length: packsPerCase * cases }, () =>
    b.issueSgtin('drugMaker', 'drug', lot, production, expiry),
  );
  b.record('drugMaker', D, 'production', {
    unitCodes: packs,
    drugName: '阿莫西林胶囊',
    approvalNumber: '国药准字H46020568',
    specification: '0.25g×24粒',
    dosageForm: 'capsule',
    batchNumber: lot,
    productionDate: production,
    expiryDate: expiry,
    marketingAuthorisationHolder: b.partyCode('drugMaker'),
    manufacturingLicence: '琼20160012',
    plant: b.location('drugPlant'),
  });
  const caseCodes: string[] = [];
  for (let c = 0; c < cases; c++) {
    const box = b.issue('drugMaker', 'logisticUnit', 'drug', { lot, batch: 'cases' });
    caseCodes.push(box);
    b.record('drugMaker', D, 'packing', {
      caseCode: codeOf(box),
      unitCodes: packs.slice(c * packsPerCase, (c + 1) * packsPerCase),
      packedAt: b.time(b.day(49, 10 + c * 0.2)),
      batchNumber: lot,
    });
  }
  const pallet = b.issue('drugMaker', 'logisticUnit', 'drug', { lot, batch: 'pallets' });
  b.record('drugMaker', D, 'palletising', {
    palletCode: codeOf(pallet),
    caseCodes: caseCodes.map(codeOf),
    palletisedAt: b.time(b.day(49, 16)),
  });
  const note = `CK${b.date(-48).replace(/-/g, '')}${b.random.digits(3)}`;
  b.record('drugMaker', D, 'shipping', {
    codes: [codeOf(pallet)],
    shippedAt: b.time(b.day(48, 9)),
    shipper: b.partyCode('drugMaker'),
    consignee: b.partyCode('drugWholesaler'),
    consigneeLicence: `琼AA898${b.random.digits(4)}`,
    deliveryNote: note,
  });
  b.record('drugWholesaler', D, 'receiving', {
    codes: [codeOf(pallet)],
    receivedAt: b.time(b.day(47, 15)),
    supplier: b.partyCode('drugMaker'),
    receiver: b.partyCode('drugWholesaler'),
    deliveryNote: note,
    acceptance: 'accepted',
    acceptedBy: '邢娜',
  });
  // Unpacking has no CTE in the drugs template: a plain AggregationEvent naming the cases taken out.
  b.aggregation({
    by: 'drugWholesaler',
    at: b.day(46, 9),
    bizStep: 'unpacking',
    action: 'DELETE',
    parent: pallet,
    children: caseCodes,
    location: b.location('drugWarehouse'),
  });
  const customers = [
    { key: 'pharmacySanya', store: 'pharmacySanyaStore', licence: '琼CB898' },
    { key: 'pharmacyHaikou', store: 'pharmacyHaikouStore', licence: '琼CA898' },
    { key: 'hospital', store: 'hospitalPharmacy', licence: 'PDY46010' },
  ] as const;
  caseCodes.forEach((box, c) => {
    const customer = customers[c % customers.length] as (typeof customers)[number];
    const delivery = `CK${b.date(-40 + c).replace(/-/g, '')}${b.random.digits(3)}`;
    b.record('drugWholesaler', D, 'shipping', {
      codes: [codeOf(box)],
      shippedAt: b.time(b.day(40 - c, 9)),
      shipper: b.partyCode('drugWholesaler'),
      consignee: b.partyCode(customer.key),
      consigneeLicence: `${customer.licence}${b.random.digits(4)}`,
      deliveryNote: delivery,
      invoice: `0446${b.random.digits(8)}`,
    });
    b.record(customer.key, D, 'receiving', {
      codes: [codeOf(box)],
      receivedAt: b.time(b.day(39 - c, 10)),
      supplier: b.partyCode('drugWholesaler'),
      receiver: b.partyCode(customer.key),
      deliveryNote: delivery,
      acceptance: 'accepted',
      acceptedBy: customer.key === 'hospital' ? '何晶' : '羊丽',
    });
    const inCase = packs.slice(c * packsPerCase, (c + 1) * packsPerCase);
    b.aggregation({
      by: customer.key,
      at: b.day(38 - c, 9),
      bizStep: 'unpacking',
      action: 'DELETE',
      parent: box,
      children: inCase,
      location: b.location(customer.store),
    });
    const first = inCase[0] as string;
    b.record(customer.key, D, 'dispensing', {
      unitCodes: [first],
      dispensedAt: b.time(b.day(30 - c, 11)),
      prescriptionNumber: customer.key === 'hospital' ? `CF${b.random.digits(10)}` : null,
      pharmacist: customer.key === 'hospital' ? '何晶' : '羊春梅',
      pharmacy: b.location(customer.store),
    });
    b.scan(first, b.day(29 - c, 20), customer.key === 'pharmacySanya' ? '460200' : '460100');
  });
  return {
    drugPack: {
      code: packs[0] as string,
      note: '阿莫西林胶囊 pack (GS1 SGTIN): maker → case → pallet → wholesaler → pharmacy',
    },
    drugPallet: { code: codeOf(pallet), note: 'the pallet of cases of that drug lot' },
  };
}

/** Imported wine: port entry (customs, inspection), Chinese back labels on each bottle, to the supermarket. */
