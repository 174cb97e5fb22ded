/**
 * CBV 2.0 vocabularies. Standard values arrive in three forms — bare (`shipping`), URN
 * (`urn:epcglobal:cbv:bizstep:shipping`) and Web URI (`https://ref.gs1.org/cbv/BizStep-shipping`) —
 * and are stored and returned bare, as EPCIS 2.0 JSON-LD writes them. Other URIs are kept as they are.
 */
export type Vocabulary =
  | 'bizStep'
  | 'disposition'
  | 'bizTransactionType'
  | 'sourceDestType'
  | 'errorReason'
  | 'component';

const words = (text: string): readonly string[] => text.trim().split(/\s+/);

/** CBV 2.0 standard vocabularies (the same lists as the official EPCIS 2.0 JSON Schema and CBV.ttl). */
export const cbvTermLists: Record<Vocabulary, readonly string[]> = {
  bizStep: words(`
    accepting arriving assembling collecting commissioning consigning creating_class_instance cycle_counting
    decommissioning departing destroying disassembling dispensing encoding entering_exiting holding inspecting
    installing killing loading other packing picking receiving removing repackaging repairing replacing reserving
    retail_selling shipping staging_outbound stock_taking stocking storing transporting unloading unpacking
    void_shipping sensor_reporting sampling`),
  disposition: words(`
    active container_closed damaged destroyed dispensed disposed encoded expired in_progress in_transit inactive
    no_pedigree_match non_sellable_other partially_dispensed recalled reserved retail_sold returned
    sellable_accessible sellable_not_accessible stolen unknown available completeness_verified
    completeness_inferred conformant container_open mismatch_instance mismatch_class mismatch_quantity
    needs_replacement non_conformant unavailable`),
  bizTransactionType: words('bol cert desadv inv pedigree po poc prodorder recadv rma testprd testres upevt'),
  sourceDestType: words('owning_party possessing_party location'),
  errorReason: words('did_not_occur incorrect_data'),
  component: words(`
    x y z axial_distance azimuth height spherical_radius polar_angle elevation_angle easting northing latitude
    longitude altitude`),
};

/** URN namespace and Web URI term prefix of each vocabulary (CBV 2.0 §6 and CBV.ttl). */
export const cbvForms: Record<Vocabulary, { urn: string; web: string }> = {
  bizStep: { urn: 'urn:epcglobal:cbv:bizstep:', web: 'BizStep-' },
  disposition: { urn: 'urn:epcglobal:cbv:disp:', web: 'Disp-' },
  bizTransactionType: { urn: 'urn:epcglobal:cbv:btt:', web: 'BTT-' },
  sourceDestType: { urn: 'urn:epcglobal:cbv:sdt:', web: 'SDT-' },
  errorReason: { urn: 'urn:epcglobal:cbv:er:', web: 'ER-' },
  component: { urn: 'urn:epcglobal:cbv:comp:', web: 'Comp-' },
};

const termSets = Object.fromEntries(
  Object.entries(cbvTermLists).map(([k, v]) => [k, new Set(v)]),
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
  const { urn, web } = cbvForms[vocabulary];
  if (value.startsWith(urn) && set.has(value.slice(urn.length))) return value.slice(urn.length);
  for (const base of webBases) {
    const prefix = base + web;
    if (value.startsWith(prefix) && set.has(value.slice(prefix.length))) return value.slice(prefix.length);
  }
  return value;
}

/** True for a bare standard term. */
export function isCbvTerm(vocabulary: Vocabulary, value: string): boolean {
  return termSets[vocabulary].has(value);
}

export function cbvTerms(vocabulary: Vocabulary): readonly string[] {
  return cbvTermLists[vocabulary];
}

/** The URN form (for clients that ask for GS1-CBV-XML-Format / URN output). */
export function cbvUrn(vocabulary: Vocabulary, value: string): string {
  return isCbvTerm(vocabulary, value) ? cbvForms[vocabulary].urn + value : value;
}
