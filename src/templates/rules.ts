import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/types.js';
import type { CaptureContext, PendingEvent } from '../epcis/capture/checks.js';
import type { ValidationIssue } from '../epcis/validation/index.js';
import { creditCodeIn, partyDirectory } from '../trace/parties.js';
import { checkFields, createsOutputs, eventToFields, getTemplate } from './engine.js';
import { builtinTemplates } from './loader.js';
import {
  cteKey,
  type HardRule,
  parseTemplateRef,
  type Template,
  type TemplateCte,
  templateKey,
  templateRef,
} from './model.js';

type Json = Record<string, unknown>;

interface Bound {
  pending: PendingEvent;
  template: Template;
  cte: TemplateCte;
  /** The event's data as the CTE's fields, checked and normalised. */
  values: Map<string, unknown>;
}

/**
 * The CTE a suyuan business step names on its own (urn:suyuan:bizstep:… used by exactly one CTE of
 * the built-in templates), for EPCIS events that carry no suyuan:template marker.
 */
function cteOfBizStep(bizStep: string): { template: string; cte: string } | undefined {
  if (!bizStep.startsWith('urn:suyuan:bizstep:')) return undefined;
  const latest = new Map<string, Template>();
  for (const t of builtinTemplates()) if ((latest.get(t.id)?.version ?? 0) < t.version) latest.set(t.id, t);
  const hits = [...latest.values()].flatMap((t) =>
    t.ctes.filter((c) => c.bizStep === bizStep).map((c) => ({ template: templateRef(t), cte: c.id })),
  );
  return hits.length === 1 ? hits[0] : undefined;
}

/**
 * Binds each event to its template: the suyuan:template marker (id or id@version, with suyuan:cte),
 * or a suyuan business step that only one CTE uses. Checks the event's data against the CTE's fields
 * and rules and records the version on the event (events.template).
 */
async function bind(
  events: PendingEvent[],
  trx: Kysely<DB>,
  issues: ValidationIssue[],
  now: Date,
): Promise<Bound[]> {
  const bound: Bound[] = [];
  const cache = new Map<string, Template | undefined>();
  for (const pending of events) {
    const doc = pending.event.doc as Json;
    let ref = typeof doc[templateKey] === 'string' ? (doc[templateKey] as string) : undefined;
    let cteId = typeof doc[cteKey] === 'string' ? (doc[cteKey] as string) : undefined;
    if (!ref) {
      const inferred = pending.event.bizStep ? cteOfBizStep(pending.event.bizStep) : undefined;
      if (!inferred) continue;
      ref = inferred.template;
      cteId ??= inferred.cte;
    }
    if (!cache.has(ref)) {
      const { id, version } = parseTemplateRef(ref);
      cache.set(ref, await getTemplate(trx, id, version));
    }
    const template = cache.get(ref);
    if (!template) {
      issues.push({ pointer: `${pending.pointer}/${templateKey}`, message: `unknown template ${ref}` });
      continue;
    }
    const candidates = cteId
      ? template.ctes.filter((c) => c.id === cteId)
      : template.ctes.filter((c) => c.bizStep === pending.event.bizStep);
    const cte = candidates.length === 1 ? candidates[0] : undefined;
    if (!cte) {
      issues.push({
        pointer: `${pending.pointer}/${cteKey}`,
        message: cteId
          ? `template ${templateRef(template)} has no CTE ${cteId}`
          : `give ${cteKey}: the business step ${pending.event.bizStep} does not name one CTE of ${templateRef(template)}`,
      });
      continue;
    }
    const eventType = cte.eventType ?? 'ObjectEvent';
    if (
      pending.event.bizStep !== cte.bizStep ||
      (pending.event.eventType !== eventType && !createsOutputs(cte, doc))
    ) {
      issues.push({
        pointer: pending.pointer,
        message: `${templateRef(template)} ${cte.id} is ${an(eventType)} with bizStep ${cte.bizStep}, not ${an(pending.event.eventType)} with bizStep ${pending.event.bizStep ?? '(none)'}`,
      });
      continue;
    }
    const { issues: found, values } = checkFields(template, cte.id, eventToFields(cte, doc), now);
    if (found.length > 0) {
      for (const f of found) {
        issues.push({
          pointer: pending.pointer,
          message: `${templateRef(template)} ${cte.id}: ${f.pointer.replace(/^\/fields\//, '')}: ${f.message}`,
        });
      }
      continue;
    }
    pending.event.template = templateRef(template);
    pending.event.templateCte = cte.id;
    bound.push({ pending, template, cte, values });
  }
  return bound;
}

const an = (word: string) => `${/^[AEIOU]/i.test(word) ? 'an' : 'a'} ${word}`;
const uses = (b: Bound, rule: HardRule) => b.cte.hardRules?.includes(rule) ?? false;
const strip = (party: unknown) => String(party ?? '').replace(/^urn:suyuan:party:/, '');
const codesOf = (p: PendingEvent, roles: string[]) => [
  ...new Set(p.event.epcs.filter((r) => roles.includes(r.role)).map((r) => r.epc)),
];

/** A code (serial) commissioned once only: drug codes always, and the codes of CTEs that say so. */
async function uniqueCommissioning(
  events: PendingEvent[],
  bound: Bound[],
  trx: Kysely<DB>,
  issues: ValidationIssue[],
) {
  const ruled = new Set(bound.filter((b) => uses(b, 'uniqueCommissioning')).map((b) => b.pending));
  for (const p of events) {
    const commissioning =
      p.event.bizStep === 'commissioning' ||
      (p.event.eventType === 'ObjectEvent' && p.event.action === 'ADD');
    if (commissioning && p.event.epcs.some((r) => r.epc.startsWith('urn:suyuan:drug:') && !r.isClass))
      ruled.add(p);
  }
  if (ruled.size === 0) return;
  const all = [...ruled].flatMap((p) =>
    p.event.epcs.filter((r) => !r.isClass && ['epc', 'child', 'output'].includes(r.role)).map((r) => r.epc),
  );
  const { rows } = await sql<{ epc: string }>`SELECT epc FROM suyuan_commissioned(${all}::text[])`.execute(
    trx,
  );
  const before = new Set(rows.map((r) => r.epc));
  const seen = new Set<string>();
  for (const p of events) {
    if (!ruled.has(p)) continue;
    const codes = p.event.epcs
      .filter((r) => !r.isClass && ['epc', 'child', 'output'].includes(r.role))
      .map((r) => r.epc);
    const twice = codes.filter((c, i) => before.has(c) || seen.has(c) || codes.indexOf(c) !== i);
    for (const c of codes) seen.add(c);
    if (twice.length > 0) {
      issues.push({
        pointer: p.pointer,
        message: `code ${twice.slice(0, 5).join(', ')}${twice.length > 5 ? ` and ${twice.length - 5} more` : ''} was already commissioned: a code is never commissioned twice nor reused (一物一码)`,
      });
    }
  }
}

/**
 * A seller sells only codes it received or produced: an earlier event of its own names the code,
 * or an event names the seller as its destination (a market's entry record for a stall trader, a
 * supplier's shipment), or either holds for a case or pallet the code was packed into.
 */
async function sellerHolds(bound: Bound[], context: CaptureContext, issues: ValidationIssue[]) {
  const seller = context.capturer.enterprise;
  const sales = bound.filter((b) => uses(b, 'sellerHolds'));
  if (sales.length === 0 || seller === null) return;
  const sold = (p: PendingEvent) => codesOf(p, ['epc', 'input', 'parent']);
  const all = [...new Set(sales.flatMap((b) => sold(b.pending)))];
  // other events of the same submission that are not sales (a receipt sent with its sale)
  const sameBatch = new Set(
    bound.filter((b) => !uses(b, 'sellerHolds')).flatMap((b) => b.pending.event.epcs.map((r) => r.epc)),
  );
  const { rows } = await sql<{ code: string }>`
    WITH RECURSIVE up (code, holder) AS (
      SELECT c, c FROM unnest(${all}::text[]) AS c
      UNION
      SELECT up.code, p.epc FROM up
        JOIN event_epcs ch ON ch.epc = up.holder AND ch.role = 'child'
        JOIN event_epcs p ON p.event_pk = ch.event_pk AND p.role = 'parent'
    )
    SELECT DISTINCT up.code FROM up
      JOIN event_epcs x ON x.epc = up.holder
      JOIN events e ON e.id = x.event_pk
    WHERE e.error_declaration_time IS NULL AND (e.owner_enterprise = ${seller} OR EXISTS (
      SELECT 1 FROM event_parties d WHERE d.event_pk = e.id AND d.direction = 'destination'
        AND d.value = ${`urn:suyuan:party:${seller}`}))`.execute(context.trx);
  const held = new Set(rows.map((r) => r.code));
  for (const b of sales) {
    const missing = sold(b.pending).filter((c) => !held.has(c) && !sameBatch.has(c));
    if (missing.length > 0) {
      issues.push({
        pointer: b.pending.pointer,
        message: `the seller never received nor produced ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}: record its receipt or production first`,
      });
    }
  }
}

interface HistoryRow {
  epc: string;
  event_time: Date | string;
  template: string | null;
  template_cte: string | null;
  owner_enterprise: string | null;
  doc: Json;
}

/** A cylinder is filled only by the unit it is registered to, before its next inspection date, never after scrapping. */
async function cylinderFillable(bound: Bound[], context: CaptureContext, issues: ValidationIssue[]) {
  const fills = bound.filter((b) => uses(b, 'cylinderFillable'));
  if (fills.length === 0) return;
  const codes = [...new Set(fills.flatMap((b) => codesOf(b.pending, ['epc'])))];
  const ids = [...new Set(fills.map((b) => b.template.id))];
  const { rows } =
    await sql<HistoryRow>`SELECT * FROM suyuan_template_history(${codes}::text[], ${ids}::text[])`.execute(
      context.trx,
    );
  const history: HistoryRow[] = rows.map((r) => ({ ...r, doc: r.doc ?? {} }));
  // the same submission's registrations, inspections and scrappings count too
  for (const b of bound) {
    if (!ids.includes(b.template.id) || uses(b, 'cylinderFillable')) continue;
    const doc = b.pending.event.doc as Json;
    for (const epc of codesOf(b.pending, ['epc'])) {
      history.push({
        epc,
        event_time: b.pending.event.eventTime,
        template: templateRef(b.template),
        template_cte: b.cte.id,
        owner_enterprise: context.capturer.enterprise,
        doc: {
          fillingUnit: doc['suyuan:fillingUnit'],
          nextInspectionDate: doc['suyuan:nextInspectionDate'],
          conclusion: doc['suyuan:conclusion'],
          scrapDate: doc['suyuan:scrapDate'],
        },
      });
    }
  }
  // filling units are named by credit code, GLN (417/414) or location: compared as the enterprise
  // behind them (the trace's party directory; a credit code nobody filed stands for itself)
  const units = [
    ...history.map((h) => h.doc.fillingUnit),
    ...fills.map((b) => (b.pending.event.doc as Json)['suyuan:fillingUnit']),
  ].filter((u): u is string => typeof u === 'string' && u !== '');
  const directory = await partyDirectory(context.trx, units);
  const enterpriseOf = (unit: unknown): string => {
    const id = String(unit ?? '');
    return directory.get(id)?.creditCode ?? creditCodeIn(id) ?? strip(id);
  };
  for (const b of fills) {
    const doc = b.pending.event.doc as Json;
    const at = Date.parse(b.pending.event.eventTime);
    const day = b.pending.event.eventTime.slice(0, 10);
    const filler =
      context.capturer.enterprise ??
      (doc['suyuan:fillingUnit'] === undefined ? '' : enterpriseOf(doc['suyuan:fillingUnit']));
    for (const epc of codesOf(b.pending, ['epc'])) {
      const past = history
        .filter(
          (h) =>
            h.epc === epc &&
            Date.parse(String(h.event_time instanceof Date ? h.event_time.toISOString() : h.event_time)) <=
              at,
        )
        .sort((x, y) => Date.parse(String(x.event_time)) - Date.parse(String(y.event_time)));
      const name = epc.replace(/^urn:suyuan:(code|cylinder):/, '');
      const refuse = (message: string) =>
        issues.push({ pointer: b.pending.pointer, message: `cylinder ${name}: ${message}` });
      const scrapped = past.find((h) => h.template_cte === 'scrapping' || h.doc.conclusion === 'scrap');
      if (scrapped) {
        refuse('the cylinder was scrapped (报废); a scrapped cylinder is never filled again');
        continue;
      }
      const registration = past.filter((h) => h.template_cte === 'registration').pop();
      if (!registration) {
        refuse('the cylinder is not registered to a filling unit (未办理充装登记)');
        continue;
      }
      const registeredTo = enterpriseOf(registration.doc.fillingUnit);
      if (registeredTo !== filler) {
        refuse(
          `the cylinder is registered to filling unit ${registeredTo}, not to ${filler || 'the capturer'}`,
        );
        continue;
      }
      const dated = past.filter((h) => typeof h.doc.nextInspectionDate === 'string');
      const last = dated.pop();
      if (!last) {
        refuse('no manufacture or inspection record gives its next inspection date');
        continue;
      }
      const lastInspection = past.filter((h) => h.template_cte === 'inspection').pop();
      if (lastInspection && lastInspection.doc.conclusion === 'fail') {
        refuse('the cylinder failed its last periodic inspection');
        continue;
      }
      if (day > String(last.doc.nextInspectionDate)) {
        refuse(`the periodic inspection was due on ${String(last.doc.nextInspectionDate)} (超期未检)`);
        continue;
      }
      const scrapDate = past
        .map((h) => h.doc.scrapDate)
        .filter((d): d is string => typeof d === 'string')
        .pop();
      if (scrapDate && day > scrapDate)
        refuse(`the cylinder reached its scrap date ${scrapDate} (超过设计使用年限)`);
    }
  }
}

/** A hazardous-goods sale names the buyer's licence, valid on the day of the sale. */
function buyerLicence(bound: Bound[], issues: ValidationIssue[]) {
  for (const b of bound.filter((x) => uses(x, 'buyerLicence'))) {
    const licence = b.values.get('buyerLicence');
    if (typeof licence !== 'string' || licence.trim() === '') {
      issues.push({
        pointer: b.pending.pointer,
        message: "a hazardous-goods sale needs the buyer's licence (购买许可证/备案证明)",
      });
      continue;
    }
    const until = b.values.get('buyerLicenceValidUntil');
    if (typeof until === 'string' && b.pending.event.eventTime.slice(0, 10) > until) {
      issues.push({
        pointer: b.pending.pointer,
        message: `the buyer's licence ${licence} expired on ${until}`,
      });
    }
  }
}

/**
 * The capture check of the templates: binds events to their template version, checks their data,
 * then applies the hard rules their CTEs take part in. Registered in epcis/capture/checks.ts.
 */
export async function templateCheck(
  events: PendingEvent[],
  context: CaptureContext,
): Promise<ValidationIssue[]> {
  const issues: ValidationIssue[] = [];
  const bound = await bind(events, context.trx, issues, new Date());
  await uniqueCommissioning(events, bound, context.trx, issues);
  await sellerHolds(bound, context, issues);
  buyerLicence(bound, issues);
  await cylinderFillable(bound, context, issues);
  return issues;
}
