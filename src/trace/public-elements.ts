import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/types.js';
import { eventToFields } from '../templates/engine.js';
import { builtinTemplates } from '../templates/loader.js';
import { cteKey, type Lang, parseTemplateRef, type TemplateField, templateKey } from '../templates/model.js';
import { cachedTemplate } from '../templates/repository.js';
import type { TraceEvent } from './schema.js';

/** One key data element of a template-bound event that its template marks public (visibility: public). */
export interface PublicElement {
  name: string;
  label: Lang;
  /** The value as a person reads it: enum labels, yes/no, numbers with their unit. */
  text: Lang;
}

/** Identifiers, parties, places and files are not shown as data elements (the trace shows them otherwise). */
const skippedTypes = new Set(['code', 'party', 'location', 'file', 'product']);
const units: Record<string, Lang> = {
  KGM: { zh: '千克', en: 'kg' },
  GRM: { zh: '克', en: 'g' },
  TNE: { zh: '吨', en: 't' },
  LTR: { zh: '升', en: 'L' },
  MLT: { zh: '毫升', en: 'mL' },
  CEL: { zh: '℃', en: '°C' },
  H87: { zh: '件', en: 'pieces' },
  HUR: { zh: '小时', en: 'h' },
  DAY: { zh: '天', en: 'days' },
};

function textOf(field: TemplateField, value: unknown): Lang | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (Array.isArray(value)) {
    const parts = value.map((v) => textOf(field, v)).filter((t): t is Lang => t !== undefined);
    return parts.length === 0
      ? undefined
      : { zh: parts.map((p) => p.zh).join('、'), en: parts.map((p) => p.en).join(', ') };
  }
  if (field.enum) {
    const option = field.enum.find((o) => o.value === value);
    if (option) return option.label;
  }
  if (typeof value === 'boolean') return value ? { zh: '是', en: 'yes' } : { zh: '否', en: 'no' };
  if (typeof value === 'number' || (typeof value === 'object' && value !== null && 'value' in value)) {
    const { value: n, unit } =
      typeof value === 'number' ? { value, unit: field.unit } : (value as { value: unknown; unit?: string });
    const name = unit ? (units[unit] ?? { zh: unit, en: unit }) : { zh: '', en: '' };
    return { zh: `${n}${name.zh ? ` ${name.zh}` : ''}`, en: `${n}${name.en ? ` ${name.en}` : ''}` };
  }
  if (typeof value === 'object') return undefined;
  return { zh: String(value), en: String(value) };
}

/** What the public sees of a template-bound event: the CTE's name (蔬菜进场 …) and its public elements. */
export interface PublicStep {
  activity: Lang;
  elements: PublicElement[];
}

/** The public data elements of one stored event, by its template and CTE; undefined for other events. */
export function publicStep(doc: Record<string, unknown>): PublicStep | undefined {
  const ref = doc[templateKey];
  if (typeof ref !== 'string') return undefined;
  const { id, version } = parseTemplateRef(ref);
  if (version === undefined) return undefined;
  const template =
    cachedTemplate(id, version) ?? builtinTemplates().find((t) => t.id === id && t.version === version);
  const cte = template?.ctes.find((c) => c.id === doc[cteKey]);
  if (!cte) return undefined;
  const shown = cte.fields.filter(
    (f) =>
      f.visibility === 'public' &&
      !skippedTypes.has(f.type) &&
      f.epcis !== 'eventTime' &&
      !(typeof f.epcis === 'object' && ('source' in f.epcis || 'destination' in f.epcis)),
  );
  const values = shown.length > 0 ? eventToFields(cte, doc) : {};
  const elements = shown.flatMap((field) => {
    const text = textOf(field, values[field.name]);
    return text ? [{ name: field.name, label: field.label, text }] : [];
  });
  return { activity: cte.label, elements };
}

/**
 * Adds each template-bound event's CTE name and public data elements to the public subset of a trace: `events` is the visible
 * list and `from` the full one it was made from (same order; the visible one has no event IDs).
 */
export async function withPublicElements(
  db: Kysely<DB>,
  from: TraceEvent[],
  events: TraceEvent[],
): Promise<TraceEvent[]> {
  const ids = from.flatMap((e) => (e.eventId ? [e.eventId] : []));
  if (ids.length === 0) return events;
  const { rows } = await sql<{ event_id: string; doc: Record<string, unknown> }>`
    SELECT event_id, doc FROM events WHERE event_id = ANY(${ids}::text[]) AND doc ? ${templateKey}`.execute(
    db,
  );
  const docs = new Map(rows.map((r) => [r.event_id, r.doc]));
  return events.map((event, i) => {
    const doc = docs.get(from[i]?.eventId ?? '');
    const step = doc ? publicStep(doc) : undefined;
    return step ? { ...event, ...step } : event;
  });
}
