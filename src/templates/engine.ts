import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import { type NormalisedEvent, normaliseEvent } from '../epcis/capture/normalise.js';
import { type Capturer, storeEvents } from '../epcis/capture/store.js';
import { epcisContext } from '../epcis/format/event.js';
import { validateEvent } from '../epcis/validation/index.js';
import {
  cteKey,
  defaultOffset,
  type FieldValue,
  type RecordInput,
  type RecordIssue,
  suyuanNamespace,
  type Template,
  type TemplateCte,
  type TemplateField,
  templateKey,
  templateRef,
} from './model.js';
import { findTemplate } from './repository.js';
import { checkValue, instantOf, isEmpty, type Normalised } from './values.js';

export type { RecordInput, RecordIssue, Template } from './model.js';

type Json = Record<string, unknown>;
type Values = Map<string, Normalised | Normalised[]>;

/** The template `id` at `version`, or its latest version; undefined when there is none. */
export async function getTemplate(
  db: Kysely<DB>,
  id: string,
  version?: number,
): Promise<Template | undefined> {
  return findTemplate(db, id, version);
}

const label = (f: TemplateField) => `${f.name} (${f.label.zh})`;

/** Checks a record against one CTE and returns its values in normalised form. */
export function checkFields(
  template: Template,
  cteId: string,
  fields: unknown,
  now: Date = new Date(),
): { issues: RecordIssue[]; cte?: TemplateCte; values: Values } {
  const values: Values = new Map();
  const cte = template.ctes.find((c) => c.id === cteId);
  if (!cte) {
    const known = template.ctes.map((c) => `${c.id} (${c.label.zh})`).join(', ');
    return {
      issues: [
        {
          pointer: '/cte',
          message: `template ${templateRef(template)} has no CTE "${cteId}"; it has ${known}`,
        },
      ],
      values,
    };
  }
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) {
    return {
      issues: [{ pointer: '/fields', message: 'fields must be an object of field name → value' }],
      cte,
      values,
    };
  }
  const given = fields as Record<string, unknown>;
  const issues: RecordIssue[] = [];
  const byName = new Map(cte.fields.map((f) => [f.name, f]));
  for (const name of Object.keys(given)) {
    if (!byName.has(name)) {
      issues.push({
        pointer: `/fields/${escapePointer(name)}`,
        message: `unknown field "${name}" for ${template.id}/${cte.id}; known fields: ${cte.fields.map((f) => f.name).join(', ')}`,
      });
    }
  }
  for (const field of cte.fields) {
    const raw = given[field.name];
    const pointer = `/fields/${field.name}`;
    if (isEmpty(raw)) {
      if (field.required) issues.push({ pointer, message: `${label(field)} is required` });
      continue;
    }
    const checked = checkValue(field, raw, now);
    if (checked.ok) values.set(field.name, checked.value);
    else issues.push({ pointer, message: `${label(field)}: ${checked.message}` });
  }
  for (const rule of cte.rules ?? []) {
    const a = byName.get(rule.field);
    const b = byName.get(rule.other);
    const va = values.get(rule.field);
    const vb = values.get(rule.other);
    if (!a || !b || va === undefined || vb === undefined) continue;
    const x = comparable(a, va);
    const y = comparable(b, vb);
    if (x === undefined || y === undefined) continue;
    const holds =
      rule.op === 'after'
        ? x > y
        : rule.op === 'notBefore'
          ? x >= y
          : rule.op === 'before'
            ? x < y
            : rule.op === 'notAfter'
              ? x <= y
              : x !== y;
    if (!holds) {
      const words = {
        after: 'be after',
        notBefore: 'not be before',
        before: 'be before',
        notAfter: 'not be after',
        differs: 'differ from',
      };
      issues.push({
        pointer: `/fields/${rule.field}`,
        message: rule.message
          ? `${rule.message.zh} / ${rule.message.en}`
          : `${label(a)} must ${words[rule.op]} ${label(b)}`,
      });
    }
  }
  return { issues, cte, values };
}

function comparable(field: TemplateField, value: Normalised | Normalised[]): number | string | undefined {
  if (Array.isArray(value)) return undefined;
  if (field.type === 'date' || field.type === 'datetime') return instantOf(field.type, String(value));
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && value !== null && 'value' in value) return value.value;
  return typeof value === 'string' ? value : undefined;
}

function escapePointer(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Checks one record (pure: no database). Pointers are relative to the record, e.g. '/fields/expiryDate'. */
export function checkRecord(
  template: Template,
  cte: string,
  fields: RecordInput['fields'],
  now?: Date,
): RecordIssue[] {
  return checkFields(template, cte, fields, now).issues;
}

/**
 * The JSON-LD value of a normalised field value inside an extension or ILMD: a number with a unit
 * keeps it, as given: {"suyuan:value": 12.5, "suyuan:unit": "KGM"}; a number without one is plain.
 */
function ldValue(value: Normalised | Normalised[]): unknown {
  if (Array.isArray(value)) return value.map(ldValue);
  if (typeof value === 'object' && value !== null)
    return { 'suyuan:value': value.value, 'suyuan:unit': value.unit };
  return value;
}

const uriValue = (v: Normalised | Normalised[]): string[] =>
  (Array.isArray(v) ? v : [v]).map((x) => String(x));

/** A business-transaction value as a URI: kept when it is one, else urn:suyuan:btx:<type>:<value>. */
export function bizTransactionUri(type: string, value: string): string {
  if (/^(urn|https?):/i.test(value)) return value;
  const slug = (type.split(/[:/#]/).pop() || 'doc').replace(/[^\w.-]/g, '');
  return `urn:suyuan:btx:${slug}:${encodeURIComponent(value)}`;
}

/** The event's context: the EPCIS 2.0 context and the suyuan namespace. */
export const eventContext = [epcisContext, { suyuan: suyuanNamespace }];

/**
 * Converts one record into an EPCIS 2.0 event (JSON-LD), following the CTE's mapping. The event
 * carries `suyuan:template` (id@version) and `suyuan:cte`, and a fresh urn:uuid eventID.
 */
export function recordToEvent(
  template: Template,
  cteId: string,
  fields: RecordInput['fields'],
  context: { enterprise: string | null; now?: Date; eventId?: string },
): { ok: true; event: Record<string, unknown> } | { ok: false; issues: RecordIssue[] } {
  const now = context.now ?? new Date();
  const { issues, cte, values } = checkFields(template, cteId, fields, now);
  if (issues.length > 0 || !cte) return { ok: false, issues };
  return { ok: true, event: buildEvent(template, cte, values, now, context.eventId) };
}

function buildEvent(template: Template, cte: TemplateCte, values: Values, now: Date, eventId?: string): Json {
  const type = cte.eventType ?? 'ObjectEvent';
  const event: Json = {
    '@context': eventContext,
    type,
    eventID: eventId ?? `urn:uuid:${randomUUID()}`,
    eventTime: '',
    eventTimeZoneOffset: defaultOffset,
  };
  if (type !== 'TransformationEvent') event.action = cte.action ?? 'OBSERVE';
  event.bizStep = cte.bizStep;
  let disposition = cte.disposition;
  const lists: Record<string, unknown[]> = {};
  const push = (key: string, item: unknown) => {
    lists[key] ??= [];
    lists[key].push(item);
  };
  const classEntries = new Map<string, Json[]>();
  const ilmd: Json = {};
  const extensions: Json = {};
  let time: string | undefined;
  for (const field of cte.fields) {
    const value = values.get(field.name);
    if (value === undefined) continue;
    if (field.type === 'enum') {
      const option = field.enum?.find((o) => o.value === value);
      if (option?.disposition) disposition = option.disposition;
    }
    const map = field.epcis ?? 'extension';
    if (typeof map === 'string') {
      switch (map) {
        case 'eventTime': {
          const text = String(value);
          time = field.type === 'date' ? `${text}T00:00:00${defaultOffset}` : text;
          break;
        }
        case 'epcList':
        case 'childEPCs':
        case 'inputEPCList':
        case 'outputEPCList':
          for (const uri of uriValue(value)) push(map, uri);
          break;
        case 'parentID':
          event.parentID = uriValue(value)[0];
          break;
        case 'quantityList':
        case 'childQuantityList':
        case 'inputQuantityList':
        case 'outputQuantityList': {
          const entries = uriValue(value).map((epcClass) => ({ epcClass }) as Json);
          classEntries.set(field.name, entries);
          for (const entry of entries) push(map, entry);
          break;
        }
        case 'readPoint':
        case 'bizLocation':
          event[map] = { id: uriValue(value)[0] };
          break;
        case 'ilmd':
          ilmd[`suyuan:${field.name}`] = ldValue(value);
          break;
        default:
          extensions[`suyuan:${field.name}`] = ldValue(value);
      }
    } else if ('ilmd' in map) {
      ilmd[map.ilmd] = ldValue(value);
    } else if ('quantityOf' in map) {
      // applied after all classes are known (below)
    } else if ('bizTransaction' in map) {
      for (const v of uriValue(value))
        push('bizTransactionList', {
          type: map.bizTransaction,
          bizTransaction: bizTransactionUri(map.bizTransaction, v),
        });
    } else if ('source' in map) {
      for (const v of uriValue(value)) push('sourceList', { type: map.source, source: v });
    } else if ('destination' in map) {
      for (const v of uriValue(value)) push('destinationList', { type: map.destination, destination: v });
    } else if ('sensor' in map) {
      const v = Array.isArray(value) ? value[0] : value;
      const report: Json = { type: map.sensor };
      if (typeof v === 'object' && v !== null) {
        report.value = v.value;
        report.uom = v.unit;
      } else if (typeof v === 'number') report.value = v;
      else if (typeof v === 'boolean') report.booleanValue = v;
      else report.stringValue = String(v);
      push('sensorReport', report);
    }
  }
  for (const field of cte.fields) {
    const map = field.epcis;
    const value = values.get(field.name);
    if (value === undefined || !map || typeof map === 'string' || !('quantityOf' in map)) continue;
    const targets = Array.isArray(map.quantityOf) ? map.quantityOf : [map.quantityOf];
    const entries = targets.flatMap((t) => classEntries.get(t) ?? []);
    const v = Array.isArray(value) ? value[0] : value;
    for (const entry of entries) {
      if (typeof v === 'object' && v !== null && 'value' in v) {
        entry.quantity = v.value;
        entry.uom = v.unit;
      } else if (typeof v === 'number') entry.quantity = v;
    }
  }
  // A transformation that names no inputs (a food batch made from materials without trace codes, a
  // slaughter batch without a live-animal batch code) is not a valid TransformationEvent without a
  // transformationID: it is recorded as what it is, the creation of the outputs (ObjectEvent ADD).
  if (type === 'TransformationEvent' && !lists.inputEPCList && !lists.inputQuantityList) {
    event.type = 'ObjectEvent';
    event.action = 'ADD';
    if (lists.outputEPCList) lists.epcList = [...(lists.epcList ?? []), ...lists.outputEPCList];
    if (lists.outputQuantityList)
      lists.quantityList = [...(lists.quantityList ?? []), ...lists.outputQuantityList];
    delete lists.outputEPCList;
    delete lists.outputQuantityList;
  }
  event.eventTime = time ?? now.toISOString();
  if (time) event.eventTimeZoneOffset = offsetOf(time);
  else event.eventTimeZoneOffset = '+00:00';
  if (disposition) event.disposition = disposition;
  for (const key of ['epcList', 'childEPCs', 'inputEPCList', 'outputEPCList'] as const) {
    if (lists[key]) event[key] = lists[key];
  }
  if (event.type === 'ObjectEvent' && !event.epcList) event.epcList = [];
  if (type === 'AggregationEvent' && !event.childEPCs && !lists.childQuantityList) event.childEPCs = [];
  if (type === 'TransactionEvent' && !event.epcList) event.epcList = [];
  for (const key of [
    'quantityList',
    'childQuantityList',
    'inputQuantityList',
    'outputQuantityList',
    'bizTransactionList',
    'sourceList',
    'destinationList',
  ] as const) {
    if (lists[key]) event[key] = lists[key];
  }
  if (lists.sensorReport) {
    event.sensorElementList = [
      { sensorMetadata: { time: event.eventTime }, sensorReport: lists.sensorReport },
    ];
  }
  if (Object.keys(ilmd).length > 0) event.ilmd = ilmd;
  Object.assign(event, extensions);
  event[templateKey] = templateRef(template);
  event[cteKey] = cte.id;
  return event;
}

function offsetOf(datetime: string): string {
  const m = /([+-]\d{2}:\d{2})$/.exec(datetime);
  return m ? (m[1] as string) : '+00:00';
}

/** A record converted to a normalised event, ready for storeEvents; `index` is its place in the input. */
export interface ReadyRecord {
  event: NormalisedEvent;
  pointer: string;
  index: number;
}

type IndexedIssue = RecordIssue & { index: number };

/**
 * Converts one record of a template to a normalised, valid EPCIS event, or says why it cannot be
 * stored (issue pointers relative to the record).
 */
export function readyRecord(
  template: Template,
  cte: string,
  fields: RecordInput['fields'],
  context: { enterprise: string | null; now: Date; eventId?: string },
  index: number,
): { ok: true; ready: ReadyRecord } | { ok: false; issues: IndexedIssue[] } {
  const converted = recordToEvent(template, cte, fields, context);
  if (!converted.ok) return { ok: false, issues: converted.issues.map((i) => ({ ...i, index })) };
  const epcisIssues = validateEvent(converted.event, '');
  if (epcisIssues.length > 0)
    return {
      ok: false,
      issues: epcisIssues.map((i) => ({
        index,
        pointer: '',
        message: `the event made from this record is not valid EPCIS (${i.pointer}: ${i.message}); the template needs fixing`,
      })),
    };
  const normalised = normaliseEvent(converted.event, converted.event['@context'], `/${index}`);
  if (!normalised.ok)
    return { ok: false, issues: normalised.issues.map((i) => ({ index, pointer: '', message: i.message })) };
  return { ok: true, ready: { event: normalised.event, pointer: `/${index}`, index } };
}

/**
 * Stores ready records through storeEvents (so capture rules run) inside the caller's transaction,
 * adding what capture refused to `issues`. Under `rollback` nothing is stored when any record has an
 * issue; under `proceed` refused records are taken out and the rest is tried again (a rule may have
 * refused a record because of another one: a sale of a lot whose entry was refused), at most four
 * times, after which every record not stored is named.
 */
export async function storeReady(
  trx: Kysely<DB>,
  capturer: Capturer,
  ready: ReadyRecord[],
  behaviour: 'rollback' | 'proceed',
  issues: IndexedIssue[],
): Promise<{ stored: number; eventIds: string[]; issues: IndexedIssue[] }> {
  if (behaviour === 'rollback' && issues.length > 0) return { stored: 0, eventIds: [], issues };
  const toIssue = (i: { pointer: string; message: string }) => {
    const m = /^\/(\d+)(.*)$/.exec(i.pointer);
    return { index: m ? Number(m[1]) : -1, pointer: m ? (m[2] as string) : i.pointer, message: i.message };
  };
  let batch = ready;
  for (let pass = 0; ; pass++) {
    const result = await storeEvents(
      trx,
      batch.map(({ event, pointer }) => ({ event, pointer })),
      null,
      capturer,
    );
    const refused = [...result.conflicts, ...result.rejected];
    if (refused.length === 0) {
      issues.sort((a, b) => a.index - b.index);
      return { stored: result.stored, eventIds: batch.map((r) => r.event.eventId), issues };
    }
    issues.push(...refused.map(toIssue));
    if (behaviour === 'rollback') return { stored: 0, eventIds: [], issues };
    if (pass >= 3) {
      const named = new Set(issues.map((i) => i.index));
      for (const r of ready)
        if (!named.has(r.index))
          issues.push({
            index: r.index,
            pointer: '',
            message:
              '未存储：同批记录多次被拒 (not stored: the capture rules kept refusing records of this batch)',
          });
      issues.sort((a, b) => a.index - b.index);
      return { stored: 0, eventIds: [], issues };
    }
    const bad = new Set(issues.map((i) => i.index));
    batch = ready.filter((r) => !bad.has(r.index));
  }
}

/**
 * Converts and stores records through storeEvents (so capture rules run) inside the caller's
 * transaction. Under `rollback` nothing is stored when any record has an issue; under `proceed`
 * the valid records are stored. Issue pointers are relative to the record, with its index.
 */
export async function storeRecords(
  trx: Kysely<DB>,
  capturer: Capturer,
  records: RecordInput[],
  behaviour: 'rollback' | 'proceed',
  now: Date = new Date(),
): Promise<{ stored: number; eventIds: string[]; issues: IndexedIssue[] }> {
  const issues: IndexedIssue[] = [];
  const templates = new Map<string, Template | undefined>();
  const ready: ReadyRecord[] = [];
  for (const [index, record] of records.entries()) {
    const problems = shapeIssues(record);
    if (problems.length > 0) {
      issues.push(...problems.map((p) => ({ ...p, index })));
      continue;
    }
    const key = record.template;
    if (!templates.has(key)) {
      const m = /^(.*?)(?:@(\d+))?$/.exec(key) as RegExpExecArray;
      templates.set(
        key,
        await getTemplate(trx, m[1] as string, m[2] === undefined ? undefined : Number(m[2])),
      );
    }
    const template = templates.get(key);
    if (!template) {
      issues.push({ index, pointer: '/template', message: `unknown template "${key}"` });
      continue;
    }
    const one = readyRecord(
      template,
      record.cte,
      record.fields,
      { enterprise: capturer.enterprise, now },
      index,
    );
    if (one.ok) ready.push(one.ready);
    else issues.push(...one.issues);
  }
  return storeReady(trx, capturer, ready, behaviour, issues);
}

function shapeIssues(record: unknown): RecordIssue[] {
  if (!record || typeof record !== 'object' || Array.isArray(record))
    return [{ pointer: '', message: 'a record must be an object {template, cte, fields}' }];
  const r = record as Json;
  const out: RecordIssue[] = [];
  if (typeof r.template !== 'string' || r.template === '')
    out.push({ pointer: '/template', message: 'template (the template id) is required' });
  if (typeof r.cte !== 'string' || r.cte === '')
    out.push({ pointer: '/cte', message: 'cte (the CTE id) is required' });
  if (!r.fields || typeof r.fields !== 'object' || Array.isArray(r.fields))
    out.push({ pointer: '/fields', message: 'fields must be an object of field name → value' });
  for (const key of Object.keys(r)) {
    if (!['template', 'cte', 'fields'].includes(key))
      out.push({ pointer: `/${escapePointer(key)}`, message: `unknown property "${key}"` });
  }
  return out;
}

export type { FieldValue };

const fromLd = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(fromLd);
  if (v && typeof v === 'object' && 'suyuan:value' in v) {
    const o = v as Json;
    return { value: o['suyuan:value'], unit: o['suyuan:unit'] };
  }
  return v;
};

const listOf = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

/** The local date of an EPCIS eventTime at its offset. */
function localDate(eventTime: string, offset: unknown): string | undefined {
  const at = Date.parse(eventTime);
  if (!Number.isFinite(at)) return undefined;
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(String(offset ?? ''));
  const minutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return new Date(at + minutes * 60_000).toISOString().slice(0, 10);
}

/** The bare type of a bizTransaction or source/destination entry, as templates write it. */
function bareType(type: unknown): string {
  const t = String(type ?? '');
  for (const prefix of [
    'urn:epcglobal:cbv:btt:',
    'urn:epcglobal:cbv:sdt:',
    'https://ref.gs1.org/cbv/BTT-',
    'https://ref.gs1.org/cbv/SDT-',
  ]) {
    if (t.startsWith(prefix)) return t.slice(prefix.length);
  }
  return t;
}

/**
 * The record fields an EPCIS event carries under a CTE's mapping (the inverse of recordToEvent),
 * so events captured as EPCIS are checked against the same template rules as records.
 */
export function eventToFields(cte: TemplateCte, event: Json): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  // a transformation without inputs is recorded as an ObjectEvent ADD (see buildEvent): its outputs
  // are the event's epcList and quantityList
  const created = createsOutputs(cte, event);
  const slot = (map: string): string =>
    created && map === 'outputEPCList'
      ? 'epcList'
      : created && map === 'outputQuantityList'
        ? 'quantityList'
        : map;
  const one = (field: TemplateField, values: unknown[]) => {
    if (values.length === 0) return;
    fields[field.name] = field.multiple || values.length > 1 ? values : values[0];
  };
  const ilmd = (event.ilmd ?? {}) as Json;
  for (const field of cte.fields) {
    const map = field.epcis ?? 'extension';
    if (typeof map === 'string') {
      switch (map) {
        case 'eventTime':
          if (typeof event.eventTime === 'string')
            fields[field.name] =
              field.type === 'date' ? localDate(event.eventTime, event.eventTimeZoneOffset) : event.eventTime;
          break;
        case 'epcList':
        case 'childEPCs':
        case 'inputEPCList':
        case 'outputEPCList':
          one(field, listOf(event[slot(map)]));
          break;
        case 'parentID':
          if (event.parentID !== undefined) fields[field.name] = event.parentID;
          break;
        case 'quantityList':
        case 'childQuantityList':
        case 'inputQuantityList':
        case 'outputQuantityList':
          one(
            field,
            listOf(event[slot(map)]).map((q) => q?.epcClass),
          );
          break;
        case 'readPoint':
        case 'bizLocation':
          if ((event[map] as Json | undefined)?.id !== undefined)
            fields[field.name] = (event[map] as Json).id;
          break;
        case 'ilmd':
          if (ilmd[`suyuan:${field.name}`] !== undefined)
            fields[field.name] = fromLd(ilmd[`suyuan:${field.name}`]);
          break;
        default:
          if (event[`suyuan:${field.name}`] !== undefined)
            fields[field.name] = fromLd(event[`suyuan:${field.name}`]);
      }
    } else if ('ilmd' in map) {
      if (ilmd[map.ilmd] !== undefined) fields[field.name] = fromLd(ilmd[map.ilmd]);
    } else if ('quantityOf' in map) {
      const target = cte.fields.find(
        (f) => f.name === (Array.isArray(map.quantityOf) ? map.quantityOf[0] : map.quantityOf),
      );
      const list = target && typeof target.epcis === 'string' ? listOf(event[slot(target.epcis)]) : [];
      const q = list[0];
      if (q && typeof q.quantity === 'number')
        fields[field.name] = typeof q.uom === 'string' ? { value: q.quantity, unit: q.uom } : q.quantity;
    } else if ('bizTransaction' in map) {
      const slug = (map.bizTransaction.split(/[:/#]/).pop() || 'doc').replace(/[^\w.-]/g, '');
      const prefix = `urn:suyuan:btx:${slug}:`;
      one(
        field,
        listOf(event.bizTransactionList)
          .filter((b) => bareType(b?.type) === map.bizTransaction)
          .map((b) => {
            const v = String(b.bizTransaction ?? '');
            return v.startsWith(prefix) ? decodeURIComponent(v.slice(prefix.length)) : v;
          }),
      );
    } else if ('source' in map) {
      one(
        field,
        listOf(event.sourceList)
          .filter((s) => bareType(s?.type) === map.source)
          .map((s) => s.source),
      );
    } else if ('destination' in map) {
      one(
        field,
        listOf(event.destinationList)
          .filter((s) => bareType(s?.type) === map.destination)
          .map((s) => s.destination),
      );
    } else if ('sensor' in map) {
      for (const element of listOf(event.sensorElementList)) {
        const report = listOf(element?.sensorReport).find((r) => r?.type === map.sensor);
        if (!report) continue;
        if (typeof report.value === 'number')
          fields[field.name] =
            typeof report.uom === 'string' ? { value: report.value, unit: report.uom } : report.value;
        else if (report.booleanValue !== undefined) fields[field.name] = report.booleanValue;
        else if (report.stringValue !== undefined) fields[field.name] = report.stringValue;
        break;
      }
    }
  }
  return fields;
}

/**
 * Whether an event is a TransformationEvent CTE recorded without inputs: an ObjectEvent ADD with the
 * CTE's bizStep (recordToEvent makes one when a record names no input), so it binds to the CTE.
 */
export function createsOutputs(cte: TemplateCte, event: Json): boolean {
  return cte.eventType === 'TransformationEvent' && event.type === 'ObjectEvent' && event.action === 'ADD';
}
