// Closed vocabularies of master data: stable English keys (stored and sent over the API) with the
// Chinese labels the source documents use. Adding a key is a code change, never a data change, so
// every stored value stays meaningful.

type Labels = Readonly<Record<string, string>>;

/** The nine categories of important products (DOMAIN.md section 2); also the catalog's top level. */
export const industries = {
  'edible-farm': '食用农产品',
  food: '食品',
  drug: '药品',
  'farm-input': '农业生产资料',
  'special-equipment': '特种设备',
  hazardous: '危险品',
  'rare-earth': '稀土',
  import: '进口产品',
  herb: '中药材',
} as const satisfies Labels;

/** The roles an enterprise plays in traced chains (追溯节点类型). */
export const nodeTypes = {
  farm: '种养殖基地',
  slaughterhouse: '屠宰厂',
  processor: '生产加工企业',
  'wholesale-market': '批发市场',
  'market-merchant': '市场经营户',
  supermarket: '超市',
  'farmers-market': '农贸市场',
  'group-consumer': '团体消费单位',
  pharmacy: '药店',
  hospital: '医院',
  logistics: '物流企业',
  importer: '进口商',
  'filling-station': '气瓶充装单位',
  'elevator-installer': '电梯安装单位',
  'elevator-maintainer': '电梯维保单位',
  'elevator-user': '电梯使用单位',
  'chemical-dealer': '危险化学品经营单位',
  'explosives-dealer': '民用爆炸物品经营单位',
  'rare-earth-miner': '稀土开采企业',
  'rare-earth-smelter': '稀土冶炼分离企业',
  other: '其他',
} as const satisfies Labels;

/** Node types under which stall holders (市场经营户) are registered. */
export const marketOperatorTypes = ['wholesale-market', 'farmers-market', 'supermarket'] as const;

export const licenceTypes = {
  business: '营业执照',
  'food-production': '食品生产许可证（SC）',
  'food-business': '食品经营许可证（JY）',
  'drug-production': '药品生产许可证',
  'drug-distribution': '药品经营许可证',
  'pesticide-production': '农药生产许可证',
  'pesticide-dealer': '农药经营许可证',
  'veterinary-drug-production': '兽药生产许可证',
  'veterinary-drug-dealer': '兽药经营许可证',
  'feed-production': '饲料生产许可证',
  'seed-production-dealer': '种子生产经营许可证',
  'animal-epidemic-prevention': '动物防疫条件合格证',
  'designated-slaughter': '生猪定点屠宰证',
  'hazardous-chemicals-dealer': '危险化学品经营许可证',
  'hazardous-chemicals-safety': '危险化学品安全生产许可证',
  'explosives-production': '民用爆炸物品生产许可证',
  'explosives-sale': '民用爆炸物品销售许可证',
  'fireworks-wholesale': '烟花爆竹经营（批发）许可证',
  'gas-filling': '气瓶充装许可证',
  'special-equipment-installation': '特种设备安装改造修理许可证',
  'rare-earth-mining': '采矿许可证（稀土）',
  'import-export': '对外贸易经营者备案登记',
  other: '其他许可证',
} as const satisfies Labels;

export const certificationTypes = {
  haccp: 'HACCP 危害分析与关键控制点',
  gap: 'GAP 良好农业规范',
  gmp: 'GMP 药品生产质量管理规范',
  gsp: 'GSP 药品经营质量管理规范',
  organic: '有机产品认证',
  'green-food': '绿色食品',
  'geographical-indication': '农产品地理标志',
  'iso-9001': 'ISO 9001 质量管理体系',
  'iso-22000': 'ISO 22000 食品安全管理体系',
  other: '其他认证',
} as const satisfies Labels;

export const locationKinds = {
  site: '场所',
  field: '地块/圈舍',
  warehouse: '仓库',
  stall: '摊位',
  'read-point': '采集点',
  other: '其他',
} as const satisfies Labels;

/** Approval and registration numbers a product may carry. */
export const approvalTypes = {
  'drug-approval': '药品批准文号',
  'pesticide-registration': '农药登记证号',
  'veterinary-drug-approval': '兽药批准文号',
  'feed-registration': '饲料产品批准文号',
  'fertilizer-registration': '肥料登记证号',
  'seed-variety-registration': '品种登记/审定编号',
  'food-registration': '食品注册号（特殊食品）',
  'import-registration': '进口注册/备案号',
  other: '其他',
} as const satisfies Labels;

export type Industry = keyof typeof industries;
export type NodeType = keyof typeof nodeTypes;
export type LicenceType = keyof typeof licenceTypes;
export type CertificationType = keyof typeof certificationTypes;
export type LocationKind = keyof typeof locationKinds;
export type ApprovalType = keyof typeof approvalTypes;

export function keysOf<T extends Labels>(labels: T): (keyof T & string)[] {
  return Object.keys(labels) as (keyof T & string)[];
}
