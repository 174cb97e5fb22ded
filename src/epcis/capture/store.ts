import { type Kysely, sql } from 'kysely';
import { activateCodes, closeCodes } from '../../codes/service.js';
import type { DB } from '../../db/types.js';
import { retractLineage, updateLineage } from '../../trace/lineage.js';
import { canonicalForm } from '../format/event.js';
import type { ValidationIssue } from '../validation/index.js';
import { type PendingEvent, runCaptureChecks, runCaptureListeners, type StoredEvent } from './checks.js';
import type { NormalisedEvent } from './normalise.js';

/** Who captured: the principal, and the enterprise it acts for (the owner of the events). */
export interface Capturer {
  principal: string;
  enterprise: string | null;
}

export interface StoreResult {
  stored: number;
  /** Events already stored with the same content: kept once (idempotent capture). */
  duplicates: number;
  /** Error declarations applied to events stored earlier. */
  declared: number;
  /** eventIDs already used by a different event. */
  conflicts: ValidationIssue[];
  /** Events refused by a capture rule (see checks.ts); nothing is stored when there are any. */
  rejected: ValidationIssue[];
}

/** Key-sorted JSON, so documents compare by meaning whatever order jsonb gave their keys. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function withoutDeclaration(doc: Record<string, unknown>): string {
  return stableJson(canonicalForm(doc));
}

/**
 * Stores events inside the caller's transaction: one multi-row statement per table (unnest of
 * arrays), so a batch of 1,000 events costs five round trips.
 */
export async function storeEvents(
  trx: Kysely<DB>,
  events: { event: NormalisedEvent; pointer: string }[],
  captureId: string | null,
  capturer: Capturer,
): Promise<StoreResult> {
  const result: StoreResult = { stored: 0, duplicates: 0, declared: 0, conflicts: [], rejected: [] };
  if (events.length === 0) return result;
  const ids = events.map((e) => e.event.eventId);
  const existing = await trx
    .selectFrom('events')
    .select(['event_id', 'doc', 'error_declaration_time'])
    .where('event_id', 'in', ids)
    .execute();
  const byId = new Map(existing.map((r) => [r.event_id, r]));
  const fresh: PendingEvent[] = [];
  const seen = new Set<string>();
  for (const { event, pointer } of events) {
    const before = byId.get(event.eventId);
    if (!before) {
      if (!seen.has(event.eventId)) fresh.push({ event, pointer });
      seen.add(event.eventId);
      continue;
    }
    const declares = event.errorDeclarationTime !== null && before.error_declaration_time === null;
    // A hash eventID names the content itself: equal hashes are the same event by definition.
    const sameEvent =
      event.eventId.startsWith('ni:///') || withoutDeclaration(before.doc) === withoutDeclaration(event.doc);
    if (!sameEvent) {
      result.conflicts.push({
        pointer,
        message: `eventID ${event.eventId} is already used by a different event`,
      });
    } else if (declares) {
      await trx
        .updateTable('events')
        .set({
          error_declaration_time: event.errorDeclarationTime,
          error_reason: event.errorReason,
          doc: JSON.stringify({ ...before.doc, errorDeclaration: event.doc.errorDeclaration }),
        })
        .where('event_id', '=', event.eventId)
        .execute();
      await retractLineage(trx, event.eventId);
      result.declared++;
    } else {
      result.duplicates++;
    }
  }
  if (result.conflicts.length > 0 || fresh.length === 0) return result;
  const context = { trx, capturer };
  result.rejected = await runCaptureChecks(fresh, context);
  if (result.rejected.length > 0) return result;
  const stored = await insertRows(
    trx,
    fresh.map((f) => f.event),
    captureId,
    capturer,
  );
  await runCaptureListeners(stored, context);
  const inserted = stored.length;
  result.stored = inserted;
  result.duplicates += fresh.length - inserted;
  return result;
}

async function insertRows(
  trx: Kysely<DB>,
  events: NormalisedEvent[],
  captureId: string | null,
  capturer: Capturer,
): Promise<StoredEvent[]> {
  const col = <T>(pick: (e: NormalisedEvent) => T): T[] => events.map(pick);
  const { rows } = await sql<{ id: string; event_id: string }>`
    INSERT INTO events (event_id, event_type, event_time, event_time_zone_offset, action, biz_step, disposition,
      read_point, biz_location, transformation_id, error_declaration_time, error_reason, doc, template, template_cte,
      capture_id, captured_by, owner_enterprise)
    SELECT u.*, ${captureId}::text, ${capturer.principal}::text, ${capturer.enterprise}::text FROM unnest(
      ${col((e) => e.eventId)}::text[], ${col((e) => e.eventType)}::text[], ${col((e) => e.eventTime)}::timestamptz[],
      ${col((e) => e.eventTimeZoneOffset)}::text[], ${col((e) => e.action)}::text[], ${col((e) => e.bizStep)}::text[],
      ${col((e) => e.disposition)}::text[], ${col((e) => e.readPoint)}::text[], ${col((e) => e.bizLocation)}::text[],
      ${col((e) => e.transformationId)}::text[], ${col((e) => e.errorDeclarationTime)}::timestamptz[],
      ${col((e) => e.errorReason)}::text[], ${col((e) => JSON.stringify(e.doc))}::jsonb[],
      ${col((e) => e.template ?? null)}::text[], ${col((e) => e.templateCte ?? null)}::text[]) AS u
    ON CONFLICT (event_id) DO NOTHING
    RETURNING id, event_id`.execute(trx);
  const pk = new Map(rows.map((r) => [r.event_id, r.id]));
  const stored = events.filter((e) => pk.has(e.eventId));

  const epcs = stored.flatMap((e) => e.epcs.map((r) => ({ pk: pk.get(e.eventId), ...r })));
  if (epcs.length > 0) {
    await sql`INSERT INTO event_epcs (event_pk, role, is_class, epc, quantity, uom)
      SELECT * FROM unnest(${epcs.map((r) => r.pk)}::bigint[], ${epcs.map((r) => r.role)}::text[],
        ${epcs.map((r) => r.isClass)}::boolean[], ${epcs.map((r) => r.epc)}::text[],
        ${epcs.map((r) => r.quantity)}::float8[], ${epcs.map((r) => r.uom)}::text[])`.execute(trx);
  }
  const btx = stored.flatMap((e) => e.bizTransactions.map((r) => ({ pk: pk.get(e.eventId), ...r })));
  if (btx.length > 0) {
    await sql`INSERT INTO event_biz_transactions (event_pk, type, value)
      SELECT * FROM unnest(${btx.map((r) => r.pk)}::bigint[], ${btx.map((r) => r.type)}::text[],
        ${btx.map((r) => r.value)}::text[])`.execute(trx);
  }
  const parties = stored.flatMap((e) => e.parties.map((r) => ({ pk: pk.get(e.eventId), ...r })));
  if (parties.length > 0) {
    await sql`INSERT INTO event_parties (event_pk, direction, type, value)
      SELECT * FROM unnest(${parties.map((r) => r.pk)}::bigint[], ${parties.map((r) => r.direction)}::text[],
        ${parties.map((r) => r.type)}::text[], ${parties.map((r) => r.value)}::text[])`.execute(trx);
  }
  const sensors = stored.flatMap((e) => e.sensorReports.map((r) => ({ pk: pk.get(e.eventId), ...r })));
  if (sensors.length > 0) {
    const s = <K extends keyof (typeof sensors)[number]>(k: K) => sensors.map((r) => r[k]);
    await sql`INSERT INTO event_sensor_reports (event_pk, element_index, report_index, type, device_id, time, value,
        min_value, max_value, mean_value, uom, string_value, boolean_value, microorganism, chemical_substance, exception)
      SELECT * FROM unnest(${s('pk')}::bigint[], ${s('elementIndex')}::int[], ${s('reportIndex')}::int[],
        ${s('type')}::text[], ${s('deviceId')}::text[], ${s('time')}::timestamptz[], ${s('value')}::float8[],
        ${s('minValue')}::float8[], ${s('maxValue')}::float8[], ${s('meanValue')}::float8[], ${s('uom')}::text[],
        ${s('stringValue')}::text[], ${s('booleanValue')}::boolean[], ${s('microorganism')}::text[],
        ${s('chemicalSubstance')}::text[], ${s('exception')}::text[])`.execute(trx);
  }
  await updateLineage(
    trx,
    stored.map((e) => ({ pk: pk.get(e.eventId) as string, event: e })),
  );
  const commissioned = stored
    .filter((e) => e.bizStep === 'commissioning' || (e.eventType === 'ObjectEvent' && e.action === 'ADD'))
    .flatMap((e) =>
      e.epcs.filter((r) => !r.isClass && r.role !== 'parent' && r.role !== 'input').map((r) => r.epc),
    );
  await activateCodes(trx, commissioned, new Date());
  const closing = stored.filter(
    (e) =>
      e.bizStep === 'decommissioning' ||
      e.bizStep === 'destroying' ||
      (e.eventType === 'ObjectEvent' && e.action === 'DELETE'),
  );
  await closeCodes(
    trx,
    closing.flatMap((e) =>
      e.epcs
        .filter((r) => !r.isClass && r.role === 'epc')
        .map((r) => ({ uri: r.epc, reason: `${e.bizStep ?? e.action} ${e.eventId}` })),
    ),
  );
  return stored.map((event) => ({ pk: pk.get(event.eventId) as string, event }));
}
