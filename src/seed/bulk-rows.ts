import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { type Cell, tsv } from '../db/tsv.js';
import type { NormalisedEvent } from '../epcis/capture/normalise.js';
import { deriveLineage, type Lineage } from '../trace/derive.js';
import type { CopyStatement } from './copy.js';

// The rows capture's store (src/epcis/capture/store.ts, insertRows and updateLineage) writes for
// normalised events, as COPY texts: the bulk path of the volume seed and the trace benchmark.
// Capture rules and listeners (warnings) do not run on this path.

/** What capture records about who stored an event, and when. */
export interface CaptureMeta {
  recordTime: string;
  captureId: string | null;
  capturedBy: string;
  ownerEnterprise: string | null;
}

const noLineage: Lineage = { links: [], unpacks: [], movements: [], parents: [] };

export class BulkRows {
  /**
   * `approximate`: write every row as derived, without refusing what capture completes in SQL
   * (container memberships go to lineage_unpacks, no valid_to): the capture benchmark's ceiling.
   */
  constructor(private readonly options: { approximate?: boolean } = {}) {}

  private readonly events: Cell[][] = [];
  private readonly epcs: Cell[][] = [];
  private readonly bizTransactions: Cell[][] = [];
  private readonly parties: Cell[][] = [];
  private readonly sensorReports: Cell[][] = [];
  private readonly links: Cell[][] = [];
  private readonly unpacks: Cell[][] = [];
  private readonly movements: Cell[][] = [];

  /**
   * Adds one event stored as events.id `id`. Refuses what capture completes with SQL over stored
   * rows: transformationID groups, container memberships (lineage_unpacks and valid_to), and
   * instance identifiers it commissions (codes activated).
   */
  add(id: number, e: NormalisedEvent, meta: CaptureMeta): void {
    const strict = !this.options.approximate;
    if (strict && e.transformationId !== null)
      throw new Error(`${e.eventId}: transformationID is not written in bulk`);
    if (strict && commissions(e))
      throw new Error(`${e.eventId}: commissioned instance identifiers are not written in bulk`);
    // an event stored already retracted gets no lineage, as in updateLineage
    const lineage = e.errorDeclarationTime === null ? deriveLineage(e) : noLineage;
    if (strict && lineage.parents.length > 0)
      throw new Error(`${e.eventId}: container memberships are not written in bulk`);
    this.events.push([
      id,
      e.eventId,
      e.eventType,
      e.eventTime,
      e.eventTimeZoneOffset,
      meta.recordTime,
      e.action,
      e.bizStep,
      e.disposition,
      e.readPoint,
      e.bizLocation,
      e.transformationId,
      e.errorDeclarationTime,
      e.errorReason,
      meta.captureId,
      meta.capturedBy,
      meta.ownerEnterprise,
      JSON.stringify(e.doc),
      e.template ?? null,
      e.templateCte ?? null,
    ]);
    for (const r of e.epcs) this.epcs.push([id, r.role, r.isClass, r.epc, r.quantity, r.uom]);
    for (const r of e.bizTransactions) this.bizTransactions.push([id, r.type, r.value]);
    for (const p of e.parties) this.parties.push([id, p.direction, p.type, p.value]);
    for (const s of e.sensorReports)
      this.sensorReports.push([
        id,
        s.elementIndex,
        s.reportIndex,
        s.type,
        s.deviceId,
        s.time,
        s.value,
        s.minValue,
        s.maxValue,
        s.meanValue,
        s.uom,
        s.stringValue,
        s.booleanValue,
        s.microorganism,
        s.chemicalSubstance,
        s.exception,
      ]);
    for (const r of lineage.links)
      this.links.push([id, r.kind, r.source, r.target, r.sourceQuantity, r.targetQuantity, r.uom, r.at]);
    for (const r of lineage.unpacks) this.unpacks.push([id, r.parent, r.child, r.at]);
    for (const r of lineage.movements)
      this.movements.push([id, r.epc, r.kind, r.party, r.counterparty, r.quantity, r.uom, r.at, r.ilmd]);
  }

  /** The COPY statements, parents before children (empty texts are skipped by copyInTransaction). */
  statements(): CopyStatement[] {
    return [
      {
        copy: `COPY events (id, event_id, event_type, event_time, event_time_zone_offset, record_time, action, biz_step,
      disposition, read_point, biz_location, transformation_id, error_declaration_time, error_reason, capture_id, captured_by,
      owner_enterprise, doc, template, template_cte)`,
        text: tsv(this.events),
      },
      { copy: 'COPY event_epcs (event_pk, role, is_class, epc, quantity, uom)', text: tsv(this.epcs) },
      { copy: 'COPY event_biz_transactions (event_pk, type, value)', text: tsv(this.bizTransactions) },
      { copy: 'COPY event_parties (event_pk, direction, type, value)', text: tsv(this.parties) },
      {
        copy: `COPY event_sensor_reports (event_pk, element_index, report_index, type, device_id, time, value, min_value,
      max_value, mean_value, uom, string_value, boolean_value, microorganism, chemical_substance, exception)`,
        text: tsv(this.sensorReports),
      },
      {
        copy: 'COPY lineage_links (event_pk, kind, source, target, source_quantity, target_quantity, uom, at)',
        text: tsv(this.links),
      },
      { copy: 'COPY lineage_unpacks (event_pk, parent, child, at)', text: tsv(this.unpacks) },
      {
        copy: 'COPY lineage_movements (event_pk, epc, kind, party, counterparty, quantity, uom, at, ilmd)',
        text: tsv(this.movements),
      },
    ];
  }
}

/** Whether capture would activate codes for this event (store.ts: commissioned instance identifiers). */
function commissions(e: NormalisedEvent): boolean {
  if (e.bizStep !== 'commissioning' && !(e.eventType === 'ObjectEvent' && e.action === 'ADD')) return false;
  return e.epcs.some((r) => !r.isClass && r.role !== 'parent' && r.role !== 'input');
}

/**
 * Reserves `count` consecutive ids of a table's identity column; returns the first. nextval and
 * setval are two steps, so concurrent writers take a transaction-level advisory lock around them
 * (without it two writers reserved overlapping ranges).
 */
export async function reserveIds(database: Database, table: string, count: number): Promise<number> {
  return database.db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`suyuan.seed.reserve.${table}`}))`.execute(trx);
    const { rows } = await sql<{ first: string }>`
      SELECT setval(pg_get_serial_sequence(${table}, 'id'), nextval(pg_get_serial_sequence(${table}, 'id')) + ${count} - 1)
        - ${count} + 1 AS first`.execute(trx);
    return Number(rows[0]?.first);
  });
}
