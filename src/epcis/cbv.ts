/**
 * CBV 2.0 vocabularies. Standard values arrive in three forms — bare (`shipping`), URN
 * (`urn:epcglobal:cbv:bizstep:shipping`) and Web URI (`https://ref.gs1.org/cbv/BizStep-shipping`) —
 * and are stored and returned bare, as EPCIS 2.0 JSON-LD writes them. Other URIs are kept as they are.
 */
export type Vocabulary = 'bizStep' | 'disposition' | 'bizTransactionType' | 'sourceDestType' | 'errorReason';

const terms: Record<Vocabulary, readonly string[]> = {
  bizStep: [
    'accepting',
    'arriving',
    'assembling',
    'collecting',
    'commissioning',
    'consigning',
    'creating_class_instance',
    'cycle_counting',
    'decommissioning',
    'departing',
    'destroying',
    'disassembling',
    'dispensing',
    'encoding',
    'entering_exiting',
    'holding',
    'inspecting',
    'installing',
    'killing',
    'loading',
    'other',
    'packing',
    'picking',
    'receiving',
    'removing',
    'repackaging',
    'repairing',
    'replacing',
    'reserving',
    'retail_selling',
    'shipping',
    'staging_outbound',
    'stock_taking',
    'stocking',
    'storing',
    'transporting',
    'unloading',
    'unpacking',
    'void_shipping',
    'sensor_reporting',
    'sampling',
  ],
  disposition: [
    'active',
    'container_closed',
    'damaged',
    'destroyed',
    'dispensed',
    'disposed',
    'encoded',
    'expired',
    'in_progress',
    'in_transit',
    'inactive',
    'no_pedigree_match',
    'non_sellable_other',
    'partially_dispensed',
    'recalled',
    'reserved',
    'retail_sold',
    'returned',
    'sellable_accessible',
    'sellable_not_accessible',
    'stolen',
    'unknown',
    'available',
    'completeness_verified',
    'completeness_inferred',
    'conformant',
    'container_open',
    'mismatch_instance',
    'mismatch_class',
    'mismatch_quantity',
    'needs_replacement',
    'non_conformant',
    'unavailable',
  ],
  bizTransactionType: [
    'bol',
    'cert',
    'desadv',
    'inv',
    'pedigree',
    'po',
    'poc',
    'prodorder',
    'recadv',
    'rma',
    'testprd',
    'testres',
    'upevt',
  ],
  sourceDestType: ['owning_party', 'possessing_party', 'location'],
  errorReason: ['did_not_occur', 'incorrect_data'],
};

const urnPrefix: Record<Vocabulary, string> = {
  bizStep: 'urn:epcglobal:cbv:bizstep:',
  disposition: 'urn:epcglobal:cbv:disp:',
  bizTransactionType: 'urn:epcglobal:cbv:btt:',
  sourceDestType: 'urn:epcglobal:cbv:sdt:',
  errorReason: 'urn:epcglobal:cbv:er:',
};

const webPrefix: Record<Vocabulary, string> = {
  bizStep: 'BizStep-',
  disposition: 'Disposition-',
  bizTransactionType: 'BTT-',
  sourceDestType: 'SDT-',
  errorReason: 'ER-',
};

const termSets = Object.fromEntries(
  Object.entries(terms).map(([k, v]) => [k, new Set(v)]),
) as unknown as Record<Vocabulary, ReadonlySet<string>>;

const webBases = [
  'https://ref.gs1.org/cbv/',
  'http://ref.gs1.org/cbv/',
  'https://gs1.org/voc/',
  'https://ns.gs1.org/cbv/',
];

/** The bare CBV term for any of its three forms, or the value unchanged when it is not a CBV term. */
export function cbvBare(vocabulary: Vocabulary, value: string): string {
  const set = termSets[vocabulary];
  if (set.has(value)) return value;
  const urn = urnPrefix[vocabulary];
  if (value.startsWith(urn) && set.has(value.slice(urn.length))) return value.slice(urn.length);
  for (const base of webBases) {
    const prefix = base + webPrefix[vocabulary];
    if (value.startsWith(prefix) && set.has(value.slice(prefix.length))) return value.slice(prefix.length);
  }
  return value;
}

/** True for a bare standard term. */
export function isCbvTerm(vocabulary: Vocabulary, value: string): boolean {
  return termSets[vocabulary].has(value);
}

export function cbvTerms(vocabulary: Vocabulary): readonly string[] {
  return terms[vocabulary];
}

/** The URN form (for clients that ask for GS1-CBV-XML-Format / URN output). */
export function cbvUrn(vocabulary: Vocabulary, value: string): string {
  return isCbvTerm(vocabulary, value) ? urnPrefix[vocabulary] + value : value;
}
