import type { ChainBuilder } from './builder.js';
import type { EnterpriseKey } from './enterprises.js';

// Edible farm products (食用农产品) through the wholesale market (卡单同行), and the pesticide used on
// the vegetable field: records of the meat-vegetables and farm-inputs templates, plus plain EPCIS
// events for the transport legs no template CTE covers. Each function returns codes worth showing.

export type Highlights = Record<string, { code: string; note: string }>;

const MV = 'meat-vegetables';
const lotNo = (b: ChainBuilder, prefix: string, days: number, n: number) =>
  `${prefix}${b.date(-days).replace(/-/g, '')}-${String(n).padStart(2, '0')}`;
const codeOf = (uri: string) => uri.replace('urn:suyuan:code:', '');

function trader(b: ChainBuilder, merchant: string): string {
  const m = b.world.merchants.find((x) => x.key === merchant);
  if (!m) throw new Error(`no demo merchant ${merchant}`);
  return m.creditCode;
}

/** Transport from the farm to the market: a plain shipping event (no template CTE covers it). */
function shipToMarket(
  b: ChainBuilder,
  from: EnterpriseKey,
  place: string,
  lot: string,
  quantity: number,
  uom: string,
  days: number,
  hours: number,
) {
  b.object({
    by: from,
    at: b.day(days, hours),
    bizStep: 'shipping',
    disposition: 'in_transit',
    quantities: [{ code: lot, quantity, uom }],
    location: b.location(place),
    source: from,
    destination: 'market',
    transactions: [{ type: 'desadv', value: `FH${b.random.digits(8)}` }],
    fields: { vehiclePlate: `琼${'ABCDE'.charAt(b.random.int(0, 4))}${b.random.digits(5)}` },
  });
}

/**
 * A sale at a stall on the electronic scale: the voucher code printed is linked to the batch (卡单同行);
 * the buyer receives by that code the next morning. Returns the voucher's URI.
 */
function trade(
  b: ChainBuilder,
  batch: string,
  kg: number,
  days: number,
  merchant: string,
  buyer: EnterpriseKey,
  product: string,
): string {
  const voucher = b.issue('market', 'lot', product, { batch: 'vouchers' });
  const at = b.day(days, 6 + b.random.float() * 3);
  b.record('market', MV, 'trade', {
    batchCode: codeOf(batch),
    voucherCode: codeOf(voucher),
    voucherNumber: `PZ${b.date(-days).replace(/-/g, '')}${b.random.digits(4)}`,
    tradeTime: b.time(at),
    weight: kg,
    unitPrice: 8 + b.random.int(0, 40) / 2,
    seller: trader(b, merchant),
    buyer: b.partyCode(buyer),
    market: b.location('marketHall'),
  });
  // The trade (urn:suyuan:bizstep:wholesale_trade) is itself the sale lineage counts: it produces
  // the voucher for the buyer, whose receipt matches it; no market-exit shipment is needed.
  b.record(buyer, MV, 'retail-receiving', {
    code: codeOf(voucher),
    receivedDate: b.date(-days + 1),
    weight: kg,
    supplier: trader(b, merchant),
    receiver: b.partyCode(buyer),
    store: b.location(buyer === 'supermarket' ? 'supermarketStore' : 'farmersMarketHall'),
  });
  return voucher;
}

function retailSale(b: ChainBuilder, by: EnterpriseKey, voucher: string, kg: number, at: Date): void {
  b.record(by, MV, 'retail-sale', {
    code: codeOf(voucher),
    saleTime: b.time(at),
    weight: kg,
    seller: b.partyCode(by),
    receiptNumber: `XP${b.random.digits(8)}`,
    store: b.location(by === 'supermarket' ? 'supermarketStore' : 'farmersMarketHall'),
  });
}

export function mangoChain(b: ChainBuilder, lots: number): Highlights {
  const out: Highlights = {};
  for (let i = 0; i < lots; i++) {
    const days = 4 + i * 4;
    const kg = 500 + b.random.int(0, 20) * 50;
    const lot = b.issue('mangoFarm', 'lot', 'mango', {
      lot: lotNo(b, 'MG', days + 1, i + 1),
      productionDate: b.date(-days - 1),
      expiryDate: b.date(-days + 14),
    });
    const merchant = `merchant${(i % 4) + 1}`;
    b.record('mangoFarm', MV, 'farm-harvest', {
      batchCode: codeOf(lot),
      variety: '贵妃芒',
      harvestDate: b.date(-days - 1),
      quantity: kg,
      farm: b.location('mangoOrchard'),
      producer: b.partyCode('mangoFarm'),
      originRegion: '460205',
    });
    shipToMarket(b, 'mangoFarm', 'mangoPackhouse', lot, kg, 'KGM', days + 1, 15);
    b.record('market', MV, 'vegetable-entry', {
      batchCode: codeOf(lot),
      entryDate: b.time(b.day(days, 4)),
      trader: trader(b, merchant),
      variety: '贵妃芒',
      weight: kg,
      originCertificate: `CD4602${b.random.digits(9)}`,
      origin: '海南省三亚市崖州区',
      grower: '三亚崖州热带水果种植专业合作社',
      testResult: 'pass',
      market: b.location('marketHall'),
    });
    const vouchers = [0, 1, 2].map((s) =>
      trade(
        b,
        lot,
        20 + b.random.int(0, 8) * 5,
        days,
        merchant,
        s === 2 ? 'farmersMarket' : 'supermarket',
        'mango',
      ),
    );
    const sold = vouchers[0] as string;
    retailSale(b, 'supermarket', sold, 1.5 + b.random.int(0, 10) / 10, b.day(days - 2, 18));
    for (let k = 0; k < 1 + b.random.int(0, 3); k++) b.scan(sold, b.day(days - 2 - k * 2, 19.5), '460100');
    if (i === 0) {
      out.mangoLot = {
        code: codeOf(lot),
        note: '三亚贵妃芒 batch: farm → wholesale market → supermarket and farmers market',
      };
      out.mangoVoucher = {
        code: codeOf(sold),
        note: 'market voucher (卡单同行) of that batch, sold in the supermarket',
      };
    }
  }
  return out;
}

export function porkChain(b: ChainBuilder, lots: number): Highlights {
  const out: Highlights = {};
  for (let i = 0; i < lots; i++) {
    const days = 4 + i * 5;
    const head = 20 + b.random.int(0, 10);
    const pigs = b.issue('pigFarm', 'lot', 'pig', { lot: lotNo(b, 'SZ', days + 2, i + 1) });
    const originQuarantine = `46${b.random.digits(8)}`;
    b.record('pigFarm', MV, 'farm-harvest', {
      batchCode: codeOf(pigs),
      variety: '生猪',
      harvestDate: b.date(-days - 2),
      quantity: { value: head, unit: 'H87' },
      farm: b.location('pigPen'),
      producer: b.partyCode('pigFarm'),
      originRegion: '469005',
      animalQuarantineCertificate: originQuarantine,
    });
    b.object({
      by: 'pigFarm',
      at: b.day(days + 2, 6),
      bizStep: 'shipping',
      disposition: 'in_transit',
      quantities: [{ code: pigs, quantity: head, uom: 'H87' }],
      readPoint: b.location('pigPen'),
      source: 'pigFarm',
      destination: 'slaughterhouse',
      fields: { animalQuarantineCertificate: originQuarantine, vehiclePlate: `琼E${b.random.digits(5)}` },
    });
    b.object({
      by: 'slaughterhouse',
      at: b.day(days + 2, 10),
      bizStep: 'receiving',
      quantities: [{ code: pigs, quantity: head, uom: 'H87' }],
      location: b.location('slaughterLine'),
      source: 'pigFarm',
      destination: 'slaughterhouse',
      fields: { animalQuarantineCertificate: originQuarantine, pigOrigin: '海南省文昌市' },
    });
    const kg = head * 75;
    const pork = b.issue('slaughterhouse', 'lot', 'pork', {
      lot: lotNo(b, 'ZR', days + 1, i + 1),
      productionDate: b.date(-days - 1),
      expiryDate: b.date(-days + 4),
    });
    const quarantine = `46${b.random.digits(8)}`;
    const inspection = `RP${b.date(-days - 1).replace(/-/g, '')}${b.random.digits(2)}`;
    b.record('slaughterhouse', MV, 'slaughter', {
      liveBatchCode: codeOf(pigs),
      carcassBatchCode: codeOf(pork),
      slaughterDate: b.date(-days - 1),
      headCount: head,
      carcassWeight: kg,
      pigOrigin: '海南省文昌市',
      slaughterhouse: b.partyCode('slaughterhouse'),
      slaughterLicence: `A4690${b.random.digits(4)}`,
      animalQuarantineCertificate: quarantine,
      meatInspectionCertificate: inspection,
      inspectionResult: 'pass',
    });
    shipToMarket(b, 'slaughterhouse', 'slaughterLine', pork, kg, 'KGM', days + 1, 20);
    b.record('market', MV, 'meat-entry', {
      batchCode: codeOf(pork),
      entryDate: b.time(b.day(days, 2)),
      trader: trader(b, 'merchant2'),
      variety: '白条猪肉',
      weight: kg,
      animalQuarantineCertificate: quarantine,
      meatInspectionCertificate: inspection,
      vehicleDisinfectionCertificate: `XD${b.random.digits(10)}`,
      slaughterhouse: b.partyCode('slaughterhouse'),
      pigOrigin: '海南省文昌市',
      market: b.location('marketHall'),
    });
    const voucher = trade(b, pork, 60 + b.random.int(0, 10) * 10, days, 'merchant2', 'supermarket', 'pork');
    retailSale(b, 'supermarket', voucher, 2 + b.random.int(0, 10) / 10, b.day(days - 1, 10));
    if (i === 0)
      out.porkVoucher = {
        code: codeOf(voucher),
        note: '猪肉 voucher: pig farm → slaughterhouse → market → supermarket',
      };
  }
  return out;
}

/** Pesticide: producer → dealer (purchase ledger) → real-name sale → use on the vegetable field. */
export function pesticideChain(b: ChainBuilder): Highlights {
  const FI = 'farm-inputs';
  const batchNumber = lotNo(b, 'NY', 60, 1);
  const lot = b.issue('pesticideMaker', 'lot', 'pesticide', {
    lot: batchNumber,
    productionDate: b.date(-60),
    expiryDate: b.date(670),
  });
  const registration = 'PD20083518';
  b.object({
    by: 'pesticideMaker',
    at: b.day(60, 9),
    bizStep: 'commissioning',
    action: 'ADD',
    quantities: [{ code: lot, quantity: 2000, uom: 'H87' }],
    location: b.location('pesticidePlant'),
    ilmd: { registrationNumber: registration, specification: '10%，100g/袋' },
  });
  b.object({
    by: 'pesticideMaker',
    at: b.day(45, 9),
    bizStep: 'shipping',
    quantities: [{ code: lot, quantity: 200, uom: 'H87' }],
    location: b.location('pesticidePlant'),
    source: 'pesticideMaker',
    destination: 'pesticideDealer',
  });
  const product = { productName: '吡虫啉可湿性粉剂', specification: '10%，100g/袋' };
  b.record('pesticideDealer', FI, 'purchase', {
    lotCode: codeOf(lot),
    ...product,
    registrationNumber: registration,
    quantity: { value: 200, unit: 'H87' },
    producer: b.partyCode('pesticideMaker'),
    supplier: b.partyCode('pesticideMaker'),
    receiver: b.partyCode('pesticideDealer'),
    batchNumber,
    productionDate: b.date(-60),
    expiryDate: b.date(670),
    purchaseDate: b.date(-41),
  });
  b.record('pesticideDealer', FI, 'sale', {
    lotCode: codeOf(lot),
    ...product,
    quantity: { value: 20, unit: 'H87' },
    producer: b.partyCode('pesticideMaker'),
    seller: b.partyCode('pesticideDealer'),
    buyerName: '陈志坚',
    buyerIdNumber: '46902219760312123X',
    buyerPhone: '13907680000',
    buyer: b.partyCode('vegetableFarm'),
    purpose: '菜心蚜虫防治',
    saleDate: b.date(-30),
  });
  b.record('vegetableFarm', FI, 'field-use', {
    lotCode: codeOf(lot),
    amountUsed: { value: 600, unit: 'GRM' },
    plot: b.location('vegetableField'),
    crop: '菜心',
    target: '蚜虫',
    dosePerMu: 20,
    area: 30,
    applicationDate: b.date(-28),
    safetyIntervalDays: 7,
    earliestHarvestDate: b.date(-21),
    operator: '陈晓',
  });
  return {
    pesticideLot: {
      code: codeOf(lot),
      note: '吡虫啉 lot: producer → dealer (purchase ledger) → real-name sale → used on a field',
    },
  };
}

/** Vegetables: harvest → market entry with the rapid pesticide-residue test (one batch fails) → trade. */
export function vegetableChain(b: ChainBuilder, lots: number): Highlights {
  const out: Highlights = {};
  for (let i = 0; i < lots; i++) {
    const days = 3 + i * 3;
    const kg = 300 + b.random.int(0, 10) * 20;
    const lot = b.issue('vegetableFarm', 'lot', 'vegetable', {
      lot: lotNo(b, 'CX', days + 1, i + 1),
      productionDate: b.date(-days - 1),
      expiryDate: b.date(-days + 4),
    });
    b.record('vegetableFarm', MV, 'farm-harvest', {
      batchCode: codeOf(lot),
      variety: '菜心',
      harvestDate: b.date(-days - 1),
      quantity: kg,
      farm: b.location('vegetableField'),
      producer: b.partyCode('vegetableFarm'),
      originRegion: '469022',
      lastPesticideUse: b.date(-28),
    });
    shipToMarket(b, 'vegetableFarm', 'vegetablePackhouse', lot, kg, 'KGM', days + 1, 16);
    const failed = i === 1;
    b.record('market', MV, 'vegetable-entry', {
      batchCode: codeOf(lot),
      entryDate: b.time(b.day(days, 3)),
      trader: trader(b, 'merchant3'),
      variety: '菜心',
      weight: kg,
      originCertificate: `CD4690${b.random.digits(9)}`,
      origin: '海南省屯昌县',
      grower: '屯昌县枫木蔬菜种植基地有限公司',
      testResult: failed ? 'fail' : 'pass',
      market: b.location('marketHall'),
    });
    if (failed) {
      out.failedVegetables = {
        code: codeOf(lot),
        note: 'PLANTED: 菜心 batch that failed the pesticide-residue rapid test at market entry',
      };
      continue;
    }
    const voucher = trade(
      b,
      lot,
      30 + b.random.int(0, 6) * 5,
      days,
      'merchant3',
      'farmersMarket',
      'vegetable',
    );
    if (i === 0)
      out.vegetableVoucher = { code: codeOf(voucher), note: '菜心 voucher sold to the farmers market' };
  }
  return out;
}
