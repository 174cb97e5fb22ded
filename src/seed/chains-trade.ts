import type { ChainBuilder } from './builder.js';
import type { Highlights } from './chains-farm.js';

// Imports, herbs, rare earth and a hazardous chemical as template records.

const codeOf = (uri: string) => uri.replace('urn:suyuan:code:', '');
const lotNo = (b: ChainBuilder, prefix: string, days: number) =>
  `${prefix}${b.date(-days).replace(/-/g, '')}`;

/**
 * A food lot through the food template (production, factory inspection), then labelled with item
 * codes (a plain TransformationEvent from the lot to the items: the template is lot-based).
 */
export function wineChain(b: ChainBuilder, bottles: number): Highlights {
  const I = 'imports';
  const batchNumber = 'BDX2021-0457';
  const lot = b.issue('wineImporter', 'lot', 'wine', {
    lot: batchNumber,
    productionDate: '2021-10-15',
    expiryDate: '2031-10-14',
  });
  b.record('wineImporter', I, 'port-entry', {
    lotCode: codeOf(lot),
    productName: '波尔多红葡萄酒 750ml',
    product: b.world.products.wine?.gtin ?? null,
    countryOfOrigin: 'FR',
    overseasManufacturer: 'Château Lamothe SARL',
    overseasRegistration: 'CFRA03311906290',
    exporter: 'Bordeaux Export SAS',
    importer: b.partyCode('wineImporter'),
    customsDeclaration: `6401${b.date(-36).slice(0, 4)}${b.random.digits(10)}`,
    inspectionCertificate: `460${b.random.digits(12)}`,
    port: '海口美兰机场口岸',
    quantity: { value: 1200, unit: 'H87' },
    batchNumber,
    productionDate: '2021-10-15',
    expiryDate: '2031-10-14',
    releasedOn: b.date(-35),
  });
  const items = Array.from({ length: bottles }, () =>
    b.issue('wineImporter', 'item', 'wine', { lot: batchNumber, productionDate: '2021-10-15' }),
  );
  // Chinese back labels with item codes: a plain TransformationEvent from the lot to the bottles.
  b.transformation({
    by: 'wineImporter',
    at: b.day(30, 10),
    bizStep: 'commissioning',
    inputs: [{ code: lot, quantity: bottles, uom: 'H87' }],
    outputEpcs: items,
    location: b.location('bondedWarehouse'),
    destination: 'wineImporter',
    fields: { chineseBackLabel: true },
  });
  b.record('wineImporter', I, 'distribution', {
    lotCode: codeOf(lot),
    quantity: { value: 120, unit: 'H87' },
    shipper: b.partyCode('wineImporter'),
    customer: b.partyCode('supermarket'),
    shippedOn: b.date(-28),
    waybill: `YD${b.random.digits(11)}`,
  });
  b.record('supermarket', I, 'receiving', {
    lotCode: codeOf(lot),
    quantity: { value: 120, unit: 'H87' },
    supplier: b.partyCode('wineImporter'),
    receiver: b.partyCode('supermarket'),
    receivedOn: b.date(-27),
    store: b.location('supermarketStore'),
  });
  // the labelled bottles travel with the lot, as items
  const bottleTrip = { epcs: items, source: 'wineImporter', destination: 'supermarket' } as const;
  b.object({
    ...bottleTrip,
    quantities: [{ code: lot, quantity: 120, uom: 'H87' }],
    by: 'wineImporter',
    at: b.day(28, 9),
    bizStep: 'shipping',
    location: b.location('bondedWarehouse'),
  });
  b.object({
    ...bottleTrip,
    by: 'supermarket',
    at: b.day(27, 15),
    bizStep: 'receiving',
    location: b.location('supermarketStore'),
  });
  const sold = items[0] as string;
  b.object({
    by: 'supermarket',
    at: b.day(12, 19),
    bizStep: 'retail_selling',
    disposition: 'retail_sold',
    epcs: [sold],
    location: b.location('supermarketStore'),
    source: 'supermarket',
  });
  for (let w = 0; w < 4; w++) b.scan(sold, b.day(12 - w * 3, 20), '460100');
  return {
    wineBottle: {
      code: codeOf(sold),
      note: '进口波尔多红葡萄酒 bottle: port entry (customs, inspection) → supermarket',
    },
  };
}

/** Medicinal herbs: harvest → primary processing (sulphur-free drying) → sale → pharmacy receipt. */
export function herbChain(b: ChainBuilder): Highlights {
  const H = 'herbs';
  const fresh = b.issue('herbFarm', 'lot', 'herb', { lot: lotNo(b, 'HS', 75), productionDate: b.date(-75) });
  const dried = b.issue('herbFarm', 'lot', 'herb', {
    lot: lotNo(b, 'HSP', 65),
    productionDate: b.date(-65),
    expiryDate: b.date(300),
  });
  b.record('herbFarm', H, 'planting-harvest', {
    lotCode: codeOf(fresh),
    herbName: '山药',
    latinName: 'Dioscorea opposita Thunb.',
    medicinalPart: '根茎',
    originRegion: '410825',
    base: b.location('herbField'),
    grower: b.partyCode('herbFarm'),
    gapCertified: true,
    plantingDate: b.date(-300),
    harvestDate: b.date(-75),
    quantity: 2400,
  });
  b.record('herbFarm', H, 'primary-processing', {
    inputLots: [codeOf(fresh)],
    outputLot: codeOf(dried),
    method: 'drying',
    receivedOn: b.date(-74),
    processedOn: b.date(-65),
    quantity: 800,
    moisture: 12.5,
    sulphurFree: true,
    processor: b.partyCode('herbFarm'),
  });
  b.record('herbFarm', H, 'market-sale', {
    lotCode: codeOf(dried),
    quantity: 100,
    seller: b.partyCode('herbFarm'),
    buyer: b.partyCode('pharmacySanya'),
    soldOn: b.date(-60),
  });
  b.record('pharmacySanya', H, 'pharmacy-receiving', {
    lotCode: codeOf(dried),
    quantity: 100,
    supplier: b.partyCode('herbFarm'),
    receiver: b.partyCode('pharmacySanya'),
    receivedOn: b.date(-56),
    testReport: `ZY-${b.random.digits(8)}`,
    acceptance: 'accepted',
  });
  return {
    herbLot: { code: codeOf(dried), note: '怀山药 lot: 温县 field → sulphur-free drying → pharmacy in 三亚' },
  };
}

/** Rare earth: mining under quota → sale to the smelter → separation → export through customs. */
export function rareEarthChain(b: ChainBuilder): Highlights {
  const R = 'rare-earth';
  const ore = b.issue('rareEarthMiner', 'lot', 'rareOre', {
    lot: lotNo(b, 'XT', 80),
    productionDate: b.date(-80),
  });
  const oxide = b.issue('rareEarthSmelter', 'lot', 'rareOxide', {
    lot: lotNo(b, 'DY', 50),
    productionDate: b.date(-50),
  });
  const quota = '工信部联原〔2026〕12号 2026年第一批稀土开采、冶炼分离总量控制指标';
  b.record('rareEarthMiner', R, 'mining', {
    lotCode: codeOf(ore),
    mineralType: 'ion-adsorption',
    reoQuantity: 40,
    miningLicence: `C350000201${b.random.digits(13)}`,
    quotaDocument: quota.slice(0, 60),
    quotaYear: 2026,
    mine: b.location('rareMine'),
    miner: b.partyCode('rareEarthMiner'),
    minedOn: b.date(-80),
  });
  b.record('rareEarthMiner', R, 'sale', {
    lotCode: codeOf(ore),
    quantity: 40,
    seller: b.partyCode('rareEarthMiner'),
    buyer: b.partyCode('rareEarthSmelter'),
    contract: `HT-2026-${b.random.digits(3)}`,
    vatInvoice: `3500${b.random.digits(6)}`,
    soldOn: b.date(-75),
  });
  b.object({
    by: 'rareEarthSmelter',
    at: b.day(73, 16),
    bizStep: 'receiving',
    quantities: [{ code: ore, quantity: 40, uom: 'TNE' }],
    location: b.location('rareSmelter'),
    source: 'rareEarthMiner',
    destination: 'rareEarthSmelter',
  });
  b.record('rareEarthSmelter', R, 'separation', {
    inputLots: [codeOf(ore)],
    outputLot: codeOf(oxide),
    product: '氧化镝',
    purity: 99.5,
    quantity: { value: 1200, unit: 'KGM' },
    quotaDocument: quota.slice(0, 60),
    plant: b.partyCode('rareEarthSmelter'),
    producedOn: b.date(-50),
  });
  b.record('rareEarthSmelter', R, 'export', {
    lotCode: codeOf(oxide),
    quantity: { value: 500, unit: 'KGM' },
    customsDeclaration: `3702${b.date(-20).slice(0, 4)}${b.random.digits(10)}`,
    exportLicence: `26-AA-${b.random.digits(6)}`,
    destinationCountry: 'JP',
    port: '厦门港',
    consignee: 'Tokyo Materials Co. Ltd.',
    exportedOn: b.date(-20),
  });
  return {
    rareEarthOxide: {
      code: codeOf(oxide),
      note: '氧化镝 lot: mine (长汀) → separation (厦门) → export to Japan',
    },
  };
}

/** An explosive-precursor chemical: production, licensed real-name sale (reported late), transport, use. */
export function chemicalChain(b: ChainBuilder, bags: number): Highlights {
  const HZ = 'hazardous-goods';
  const batchNumber = lotNo(b, 'XSA', 45);
  const codes = Array.from({ length: bags }, () =>
    b.issue('chemicalMaker', 'item', 'chemical', {
      lot: batchNumber,
      productionDate: b.date(-45),
      expiryDate: b.date(685),
    }),
  );
  const bare = codes.map(codeOf);
  b.record('chemicalMaker', HZ, 'production', {
    codes: bare,
    productName: '硝酸铵',
    hazardClass: 'explosive-precursor',
    unNumber: 'UN1942',
    netMass: bags * 25,
    batchNumber,
    productionLicence: `(豫)WH安许证字[2024]${b.random.digits(6)}`,
    producedOn: b.date(-45),
    producer: b.partyCode('chemicalMaker'),
  });
  b.object({
    by: 'chemicalMaker',
    at: b.day(42, 9),
    bizStep: 'shipping',
    epcs: codes,
    location: b.location('chemicalFactory'),
    source: 'chemicalMaker',
    destination: 'chemicalDealer',
  });
  b.object({
    by: 'chemicalDealer',
    at: b.day(39, 15),
    bizStep: 'receiving',
    epcs: codes,
    location: b.location('chemicalStore'),
    source: 'chemicalMaker',
    destination: 'chemicalDealer',
  });
  const sold = bare.slice(0, Math.ceil(bags / 2));
  b.record(
    'chemicalDealer',
    HZ,
    'sale',
    {
      codes: sold,
      productName: '硝酸铵',
      quantity: { value: sold.length, unit: 'H87' },
      soldAt: b.time(b.day(9, 10)),
      seller: b.partyCode('chemicalDealer'),
      buyer: b.partyCode('chemicalBuyer'),
      buyerAddress: '福建省福州市仓山区建新镇金山工业区 12 号',
      buyerLicence: `闽公易购备〔2026〕${b.random.digits(4)}号`,
      buyerLicenceValidUntil: b.date(200),
      agentName: '林峰',
      agentIdNumber: '350104198507122318',
      purpose: '生产原料（化肥复配）',
      paymentMethod: 'bank-transfer',
      reportedToPolice: true,
    },
    // PLANTED late report: the sale of 9 days ago is reported only now (the rule: within 5 days).
    null,
  );
  // the dealer hands the bags to the carrier (发货): a plain shipping event, recorded in time
  b.object({
    by: 'chemicalDealer',
    at: b.day(9, 12),
    bizStep: 'shipping',
    disposition: 'in_transit',
    epcs: sold.map((c) => `urn:suyuan:code:${c}`),
    location: b.location('chemicalStore'),
    source: 'chemicalDealer',
    destination: 'chemicalBuyer',
  });
  b.record('hazmatCarrier', HZ, 'transport', {
    codes: sold,
    departedAt: b.time(b.day(9, 13)),
    vehicleNumber: `闽D${b.random.digits(5)}`,
    transportPermit: `闽交运管许可厦字${b.random.digits(9)}号`,
    driver: '陈建伟',
    driverCertificate: '350203197806150518',
    escort: '陈晨',
    escortCertificate: '350203199002280026',
    from: b.location('chemicalStore'),
    to: b.location('chemicalPlant'),
    route: 'G15 沈海高速—福州南出口',
  });
  b.object({
    by: 'chemicalBuyer',
    at: b.day(13, 16),
    bizStep: 'receiving',
    epcs: sold.map((c) => `urn:suyuan:code:${c}`),
    location: b.location('chemicalPlant'),
    source: 'chemicalDealer',
    destination: 'chemicalBuyer',
  });
  b.record('chemicalBuyer', HZ, 'use', {
    codes: sold.slice(0, 2),
    usedAt: b.time(b.day(5, 9)),
    site: b.location('chemicalPlant'),
    project: '复合肥生产线投料',
    operator: '林峰',
    operatorCertificate: `HG350${b.random.digits(5)}`,
    quantityUsed: { value: 2, unit: 'H87' },
  });
  return {
    chemicalLot: {
      code: bare[0] as string,
      note: '硝酸铵 bag: production, licensed real-name sale (PLANTED: reported only 9 days later), transport, use',
    },
  };
}
