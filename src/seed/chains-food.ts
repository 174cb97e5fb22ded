import type { ChainBuilder } from './builder.js';
import type { Highlights } from './chains-farm.js';
import type { EnterpriseKey } from './enterprises.js';
import { makeCreditCode } from './master.js';

// Food (食品): infant formula and edible oil through the food template (raw-material receipt,
// production, factory inspection); cans and bottles carry item codes and travel as plain EPCIS events.

const codeOf = (uri: string) => uri.replace('urn:suyuan:code:', '');
const lotNo = (b: ChainBuilder, prefix: string, days: number) =>
  `${prefix}${b.date(-days).replace(/-/g, '')}`;

/**
 * A food lot through the food template (production, factory inspection), then labelled with item
 * codes (a plain TransformationEvent from the lot to the items: the template is lot-based).
 */
function foodLot(
  b: ChainBuilder,
  by: 'formulaFactory' | 'oilMill',
  product: string,
  lotNumber: string,
  produced: number,
  shelfLife: number,
  count: number,
  details: {
    productName: string;
    standard: string;
    material: string;
    /** The supplier's credit code; `shipper` when it is filed here and records its shipment. */
    supplier: string;
    shipper?: EnterpriseKey;
    items: string;
  },
): { lot: string; items: string[] } {
  const F = 'food';
  const site = by === 'formulaFactory' ? 'formulaPlant' : 'oilPlant';
  const material = b.issue(details.shipper ?? by, 'lot', null, {
    lot: `${lotNumber}-RAW`,
    batch: 'materials',
  });
  if (details.shipper) {
    b.object({
      by: details.shipper,
      at: b.day(produced + 2, 5),
      bizStep: 'shipping',
      disposition: 'in_transit',
      quantities: [{ code: material, quantity: 20000, uom: 'KGM' }],
      location: b.location('dairyBarn'),
      source: details.shipper,
      destination: by,
      sensors: [{ type: 'gs1:Temperature', value: 3.5, uom: 'CEL' }],
    });
  }
  b.record(by, F, 'raw-material-receipt', {
    materialLot: codeOf(material),
    materialName: details.material,
    specification: '散装',
    quantity: 20000,
    receivedDate: b.date(-produced - 1),
    productionDate: b.date(-produced - 2),
    expiryDate: b.date(-produced + 1),
    supplier: details.supplier,
    receiver: b.partyCode(by),
    supplierLicence: `SC${b.random.digits(14)}`,
    conformityCertificate: `JC-${lotNumber}`,
    acceptance: 'accepted',
    site: b.location(site),
  });
  // Raw materials (a lot a transformation consumes) are not re-shipped: the receipt is their last step.
  const lot = b.issue(by, 'lot', product, {
    lot: lotNumber,
    productionDate: b.date(-produced),
    expiryDate: b.date(-produced + shelfLife),
  });
  b.record(by, F, 'production', {
    materialLots: [codeOf(material)],
    productLot: codeOf(lot),
    product: b.world.products[product]?.gtin ?? null,
    productName: details.productName,
    batchNumber: lotNumber,
    productionDate: b.date(-produced),
    expiryDate: b.date(-produced + shelfLife),
    quantity: { value: count * 50, unit: 'H87' },
    productionLicence: by === 'formulaFactory' ? 'SC10535050300127' : 'SC10241010500086',
    productStandard: details.standard,
    productionLine: '1号线',
  });
  b.record(by, F, 'factory-inspection', {
    productLot: codeOf(lot),
    inspectionDate: b.date(-produced + 2),
    reportNumber: `CC-${lotNumber}`,
    items: details.items,
    conclusion: 'pass',
    inspector: by === 'formulaFactory' ? '蔡敏' : '张静',
  });
  const items = Array.from({ length: count }, () =>
    b.issue(by, 'item', product, {
      lot: lotNumber,
      productionDate: b.date(-produced),
      expiryDate: b.date(-produced + shelfLife),
    }),
  );
  b.transformation({
    by,
    at: b.day(produced - 3, 10),
    bizStep: 'commissioning',
    inputs: [{ code: lot, quantity: count, uom: 'H87' }],
    outputEpcs: items,
    location: b.location(site),
    destination: by,
    ilmd: { lotNumber, itemExpirationDate: b.date(-produced + shelfLife) },
  });
  return { lot, items };
}

/** Infant formula: raw milk received, lots produced and inspected, cans to the supermarket, sold and scanned. */
export function formulaChain(b: ChainBuilder, lots: number, cans: number): Highlights {
  const out: Highlights = {};
  for (let i = 0; i < lots; i++) {
    const days = 40 - i * 12;
    const lotNumber = lotNo(b, 'RF', days);
    const { items } = foodLot(b, 'formulaFactory', 'formula', lotNumber, days, 720, cans, {
      productName: '婴儿配方乳粉（0-6月龄，1段）',
      standard: 'GB 10765',
      material: '生牛乳',
      supplier: b.partyCode('dairyFarm'),
      shipper: 'dairyFarm',
      items: '蛋白质、脂肪、维生素、矿物质、阪崎肠杆菌、沙门氏菌等 64 项',
    });
    b.object({
      by: 'formulaFactory',
      at: b.day(days - 4, 8),
      bizStep: 'shipping',
      epcs: items,
      location: b.location('formulaPlant'),
      source: 'formulaFactory',
      destination: 'supermarket',
      transactions: [{ type: 'po', value: `PO${b.random.digits(8)}` }],
    });
    b.object({
      by: 'supermarket',
      at: b.day(days - 7, 15),
      bizStep: 'receiving',
      epcs: items,
      location: b.location('supermarketStore'),
      source: 'formulaFactory',
      destination: 'supermarket',
    });
    const sold = items.slice(0, Math.ceil(items.length / 3));
    sold.forEach((can, k) => {
      b.object({
        by: 'supermarket',
        at: b.day(days - 8 - k, 17),
        bizStep: 'retail_selling',
        disposition: 'retail_sold',
        epcs: [can],
        location: b.location('supermarketStore'),
        source: 'supermarket',
      });
      for (let s = 0; s < b.random.int(1, 3); s++) b.scan(can, b.day(days - 8 - k - s * 3, 20), '460100');
    });
    if (i === 0) {
      out.formulaCan = {
        code: codeOf(sold[0] as string),
        note: '婴儿配方乳粉 can: raw milk → lot (泉州) → inspection → supermarket (海口), sold',
      };
      // PLANTED: one can scanned in three provinces within days (counterfeit or diverted goods, 窜货).
      const roaming = sold[1] as string;
      // within the last day, so the scheduled scan-anomaly check (a 24-hour window) sees it
      b.scan(roaming, b.hoursAgo(10), '460100');
      b.scan(roaming, b.hoursAgo(7), '350200');
      b.scan(roaming, b.hoursAgo(4), '410100');
      b.scan(roaming, b.hoursAgo(1), '440300');
      out.roamingCan = {
        code: codeOf(roaming),
        note: 'PLANTED: can scanned in 海南, 福建, 河南 and 广东 within ten hours',
      };
    }
  }
  return out;
}

/** Edible oil, including a lot past its expiry date that the supermarket still sells (planted). */
export function oilChain(b: ChainBuilder, lots: number, bottles: number): Highlights {
  const out: Highlights = {};
  const farm = makeCreditCode(b.random, '93', '410122');
  for (let i = 0; i < lots; i++) {
    const expired = i === 0;
    const produced = expired ? 560 : 90 - i * 20;
    const { items } = foodLot(b, 'oilMill', 'oil', lotNo(b, 'HSY', produced), produced, 540, bottles, {
      productName: '压榨花生油 5L',
      standard: 'GB/T 1534',
      material: '花生仁',
      supplier: farm,
      items: '酸价、过氧化值、黄曲霉毒素B1、溶剂残留量',
    });
    b.object({
      by: 'oilMill',
      at: b.day(produced - 5, 9),
      bizStep: 'shipping',
      epcs: items,
      location: b.location('oilPlant'),
      source: 'oilMill',
      destination: 'supermarket',
    });
    b.object({
      by: 'supermarket',
      at: b.day(produced - 9, 14),
      bizStep: 'receiving',
      epcs: items,
      location: b.location('supermarketStore'),
      source: 'oilMill',
      destination: 'supermarket',
    });
    const sale = expired ? 3 : produced - 15;
    b.object({
      by: 'supermarket',
      at: b.day(sale, 18),
      bizStep: 'retail_selling',
      disposition: 'retail_sold',
      epcs: [items[0] as string],
      location: b.location('supermarketStore'),
      source: 'supermarket',
    });
    if (expired)
      out.expiredOil = {
        code: codeOf(items[0] as string),
        note: 'PLANTED: 花生油 sold 3 days ago, 20 days after its expiry date',
      };
  }
  return out;
}

/** A drug serialised per pack (GS1 SGTIN), aggregated to cases and a pallet, to pharmacies and a hospital. */
