import { creditCodeCheck, organisationCodeCheck } from '../identifiers/china/credit-code.js';
import { withCheckDigit } from '../identifiers/gs1/keys.js';
import { idNumberCheck } from '../parties/merchants/id-number.js';
import type { ApprovalType, CertificationType, LicenceType, LocationKind } from '../parties/vocabulary.js';
import { type EnterpriseKey, enterpriseSpecs } from './enterprises.js';
import { Random } from './random.js';
import { regions } from './regions.js';

// The master data of the demo world, drawn deterministically from the seed: every identifier is
// computed with its check characters (GB 32100, GS1 mod 10, GB 11643), never typed in by hand.

const creditCharset = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export interface SeedEnterprise {
  key: EnterpriseKey;
  creditCode: string;
  gln: string;
  /** GS1 company prefix (7 digits, 690–695) of the enterprise's GTINs. */
  companyPrefix: string;
}

export interface SeedCredential {
  enterprise: EnterpriseKey;
  kind: 'licence' | 'certification';
  type: LicenceType | CertificationType;
  number: string;
  issuer: string;
  /** Days from the seed's day (negative: in the past); null: no end. */
  validFromDays: number;
  validToDays: number | null;
}

export interface SeedLocation {
  enterprise: EnterpriseKey;
  key: string;
  kind: LocationKind;
  name: string;
  /** Position among the enterprise's locations (1-based): the AI 254 extension of its SGLN. */
  seq: number;
}

export interface SeedProduct {
  key: string;
  enterprise: EnterpriseKey;
  gtin: string;
  name: string;
  category: string;
  specification: string;
  unit: string;
  shelfLifeDays: number;
  approvals: { type: ApprovalType; number: string }[];
}

export interface SeedMerchant {
  key: string;
  enterprise: EnterpriseKey;
  name: string;
  idNumber: string;
  stall: string;
  phone: string;
  /** The stall holder's 统一社会信用代码 as an individual business (个体工商户, 92…): the trader in market records. */
  creditCode: string;
}

export interface SeedWorld {
  seed: number;
  enterprises: Record<EnterpriseKey, SeedEnterprise>;
  credentials: SeedCredential[];
  locations: SeedLocation[];
  products: Record<string, SeedProduct>;
  merchants: SeedMerchant[];
}

/** A 统一社会信用代码 registered in `region` with both check characters computed. */
export function makeCreditCode(random: Random, kind: string, region: string): string {
  const org = random.chars(creditCharset, 8);
  const first17 = `${kind}${region}${org}${organisationCodeCheck(org)}`;
  return first17 + creditCodeCheck(first17);
}

/** A 居民身份证号 (GB 11643) with its check character, born in `region`. */
export function makeIdNumber(random: Random, region: string): string {
  const year = random.int(1960, 1995);
  const month = String(random.int(1, 12)).padStart(2, '0');
  const day = String(random.int(1, 28)).padStart(2, '0');
  const first17 = `${region}${year}${month}${day}${random.digits(3)}`;
  return first17 + idNumberCheck(first17);
}

const productSpecs: Omit<SeedProduct, 'gtin'>[] = [
  {
    key: 'mango',
    enterprise: 'mangoFarm',
    name: '三亚贵妃芒',
    category: 'edible-farm.crops.tropical-fruit',
    specification: '5kg/箱',
    unit: '箱',
    shelfLifeDays: 15,
    approvals: [],
  },
  {
    key: 'pork',
    enterprise: 'slaughterhouse',
    name: '冷鲜猪肉（白条）',
    category: 'edible-farm.livestock.pork',
    specification: '按重量',
    unit: 'kg',
    shelfLifeDays: 5,
    approvals: [],
  },
  {
    key: 'pig',
    enterprise: 'pigFarm',
    name: '文昌生猪',
    category: 'edible-farm.livestock.pork',
    specification: '活体',
    unit: '头',
    shelfLifeDays: 1,
    approvals: [],
  },
  {
    key: 'vegetable',
    enterprise: 'vegetableFarm',
    name: '屯昌菜心',
    category: 'edible-farm.crops.vegetables',
    specification: '10kg/筐',
    unit: '筐',
    shelfLifeDays: 5,
    approvals: [],
  },
  {
    key: 'formula',
    enterprise: 'formulaFactory',
    name: '婴儿配方乳粉（0-6月龄，1段）',
    category: 'food.dairy.infant-formula',
    specification: '800g/罐',
    unit: '罐',
    shelfLifeDays: 720,
    approvals: [{ type: 'food-registration', number: '国食注字YP20180023' }],
  },
  {
    key: 'oil',
    enterprise: 'oilMill',
    name: '压榨花生油',
    category: 'food.processed.edible-oil',
    specification: '5L/桶',
    unit: '桶',
    shelfLifeDays: 540,
    approvals: [],
  },
  {
    key: 'drug',
    enterprise: 'drugMaker',
    name: '阿莫西林胶囊',
    category: 'drug.finished.formulations',
    specification: '0.25g×24粒/盒',
    unit: '盒',
    shelfLifeDays: 730,
    approvals: [{ type: 'drug-approval', number: '国药准字H46020568' }],
  },
  {
    key: 'pesticide',
    enterprise: 'pesticideMaker',
    name: '吡虫啉可湿性粉剂',
    category: 'farm-input.crop.pesticide',
    specification: '10%，100g/袋',
    unit: '袋',
    shelfLifeDays: 730,
    approvals: [{ type: 'pesticide-registration', number: 'PD20083518' }],
  },
  {
    key: 'elevator',
    enterprise: 'elevatorMaintainer',
    name: '乘客电梯 1000kg 1.75m/s',
    category: 'special-equipment.electromechanical.elevator',
    specification: '曳引式，18层',
    unit: '台',
    shelfLifeDays: 5475,
    approvals: [],
  },
  {
    key: 'cylinder',
    enterprise: 'gasFilling',
    name: '液化石油气钢瓶 YSP35.5',
    category: 'special-equipment.pressure.gas-cylinder',
    specification: '35.5L，15kg',
    unit: '只',
    shelfLifeDays: 2920,
    approvals: [],
  },
  {
    key: 'chemical',
    enterprise: 'chemicalMaker',
    name: '硝酸铵（易制爆）',
    category: 'hazardous.chemicals.explosive-precursors',
    specification: '25kg/袋',
    unit: '袋',
    shelfLifeDays: 730,
    approvals: [],
  },
  {
    key: 'rareOre',
    enterprise: 'rareEarthMiner',
    name: '离子型稀土精矿',
    category: 'rare-earth.mining.mine-products',
    specification: 'REO≥92%，1t/袋',
    unit: '吨',
    shelfLifeDays: 3650,
    approvals: [],
  },
  {
    key: 'rareOxide',
    enterprise: 'rareEarthSmelter',
    name: '氧化镝 Dy2O3 99.5%',
    category: 'rare-earth.smelting.separated-oxides',
    specification: '50kg/桶',
    unit: '桶',
    shelfLifeDays: 3650,
    approvals: [],
  },
  {
    key: 'wine',
    enterprise: 'wineImporter',
    name: '波尔多红葡萄酒（进口）',
    category: 'import.beverages.wine',
    specification: '750ml×6瓶/箱',
    unit: '瓶',
    shelfLifeDays: 3650,
    approvals: [{ type: 'import-registration', number: 'C046202611240001' }],
  },
  {
    key: 'herb',
    enterprise: 'herbFarm',
    name: '怀山药（铁棍山药）',
    category: 'herb.medicinal.medicinal-materials',
    specification: '1kg/袋',
    unit: '袋',
    shelfLifeDays: 365,
    approvals: [],
  },
];

const locationSpecs: Omit<SeedLocation, 'seq'>[] = [
  { enterprise: 'mangoFarm', key: 'mangoOrchard', kind: 'field', name: '南滨 3 号芒果园' },
  { enterprise: 'mangoFarm', key: 'mangoPackhouse', kind: 'site', name: '崖州包装车间' },
  { enterprise: 'pigFarm', key: 'pigPen', kind: 'field', name: '罗豆 2 号猪舍' },
  { enterprise: 'slaughterhouse', key: 'slaughterLine', kind: 'site', name: '定城屠宰车间' },
  { enterprise: 'vegetableFarm', key: 'vegetableField', kind: 'field', name: '枫木 7 号地块' },
  { enterprise: 'vegetableFarm', key: 'vegetablePackhouse', kind: 'site', name: '枫木预冷分拣中心' },
  { enterprise: 'market', key: 'marketGate', kind: 'read-point', name: '南北市场进场检测点' },
  { enterprise: 'market', key: 'marketHall', kind: 'site', name: '南北市场交易大厅' },
  { enterprise: 'market', key: 'stallA', kind: 'stall', name: 'A 区 08 号摊位' },
  { enterprise: 'market', key: 'stallB', kind: 'stall', name: 'B 区 15 号摊位' },
  { enterprise: 'market', key: 'stallC', kind: 'stall', name: 'C 区 03 号摊位' },
  { enterprise: 'supermarket', key: 'supermarketStore', kind: 'site', name: '旺佳旺海府路店' },
  { enterprise: 'farmersMarket', key: 'farmersMarketHall', kind: 'site', name: '嘉积农贸市场' },
  { enterprise: 'coldChain', key: 'coldStore', kind: 'warehouse', name: '洋浦冷库 1 号' },
  { enterprise: 'dairyFarm', key: 'dairyBarn', kind: 'site', name: '安海牧场挤奶厅' },
  { enterprise: 'formulaFactory', key: 'formulaPlant', kind: 'site', name: '丰泽乳粉生产车间' },
  { enterprise: 'oilMill', key: 'oilPlant', kind: 'site', name: '金水压榨车间' },
  { enterprise: 'drugMaker', key: 'drugPlant', kind: 'site', name: '药谷固体制剂车间' },
  { enterprise: 'drugWholesaler', key: 'drugWarehouse', kind: 'warehouse', name: '府城 GSP 仓库' },
  { enterprise: 'pharmacySanya', key: 'pharmacySanyaStore', kind: 'site', name: '康宁大药房迎宾路店' },
  { enterprise: 'pharmacyHaikou', key: 'pharmacyHaikouStore', kind: 'site', name: '益民药店和平店' },
  { enterprise: 'hospital', key: 'hospitalPharmacy', kind: 'site', name: '第三人民医院药剂科' },
  { enterprise: 'pesticideMaker', key: 'pesticidePlant', kind: 'site', name: '绿丰制剂车间' },
  { enterprise: 'pesticideDealer', key: 'pesticideShop', kind: 'site', name: '丰收农资门店' },
  { enterprise: 'elevatorMaintainer', key: 'elevatorDepot', kind: 'site', name: '安顺维保站' },
  { enterprise: 'elevatorUser', key: 'elevatorBuilding', kind: 'site', name: '海城花园 3 栋' },
  { enterprise: 'gasFilling', key: 'fillingStation', kind: 'site', name: '碣石液化气充装站' },
  { enterprise: 'chemicalMaker', key: 'chemicalFactory', kind: 'site', name: '金水硝铵车间' },
  { enterprise: 'chemicalDealer', key: 'chemicalStore', kind: 'warehouse', name: '华安危化品仓库' },
  { enterprise: 'chemicalBuyer', key: 'chemicalPlant', kind: 'site', name: '金山精细化工车间' },
  { enterprise: 'hazmatCarrier', key: 'hazmatYard', kind: 'site', name: '危货车辆停车场' },
  { enterprise: 'rareEarthMiner', key: 'rareMine', kind: 'site', name: '策武稀土矿区' },
  { enterprise: 'rareEarthSmelter', key: 'rareSmelter', kind: 'site', name: '稀土分离车间' },
  { enterprise: 'rareEarthSmelter', key: 'rareExportPort', kind: 'read-point', name: '厦门海关出口监管仓' },
  { enterprise: 'wineImporter', key: 'bondedWarehouse', kind: 'warehouse', name: '海口综合保税区仓库' },
  { enterprise: 'herbFarm', key: 'herbField', kind: 'field', name: '祥云镇山药田' },
];

const merchantNames = ['王大福', '李秋菊', '陈阿明', '符永和', '吴春花', '黄德胜'];

function credentialsOf(random: Random): SeedCredential[] {
  const out: SeedCredential[] = [];
  const business = (enterprise: EnterpriseKey) =>
    out.push({
      enterprise,
      kind: 'licence',
      type: 'business',
      number: `营业执照-${random.digits(12)}`,
      issuer: `${regions[enterpriseSpecs[enterprise].region].name}市场监督管理局`,
      validFromDays: -random.int(400, 3000),
      validToDays: null,
    });
  for (const key of Object.keys(enterpriseSpecs) as EnterpriseKey[]) {
    if (enterpriseSpecs[key].kind !== '12') business(key);
  }
  const add = (
    enterprise: EnterpriseKey,
    kind: SeedCredential['kind'],
    type: SeedCredential['type'],
    prefix: string,
    issuer: string,
    validToDays: number,
  ) =>
    out.push({
      enterprise,
      kind,
      type,
      number: `${prefix}${random.digits(10)}`,
      issuer,
      validFromDays: validToDays - 5 * 365,
      validToDays,
    });
  // Licences: most valid for years; some expiring within 30 days; one expired (the pesticide dealer).
  add('slaughterhouse', 'licence', 'designated-slaughter', 'A46', '海南省农业农村厅', 400);
  add('pigFarm', 'licence', 'animal-epidemic-prevention', '(琼)动防合字第', '文昌市农业农村局', 21);
  add('supermarket', 'licence', 'food-business', 'JY14601080', '海口市美兰区市场监督管理局', 12);
  add('formulaFactory', 'licence', 'food-production', 'SC10535050', '福建省市场监督管理局', 900);
  add('oilMill', 'licence', 'food-production', 'SC10241010', '河南省市场监督管理局', 700);
  add('drugMaker', 'licence', 'drug-production', '琼20', '海南省药品监督管理局', 1200);
  add('pesticideDealer', 'licence', 'other', '农药经营许可证 琼', '屯昌县农业农村局', -9);
  add('gasFilling', 'licence', 'gas-filling', 'TS4244', '广东省市场监督管理局', 27);
  add(
    'elevatorMaintainer',
    'licence',
    'special-equipment-installation',
    'TS3344',
    '广东省市场监督管理局',
    800,
  );
  add('chemicalMaker', 'licence', 'hazardous-chemicals-safety', '(豫)WH安许证字', '河南省应急管理厅', 1000);
  add('chemicalDealer', 'licence', 'hazardous-chemicals-dealer', '粤汕危化经字', '汕尾市应急管理局', 300);
  add('rareEarthMiner', 'licence', 'rare-earth-mining', 'C3500002010', '福建省自然资源厅', 1500);
  add('wineImporter', 'licence', 'import-export', '对外贸易备案 ', '海口市商务局', 2000);
  // Certifications shown to consumers.
  add('mangoFarm', 'certification', 'geographical-indication', 'AGI0', '农业农村部', 1000);
  add('mangoFarm', 'certification', 'gap', 'GAP-', '中国质量认证中心', 500);
  add('vegetableFarm', 'certification', 'green-food', 'LB-', '中国绿色食品发展中心', 600);
  add('formulaFactory', 'certification', 'haccp', 'HACCP-', '中国质量认证中心', 700);
  add('drugWholesaler', 'certification', 'gsp', 'A-HAIN-', '海南省药品监督管理局', 18);
  add('herbFarm', 'certification', 'organic', 'ORG-', '南京国环有机产品认证中心', 365);
  return out;
}

/** The demo world's master data for a seed (pure: no database). */
export function buildWorld(seed: number): SeedWorld {
  const random = new Random(`suyuan-demo:${seed}:master`);
  const enterprises = {} as Record<EnterpriseKey, SeedEnterprise>;
  const usedPrefixes = new Set<string>();
  for (const key of Object.keys(enterpriseSpecs) as EnterpriseKey[]) {
    const spec = enterpriseSpecs[key];
    let companyPrefix: string;
    do companyPrefix = `69${random.int(0, 5)}${random.digits(4)}`;
    while (usedPrefixes.has(companyPrefix));
    usedPrefixes.add(companyPrefix);
    enterprises[key] = {
      key,
      creditCode: makeCreditCode(random, spec.kind, regions[spec.region].code),
      companyPrefix,
      gln: withCheckDigit(`${companyPrefix}00000`),
    };
  }
  const products: Record<string, SeedProduct> = {};
  productSpecs.forEach((p, i) => {
    const prefix = enterprises[p.enterprise].companyPrefix;
    products[p.key] = { ...p, gtin: withCheckDigit(`${prefix}${String(10 + i).padStart(5, '0')}`) };
  });
  const seqs = new Map<string, number>();
  const locations = locationSpecs.map((l) => {
    const seq = (seqs.get(l.enterprise) ?? 0) + 1;
    seqs.set(l.enterprise, seq);
    return { ...l, seq };
  });
  const merchants = merchantNames.map((name, i) => ({
    key: `merchant${i + 1}`,
    enterprise: (i < 4 ? 'market' : 'farmersMarket') as EnterpriseKey,
    name,
    idNumber: makeIdNumber(random, i % 2 === 0 ? '460100' : '469005'),
    stall: i < 4 ? `${'ABCD'.charAt(i)}-${String(random.int(1, 40)).padStart(2, '0')}` : `J-${i}`,
    phone: `13${random.int(0, 9)}${random.digits(8)}`,
    creditCode: makeCreditCode(random, '92', i < 4 ? '460105' : '469002'),
  }));
  return { seed, enterprises, credentials: credentialsOf(random), locations, products, merchants };
}

/** The SGLN (canonical Digital Link) of a location, as the parties service computes it. */
export function locationUri(world: SeedWorld, key: string): string {
  const location = world.locations.find((l) => l.key === key);
  if (!location) throw new Error(`no demo location ${key}`);
  return `https://id.gs1.org/414/${world.enterprises[location.enterprise].gln}/254/${location.seq}`;
}

/**
 * The party identifier events name an enterprise by: its credit code as `urn:suyuan:party:`, the form
 * the template engine gives party fields, so plain events and template records name parties alike
 * (a shipment and its receipt must name the same party to match).
 */
export function partyUri(world: SeedWorld, key: EnterpriseKey): string {
  return `urn:suyuan:party:${world.enterprises[key].creditCode}`;
}
