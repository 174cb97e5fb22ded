import { cbvTermLists } from '../epcis/cbv.js';
import {
  type FieldMapping,
  fieldTypes,
  hardRules,
  type RecordIssue,
  type TemplateField,
  templateCategories,
  visibilityClasses,
} from './model.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const NAME = /^[a-z][A-Za-z0-9]*$/;
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/;
const PREFIXED = /^[a-z][a-z0-9]*:[A-Za-z_][\w.-]*$/;

const classLists = ['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList'];
const codeLists = ['epcList', 'parentID', 'childEPCs', 'inputEPCList', 'outputEPCList'];
const simpleMappings = [
  'extension',
  'eventTime',
  ...codeLists,
  ...classLists,
  'readPoint',
  'bizLocation',
  'ilmd',
];

/** Event types and the identifier lists each takes. */
const listsOf: Record<string, string[]> = {
  ObjectEvent: ['epcList', 'quantityList'],
  AggregationEvent: ['parentID', 'childEPCs', 'childQuantityList'],
  TransactionEvent: ['parentID', 'epcList', 'quantityList'],
  TransformationEvent: ['inputEPCList', 'outputEPCList', 'inputQuantityList', 'outputQuantityList'],
};

function checkLang(value: unknown, pointer: string, issues: RecordIssue[], required = true): void {
  if (value === undefined && !required) return;
  if (
    !isObject(value) ||
    typeof value.zh !== 'string' ||
    typeof value.en !== 'string' ||
    !value.zh ||
    !value.en
  ) {
    issues.push({ pointer, message: 'expected {zh, en} with both labels' });
  }
}

const isBizStep = (v: unknown) =>
  typeof v === 'string' &&
  (cbvTermLists.bizStep.includes(v) ||
    /^urn:suyuan:bizstep:[a-z][a-z0-9_]*$/.test(v) ||
    (URI.test(v) && !v.startsWith('urn:epcglobal:')));
const isDisposition = (v: unknown) =>
  typeof v === 'string' &&
  (cbvTermLists.disposition.includes(v) || /^urn:suyuan:disp:[a-z][a-z0-9_]*$/.test(v));
const isSdt = (v: unknown) =>
  typeof v === 'string' &&
  (cbvTermLists.sourceDestType.includes(v) || (URI.test(v) && !v.startsWith('urn:epcglobal:')));
const isBtt = (v: unknown) =>
  typeof v === 'string' &&
  (cbvTermLists.bizTransactionType.includes(v) || (URI.test(v) && !v.startsWith('urn:epcglobal:')));

function mappingIssue(
  map: unknown,
  field: Json,
  eventType: string,
  action: string | undefined,
): string | undefined {
  const type = field.type;
  if (typeof map === 'string') {
    if (!simpleMappings.includes(map)) return `unknown mapping "${map}"`;
    if (map === 'eventTime' && type !== 'date' && type !== 'datetime')
      return 'eventTime takes a date or datetime field';
    if ([...codeLists, ...classLists].includes(map)) {
      if (!listsOf[eventType]?.includes(map)) return `a ${eventType} has no ${map}`;
      if (codeLists.includes(map) && type !== 'code') return `${map} takes a code field`;
      if (classLists.includes(map) && type !== 'code' && type !== 'product')
        return `${map} takes a code or product field`;
      if (map === 'parentID' && field.multiple) return 'parentID takes one code';
    }
    if ((map === 'readPoint' || map === 'bizLocation') && type !== 'location')
      return `${map} takes a location field`;
    if (
      map === 'ilmd' &&
      !(eventType === 'TransformationEvent' || (eventType === 'ObjectEvent' && action === 'ADD'))
    )
      return 'ilmd belongs to ObjectEvents with action ADD and TransformationEvents';
    return undefined;
  }
  if (!isObject(map) || Object.keys(map).length !== 1)
    return 'expected a mapping name or an object with one key';
  const [key, value] = Object.entries(map)[0] as [string, unknown];
  switch (key) {
    case 'ilmd':
      if (typeof value !== 'string' || !PREFIXED.test(value))
        return 'ilmd takes a prefixed term, e.g. cbvmda:lotNumber';
      if (!(eventType === 'TransformationEvent' || (eventType === 'ObjectEvent' && action === 'ADD')))
        return 'ilmd belongs to ObjectEvents with action ADD and TransformationEvents';
      return undefined;
    case 'quantityOf':
      return (typeof value === 'string' ||
        (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'))) &&
        type === 'number'
        ? undefined
        : 'quantityOf takes a number field and a field name (or a list of them)';
    case 'bizTransaction':
      return isBtt(value)
        ? undefined
        : `bizTransaction type ${String(value)} is neither a CBV term nor a URI`;
    case 'source':
    case 'destination':
      if (!isSdt(value)) return `${key} type ${String(value)} is neither a CBV term nor a URI`;
      return type === 'party' || type === 'location' ? undefined : `${key} takes a party or location field`;
    case 'sensor':
      return typeof value === 'string' && (PREFIXED.test(value) || URI.test(value))
        ? undefined
        : 'sensor takes a measurement type, e.g. gs1:Temperature';
    default:
      return `unknown mapping "${key}"`;
  }
}

function checkField(
  f: unknown,
  p: string,
  issues: RecordIssue[],
  eventType: string,
  action: string | undefined,
): void {
  if (!isObject(f)) {
    issues.push({ pointer: p, message: 'a field must be an object' });
    return;
  }
  const known = [
    'name',
    'type',
    'required',
    'label',
    'help',
    'unit',
    'units',
    'enum',
    'pattern',
    'min',
    'max',
    'maxLength',
    'multiple',
    'visibility',
    'integer',
    'allowFuture',
    'scheme',
    'epcis',
    'example',
  ];
  for (const k of Object.keys(f))
    if (!known.includes(k)) issues.push({ pointer: `${p}/${k}`, message: `unknown property ${k}` });
  if (typeof f.name !== 'string' || !NAME.test(f.name))
    issues.push({ pointer: `${p}/name`, message: 'a camelCase machine name is required' });
  if (!fieldTypes.includes(f.type as never))
    issues.push({ pointer: `${p}/type`, message: `type must be one of ${fieldTypes.join(', ')}` });
  if (typeof f.required !== 'boolean')
    issues.push({ pointer: `${p}/required`, message: 'required must be true or false' });
  checkLang(f.label, `${p}/label`, issues);
  checkLang(f.help, `${p}/help`, issues, false);
  if (!visibilityClasses.includes(f.visibility as never))
    issues.push({
      pointer: `${p}/visibility`,
      message: `visibility must be one of ${visibilityClasses.join(', ')}`,
    });
  if (
    f.unit !== undefined &&
    (f.type !== 'number' || typeof f.unit !== 'string' || !/^[A-Z0-9]{1,8}$/.test(f.unit))
  )
    issues.push({ pointer: `${p}/unit`, message: 'unit: a UN/CEFACT code, on number fields' });
  if (
    f.units !== undefined &&
    (f.type !== 'number' ||
      !Array.isArray(f.units) ||
      !f.units.every((u) => typeof u === 'string' && /^[A-Z0-9]{1,8}$/.test(u)))
  )
    issues.push({ pointer: `${p}/units`, message: 'units: a list of UN/CEFACT codes, on number fields' });
  if (f.type === 'enum') {
    if (!Array.isArray(f.enum) || f.enum.length === 0)
      issues.push({ pointer: `${p}/enum`, message: 'an enum field needs its values' });
    else {
      const values = new Set<string>();
      f.enum.forEach((o: unknown, i) => {
        if (!isObject(o) || typeof o.value !== 'string' || o.value === '') {
          issues.push({ pointer: `${p}/enum/${i}`, message: 'each option needs a value and a label' });
          return;
        }
        if (values.has(o.value))
          issues.push({ pointer: `${p}/enum/${i}/value`, message: `${o.value} is listed twice` });
        values.add(o.value);
        checkLang(o.label, `${p}/enum/${i}/label`, issues);
        if (o.disposition !== undefined && !isDisposition(o.disposition))
          issues.push({
            pointer: `${p}/enum/${i}/disposition`,
            message: 'a CBV disposition or urn:suyuan:disp:…',
          });
      });
    }
  } else if (f.enum !== undefined)
    issues.push({ pointer: `${p}/enum`, message: 'only enum fields list values' });
  if (f.pattern !== undefined) {
    try {
      new RegExp(String(f.pattern), 'u');
    } catch {
      issues.push({ pointer: `${p}/pattern`, message: 'not a valid regular expression' });
    }
  }
  for (const k of ['min', 'max', 'maxLength'] as const) {
    if (f[k] !== undefined && (typeof f[k] !== 'number' || !Number.isFinite(f[k])))
      issues.push({ pointer: `${p}/${k}`, message: 'a number' });
  }
  if (typeof f.min === 'number' && typeof f.max === 'number' && f.min > f.max)
    issues.push({ pointer: `${p}/min`, message: 'min is above max' });
  if (f.epcis !== undefined) {
    const problem = mappingIssue(f.epcis, f, eventType, action);
    if (problem) issues.push({ pointer: `${p}/epcis`, message: problem });
  }
}

/** Checks a template definition (a built-in file or a POST /api/templates body). */
export function validateTemplate(body: unknown): RecordIssue[] {
  const issues: RecordIssue[] = [];
  if (!isObject(body)) return [{ pointer: '', message: 'a template must be an object' }];
  for (const k of Object.keys(body))
    if (!['id', 'version', 'category', 'label', 'help', 'ctes'].includes(k))
      issues.push({ pointer: `/${k}`, message: `unknown property ${k}` });
  if (typeof body.id !== 'string' || !ID.test(body.id) || body.id.length > 64)
    issues.push({ pointer: '/id', message: 'id: lower-case words joined by hyphens, e.g. meat-vegetables' });
  if (typeof body.version !== 'number' || !Number.isInteger(body.version) || body.version < 1)
    issues.push({ pointer: '/version', message: 'version: a whole number from 1' });
  if (typeof body.category !== 'string' || !(body.category in templateCategories))
    issues.push({
      pointer: '/category',
      message: `category must be one of ${Object.keys(templateCategories).join(', ')}`,
    });
  checkLang(body.label, '/label', issues);
  checkLang(body.help, '/help', issues, false);
  if (!Array.isArray(body.ctes) || body.ctes.length === 0) {
    issues.push({ pointer: '/ctes', message: 'a template has at least one CTE' });
    return issues;
  }
  const cteIds = new Set<string>();
  body.ctes.forEach((c: unknown, ci) => {
    const p = `/ctes/${ci}`;
    if (!isObject(c)) {
      issues.push({ pointer: p, message: 'a CTE must be an object' });
      return;
    }
    for (const k of Object.keys(c))
      if (
        ![
          'id',
          'label',
          'help',
          'bizStep',
          'fields',
          'eventType',
          'action',
          'disposition',
          'rules',
          'hardRules',
          'fsma',
        ].includes(k)
      )
        issues.push({ pointer: `${p}/${k}`, message: `unknown property ${k}` });
    if (typeof c.id !== 'string' || !ID.test(c.id))
      issues.push({ pointer: `${p}/id`, message: 'id: lower-case words joined by hyphens' });
    else if (cteIds.has(c.id)) issues.push({ pointer: `${p}/id`, message: `CTE ${c.id} is defined twice` });
    else cteIds.add(c.id);
    checkLang(c.label, `${p}/label`, issues);
    checkLang(c.help, `${p}/help`, issues, false);
    if (!isBizStep(c.bizStep))
      issues.push({
        pointer: `${p}/bizStep`,
        message: 'bizStep: a CBV term (e.g. receiving) or urn:suyuan:bizstep:…',
      });
    if (c.disposition !== undefined && !isDisposition(c.disposition))
      issues.push({ pointer: `${p}/disposition`, message: 'a CBV disposition or urn:suyuan:disp:…' });
    const eventType = (c.eventType as string | undefined) ?? 'ObjectEvent';
    if (!(eventType in listsOf))
      issues.push({
        pointer: `${p}/eventType`,
        message: `eventType must be one of ${Object.keys(listsOf).join(', ')}`,
      });
    if (
      c.action !== undefined &&
      (!['ADD', 'OBSERVE', 'DELETE'].includes(c.action as string) || eventType === 'TransformationEvent')
    )
      issues.push({
        pointer: `${p}/action`,
        message: 'action: ADD, OBSERVE or DELETE (none for TransformationEvent)',
      });
    if (!Array.isArray(c.fields) || c.fields.length === 0) {
      issues.push({ pointer: `${p}/fields`, message: 'a CTE has at least one field' });
      return;
    }
    const names = new Map<string, Json>();
    c.fields.forEach((f: unknown, fi) => {
      checkField(f, `${p}/fields/${fi}`, issues, eventType, c.action as string | undefined);
      if (isObject(f) && typeof f.name === 'string') {
        if (names.has(f.name))
          issues.push({ pointer: `${p}/fields/${fi}/name`, message: `field ${f.name} is defined twice` });
        names.set(f.name, f);
      }
    });
    c.fields.forEach((f: unknown, fi) => {
      if (!isObject(f) || !isObject(f.epcis) || f.epcis.quantityOf === undefined) return;
      const of = f.epcis.quantityOf;
      for (const name of Array.isArray(of) ? of : [of]) {
        const target = names.get(name as string);
        const map = target?.epcis as FieldMapping | undefined;
        if (!target || typeof map !== 'string' || !classLists.includes(map) || target.multiple)
          issues.push({
            pointer: `${p}/fields/${fi}/epcis`,
            message: `quantityOf must name single-valued fields mapped to a quantity list (${String(name)})`,
          });
      }
    });
    const mapped = [...names.values()].map((f) => f.epcis);
    const lists = mapped.filter(
      (m): m is string => typeof m === 'string' && [...codeLists, ...classLists].includes(m),
    );
    const requiredIds = [...names.values()].some(
      (f) =>
        f.required === true &&
        typeof f.epcis === 'string' &&
        [...codeLists, ...classLists].includes(f.epcis as string),
    );
    if (lists.length === 0 || !requiredIds)
      issues.push({
        pointer: `${p}/fields`,
        message:
          'a CTE needs a required field that names what the event is about (a code or product mapped to an identifier list)',
      });
    for (const list of new Set(lists)) {
      if (lists.filter((l) => l === list).length > 1)
        issues.push({ pointer: `${p}/fields`, message: `only one field may map to ${list}` });
    }
    for (const key of ['readPoint', 'bizLocation']) {
      if (mapped.filter((m) => m === key).length > 1)
        issues.push({ pointer: `${p}/fields`, message: `only one field may map to ${key}` });
    }
    if (mapped.filter((m) => m === 'eventTime').length > 1)
      issues.push({ pointer: `${p}/fields`, message: 'only one field may map to eventTime' });
    if (eventType === 'AggregationEvent' && !lists.includes('parentID'))
      issues.push({
        pointer: `${p}/fields`,
        message: 'an AggregationEvent needs a field mapped to parentID',
      });
    if (eventType === 'TransactionEvent' && !mapped.some((m) => isObject(m) && 'bizTransaction' in m))
      issues.push({
        pointer: `${p}/fields`,
        message: 'a TransactionEvent needs a field mapped to a bizTransaction',
      });
    if (Array.isArray(c.rules)) {
      c.rules.forEach((r: unknown, ri) => {
        if (
          !isObject(r) ||
          !names.has(r.field as string) ||
          !names.has(r.other as string) ||
          !['after', 'notBefore', 'before', 'notAfter', 'differs'].includes(r.op as string)
        )
          issues.push({
            pointer: `${p}/rules/${ri}`,
            message:
              'a rule is {field, op: after|notBefore|before|notAfter|differs, other} over fields of this CTE',
          });
      });
    } else if (c.rules !== undefined) issues.push({ pointer: `${p}/rules`, message: 'a list of rules' });
    if (
      c.hardRules !== undefined &&
      (!Array.isArray(c.hardRules) || !c.hardRules.every((h) => hardRules.includes(h)))
    )
      issues.push({ pointer: `${p}/hardRules`, message: `hard rules: ${hardRules.join(', ')}` });
    else if (Array.isArray(c.hardRules)) hardRuleIssues(body, c, p, issues);
  });
  return issues;
}

const extensionField = (cte: unknown, name: string) =>
  isObject(cte) &&
  Array.isArray(cte.fields) &&
  cte.fields.some(
    (f: unknown) => isObject(f) && f.name === name && (f.epcis === undefined || f.epcis === 'extension'),
  );

/** The data a hard rule reads must be in the template, where the rule reads it. */
function hardRuleIssues(template: Json, cte: Json, p: string, issues: RecordIssue[]): void {
  const rules = cte.hardRules as string[];
  const fields = (cte.fields as Json[]).filter(isObject);
  const ctes = (template.ctes as unknown[]).filter(isObject);
  if (rules.includes('buyerLicence') && !fields.some((f) => f.name === 'buyerLicence'))
    issues.push({ pointer: `${p}/hardRules`, message: 'buyerLicence needs a field named buyerLicence' });
  if (rules.includes('cylinderFillable')) {
    const registration = ctes.find((x) => x.id === 'registration');
    if (!extensionField(registration, 'fillingUnit'))
      issues.push({
        pointer: `${p}/hardRules`,
        message: 'cylinderFillable needs a registration CTE with a fillingUnit extension field',
      });
    if (!ctes.some((x) => extensionField(x, 'nextInspectionDate')))
      issues.push({
        pointer: `${p}/hardRules`,
        message: 'cylinderFillable needs a CTE with a nextInspectionDate extension field',
      });
  }
  if (
    rules.includes('sellerHolds') &&
    !fields.some(
      (f) =>
        typeof f.epcis === 'string' &&
        ['epcList', 'quantityList', 'inputEPCList', 'inputQuantityList', 'parentID'].includes(f.epcis),
    )
  )
    issues.push({
      pointer: `${p}/hardRules`,
      message: 'sellerHolds needs the codes sold in epcList, quantityList, parentID or the inputs',
    });
}

export type { TemplateField };

/**
 * Fills the defaults a template file may leave out: fields are optional and visible to supply-chain
 * partners unless they say otherwise. Returns a copy; anything that is not a template is returned as is.
 */
export function withDefaults(body: unknown): unknown {
  if (!isObject(body) || !Array.isArray(body.ctes)) return body;
  return {
    ...body,
    ctes: body.ctes.map((c: unknown) =>
      isObject(c) && Array.isArray(c.fields)
        ? {
            ...c,
            fields: c.fields.map((f: unknown) =>
              isObject(f)
                ? { ...f, required: f.required ?? false, visibility: f.visibility ?? 'partners' }
                : f,
            ),
          }
        : c,
    ),
  };
}
