/**
 * The industry template model (行业追溯模板): for one product category and each of its critical
 * tracking events (CTEs), the key data elements (KDEs) an enterprise records, how each is checked
 * and where it goes in the EPCIS 2.0 event. Templates are data (src/templates/builtin/*.yaml and
 * the `templates` table); this file is the contract other modules code against.
 */

export interface Lang {
  zh: string;
  en: string;
}

export type FieldType =
  | 'text'
  | 'number'
  | 'date'
  | 'datetime'
  | 'time'
  | 'enum'
  | 'boolean'
  | 'code'
  | 'party'
  | 'product'
  | 'location'
  | 'file';

export const fieldTypes: readonly FieldType[] = [
  'text',
  'number',
  'date',
  'datetime',
  'time',
  'enum',
  'boolean',
  'code',
  'party',
  'product',
  'location',
  'file',
];

export type VisibilityClass = 'public' | 'partners' | 'regulators' | 'owner';
export const visibilityClasses: readonly VisibilityClass[] = ['public', 'partners', 'regulators', 'owner'];

/** Where in the EPCIS event a field's value goes (see docs in src/templates/README.md). */
export type FieldMapping =
  /** Top-level extension `suyuan:<name>` (the default). */
  | 'extension'
  /** The event's eventTime (a date or datetime field). */
  | 'eventTime'
  | 'epcList'
  | 'parentID'
  | 'childEPCs'
  | 'inputEPCList'
  | 'outputEPCList'
  /** A class (lot code or product) in a quantity list; its quantity comes from a `quantityOf` field. */
  | 'quantityList'
  | 'childQuantityList'
  | 'inputQuantityList'
  | 'outputQuantityList'
  | 'readPoint'
  | 'bizLocation'
  /** ILMD (instance/lot master data) as `suyuan:<name>`, or the CBV MDA term given by `{ ilmd: … }`. */
  | 'ilmd'
  | { ilmd: string }
  /** The quantity (and unit) of the classes held by the named field(s). */
  | { quantityOf: string | string[] }
  /** A bizTransactionList entry of this type (CBV bare term such as `po`, `inv`, `cert`, or a URI). */
  | { bizTransaction: string }
  /** A sourceList / destinationList entry of this type (owning_party, possessing_party, location). */
  | { source: string }
  | { destination: string }
  /** A sensor report of this measurement type (e.g. `gs1:Temperature`); the value and unit of a number. */
  | { sensor: string };

export interface EnumOption {
  value: string;
  label: Lang;
  /** The event's disposition when this value is chosen (e.g. an inspection conclusion → non_conformant). */
  disposition?: string;
}

export interface TemplateField {
  /** Machine name, camelCase, e.g. 'quarantineCertificate'. */
  name: string;
  type: FieldType;
  required: boolean;
  label: Lang;
  help?: Lang;
  /** Numbers: default unit (UN/CEFACT rec 20, e.g. KGM). */
  unit?: string;
  /** Numbers: units accepted ('12.5 KGM' or {value, unit}). */
  units?: string[];
  enum?: EnumOption[];
  pattern?: string;
  min?: number;
  max?: number;
  maxLength?: number;
  /** A list of values (e.g. several codes). */
  multiple?: boolean;
  visibility: VisibilityClass;
  // --- beyond the contract ---
  /** Numbers: whole numbers only. */
  integer?: boolean;
  /** Dates and datetimes: a value after today is accepted (expiry, next inspection). Default false. */
  allowFuture?: boolean;
  /** Codes that are neither suyuan codes, GS1 keys nor URIs become urn:suyuan:<scheme>:<value>. */
  scheme?: string;
  /** Where the value goes in the EPCIS event (default: extension). */
  epcis?: FieldMapping;
  /** An example value (the example record of the CTE, the Excel example row). */
  example?: unknown;
}

/** A rule between two fields of one record (checked when both have values). */
export interface CrossRule {
  field: string;
  /** `after` strictly later, `notBefore` the same or later, `before`, `notAfter`; `differs` not equal. */
  op: 'after' | 'notBefore' | 'before' | 'notAfter' | 'differs';
  other: string;
  message?: Lang;
}

/** Hard rules a CTE takes part in (enforced at capture on every channel, see rules.ts). */
export type HardRule = 'uniqueCommissioning' | 'sellerHolds' | 'buyerLicence' | 'cylinderFillable';

export const hardRules: readonly HardRule[] = [
  'uniqueCommissioning',
  'sellerHolds',
  'buyerLicence',
  'cylinderFillable',
];

export type EventType = 'ObjectEvent' | 'AggregationEvent' | 'TransformationEvent' | 'TransactionEvent';

export interface TemplateCte {
  id: string;
  label: Lang;
  help?: Lang;
  /** CBV bare term (e.g. `receiving`) or `urn:suyuan:bizstep:…`. */
  bizStep: string;
  fields: TemplateField[];
  // --- beyond the contract ---
  /** EPCIS event type (default ObjectEvent). */
  eventType?: EventType;
  /** ADD | OBSERVE | DELETE (default OBSERVE; not for TransformationEvent). */
  action?: 'ADD' | 'OBSERVE' | 'DELETE';
  /** CBV disposition (bare) or a URI; an enum option's disposition overrides it. */
  disposition?: string;
  rules?: CrossRule[];
  hardRules?: HardRule[];
  /** FSMA 204 CTE this one corresponds to (e.g. 'shipping'), for the FSMA export. */
  fsma?: string;
}

export interface Template {
  id: string;
  version: number;
  /** One of the nine categories of DOMAIN.md (templateCategories). */
  category: string;
  label: Lang;
  ctes: TemplateCte[];
  help?: Lang;
}

export const templateCategories: Record<string, Lang> = {
  'edible-farm-products': { zh: '食用农产品', en: 'Edible farm products' },
  food: { zh: '食品', en: 'Food' },
  drugs: { zh: '药品', en: 'Drugs' },
  'farm-inputs': { zh: '农业生产资料', en: 'Farm inputs' },
  'special-equipment': { zh: '特种设备', en: 'Special equipment' },
  'hazardous-goods': { zh: '危险品', en: 'Hazardous goods' },
  'rare-earth': { zh: '稀土', en: 'Rare earth' },
  imports: { zh: '进口产品', en: 'Imported products' },
  herbs: { zh: '中药材', en: 'Medicinal herbs' },
  /** Cross-category KDE sets such as FSMA 204. */
  general: { zh: '通用', en: 'General' },
};

export type FieldValue = string | number | boolean | string[] | { value: number; unit: string };

export interface RecordInput {
  template: string;
  cte: string;
  fields: Record<string, FieldValue | null>;
}

/** pointer e.g. '/fields/expiryDate' */
export interface RecordIssue {
  pointer: string;
  message: string;
}

/** The suyuan JSON-LD namespace of extension fields. */
export const suyuanNamespace = 'https://suyuan.dev/ns/';
export const suyuanPrefix = 'suyuan';
/** Extension keys every template-made event carries: the template id@version and the CTE id. */
export const templateKey = 'suyuan:template';
export const cteKey = 'suyuan:cte';
/** China Standard Time: the offset given to dates and to datetimes written without one. */
export const defaultOffset = '+08:00';

/** 'meat-vegetables@2' */
export function templateRef(template: Pick<Template, 'id' | 'version'>): string {
  return `${template.id}@${template.version}`;
}

export function parseTemplateRef(ref: string): { id: string; version?: number } {
  const m = /^([a-z0-9][a-z0-9-]*)(?:@(\d+))?$/.exec(ref);
  if (!m) return { id: ref };
  return m[2] === undefined ? { id: m[1] as string } : { id: m[1] as string, version: Number(m[2]) };
}
