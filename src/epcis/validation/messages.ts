import type { RawError } from './compiler.js';
import { child, label, unescapeSegment } from './pointer.js';
import { DATE_TIME_PATTERN } from './schema/primitives.js';

export interface ValidationIssue {
  /** JSON pointer into the submitted body, e.g. /epcisBody/eventList/3/eventTime */
  pointer: string;
  message: string;
}

const IDENTIFIERS = new Set([
  'epcList',
  'childEPCs',
  'inputEPCList',
  'outputEPCList',
  'parentID',
  'epcClass',
  'id',
  'source',
  'destination',
]);

/** Messages for pattern errors, by property name (and by parent list for the ambiguous `type`). */
const PATTERNS: Record<string, string> = {
  eventTimeZoneOffset: 'must look like +08:00',
  uom: 'must be a 2–3 character UN/CEFACT unit code such as KGM',
  bizStep: 'must be a CBV business step such as shipping (bare, URN or Web URI form) or another URI',
  disposition: 'must be a CBV disposition such as in_transit (bare, URN or Web URI form) or another URI',
  set: 'must be a CBV disposition such as in_transit (bare, URN or Web URI form) or another URI',
  unset: 'must be a CBV disposition such as in_transit (bare, URN or Web URI form) or another URI',
  reason: 'must be did_not_occur, incorrect_data or a URI',
  component: 'must be a CBV component such as latitude, or a URI',
  exception: 'must be ALARM_CONDITION, ERROR_CONDITION or a URI',
  hexBinaryValue: 'must be hexadecimal digits',
  schemaVersion: 'must look like 2.0',
  bizTransactionList: 'must be a CBV business transaction type such as po, or a URI',
  sourceList: 'must be owning_party, possessing_party, location or a URI',
  destinationList: 'must be owning_party, possessing_party, location or a URI',
  sensorReport: 'must be a GS1 measurement type such as Temperature, or a URI',
};

const ANY_OF: Record<string, string> = {
  '@context': 'must be a URI, a context object or an array of them',
  certificationInfo: 'must be a URI or an array of URIs',
};

const A_OR_AN: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
  null: 'null',
};

/** Property names along a pointer, without array indexes. */
function names(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map(unescapeSegment)
    .filter((s) => !/^\d+$/.test(s));
}

/** The schema node at a schema path such as `#/properties/epcisBody/additionalProperties`. */
function schemaAt(root: object, schemaPath: string): unknown {
  let node: unknown = root;
  for (const raw of schemaPath.replace(/^#\/?/, '').split('/')) {
    if (raw === '') continue;
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[unescapeSegment(decodeURIComponent(raw))];
  }
  return node;
}

export interface TranslateContext {
  /** The compiled schema, to tell objects that take extension fields from those that do not. */
  schema: object;
  /** Prefix to add to every instance path. */
  prefix: string;
  /** The event type, for messages about fields that belong to other event types. */
  eventType?: string;
}

/** Fields that are standard on some event type; named as misplaced rather than unknown. */
const EVENT_FIELDS = new Set([
  'action',
  'epcList',
  'quantityList',
  'parentID',
  'childEPCs',
  'childQuantityList',
  'inputEPCList',
  'inputQuantityList',
  'outputEPCList',
  'outputQuantityList',
  'transformationID',
  'persistentDisposition',
  'ilmd',
]);

function unknownProperty(
  pointer: string,
  property: string,
  objectPath: string,
  context: TranslateContext,
): string {
  const parent = pointer.slice(0, pointer.lastIndexOf('/'));
  if (parent === context.prefix && context.eventType) {
    const article = /^[AEIOU]/.test(context.eventType) ? 'an' : 'a';
    if (property === 'ilmd')
      return 'ilmd is only allowed on an ObjectEvent with action ADD or a TransformationEvent';
    if (EVENT_FIELDS.has(property)) return `${property} is not allowed on ${article} ${context.eventType}`;
  }
  const node = schemaAt(context.schema, objectPath.replace(/\/additionalProperties$/, ''));
  const extensible = typeof node === 'object' && node !== null && 'patternProperties' in node;
  return extensible
    ? `unknown field ${property}: extension fields need a namespace prefix, e.g. ex:${property}`
    : `unknown field ${property} in ${label(parent)}`;
}

const dateTime = (name: string): string =>
  `${name} must be a date-time with a time zone, e.g. 2024-05-01T08:30:00+08:00`;

function describe(error: RawError, pointer: string): string {
  const name = label(pointer);
  const path = names(pointer);
  const last = path[path.length - 1] ?? '';
  const params = error.params;
  switch (error.keyword) {
    case 'format':
      if (params.format === 'date-time') return dateTime(name);
      return IDENTIFIERS.has(last)
        ? `${name} must be an absolute URI, e.g. urn:epc:id:sgtin:0614141.107346.2017`
        : `${name} must be an absolute URI`;
    case 'pattern': {
      if (params.pattern === DATE_TIME_PATTERN) return dateTime(name);
      const key = last === 'type' ? (path[path.length - 2] ?? '') : last;
      return `${name} ${PATTERNS[key] ?? `has an invalid format (expected ${String(params.pattern)})`}`;
    }
    case 'type':
      return `${name} must be ${A_OR_AN[String(params.type)] ?? String(params.type)}`;
    case 'enum':
      return `${name} must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'const':
      return `${name} must be ${String(params.allowedValue)}`;
    case 'minimum':
      return `${name} must be a number >= ${String(params.limit)}`;
    case 'minItems':
      return `${name} must not be empty`;
    case 'minProperties':
      return last === 'persistentDisposition' ? `${name} needs set or unset` : `${name} must not be empty`;
    case 'uniqueItems':
      return `${name} repeats an earlier item`;
    case 'anyOf':
      return `${name} ${ANY_OF[last] ?? 'has an invalid value'}`;
    default:
      return `${name} is invalid (${error.keyword})`;
  }
}

/** Pointer(s) an error is about: the missing or unknown property, or the later duplicate item. */
function targets(error: RawError, base: string): string[] {
  const params = error.params;
  switch (error.keyword) {
    case 'required':
      return 'missingProperty' in params
        ? [child(base, String(params.missingProperty))]
        : (params.requiredProperties as string[]).map((p) => child(base, p));
    case 'additionalProperties':
      return 'additionalProperty' in params
        ? [child(base, String(params.additionalProperty))]
        : (params.additionalProperties as string[]).map((p) => child(base, p));
    case 'uniqueItems':
      return 'duplicateItems' in params
        ? (params.duplicateItems as number[]).map((i) => child(base, i))
        : [child(base, Math.max(Number(params.i), Number(params.j)))];
    default:
      return [base];
  }
}

/** Drops the per-branch errors of a failed anyOf (its own error says it all) and TypeBox's `false` echoes. */
function collapse(errors: readonly RawError[]): RawError[] {
  const branches = errors
    .filter((e) => e.keyword === 'anyOf')
    .map((e) => `${e.schemaPath.replace(/\/anyOf$/, '')}/anyOf/`);
  return errors.filter(
    (e) =>
      !(e.keyword === 'boolean' && e.schemaPath.endsWith('/additionalProperties')) &&
      !branches.some((b) => e.schemaPath.startsWith(b)),
  );
}

/** Turns compiler errors into short plain-English issues with pointers into the submitted body. */
export function translate(errors: readonly RawError[], context: TranslateContext): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const error of collapse(errors)) {
    for (const pointer of targets(error, context.prefix + error.instancePath)) {
      const property = unescapeSegment(pointer.slice(pointer.lastIndexOf('/') + 1));
      let message: string;
      if (error.keyword === 'required') message = `${property} is required`;
      else if (error.keyword === 'additionalProperties')
        message = unknownProperty(pointer, property, error.schemaPath, context);
      else message = describe(error, pointer);
      // One issue per place: a value can fail several keywords (format and pattern of a date-time).
      if (!issues.some((issue) => issue.pointer === pointer)) issues.push({ pointer, message });
    }
  }
  return issues;
}
