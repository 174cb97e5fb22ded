import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../src/db/database.js';
import { type Cell, tsv } from '../src/db/tsv.js';
import type { NormalisedEvent } from '../src/epcis/capture/normalise.js';
import { deriveLineage } from '../src/trace/derive.js';

async function copy(database: Database, statement: string, text: string): Promise<void> {
  if (text.length === 0) return;
  if (database.pglite) {
    // COPY through the pg adapter crashes PGlite; its own /dev/blob path is the supported one.
    await database.pglite.query(`${statement} FROM '/dev/blob'`, [], { blob: new Blob([text]) });
    return;
  }
  const client = await database.pool.connect();
  try {
    await pipeline(Readable.from([text]), client.query(copyFrom(`${statement} FROM STDIN`)));
  } finally {
    client.release();
  }
}

/**
 * The ceiling: COPY of the same normalised rows our capture writes, straight into the same tables.
 * Returns the milliseconds spent in COPY alone (building the text is not counted).
 */
export async function copyEvents(
  database: Database,
  events: NormalisedEvent[],
  firstId: number,
): Promise<number> {
  const ev: Cell[][] = [];
  const epcs: Cell[][] = [];
  const btx: Cell[][] = [];
  const parties: Cell[][] = [];
  const sensors: Cell[][] = [];
  const now = new Date().toISOString();
  events.forEach((e, i) => {
    const id = firstId + i;
    ev.push([
      id,
      e.eventId,
      e.eventType,
      e.eventTime,
      e.eventTimeZoneOffset,
      now,
      e.action,
      e.bizStep,
      e.disposition,
      e.readPoint,
      e.bizLocation,
      e.transformationId,
      e.errorDeclarationTime,
      e.errorReason,
      'bench',
      'bench',
      JSON.stringify(e.doc),
    ]);
    for (const r of e.epcs) epcs.push([id, r.role, r.isClass, r.epc, r.quantity, r.uom]);
    for (const r of e.bizTransactions) btx.push([id, r.type, r.value]);
    for (const r of e.parties) parties.push([id, r.direction, r.type, r.value]);
    for (const r of e.sensorReports) {
      sensors.push([
        id,
        r.elementIndex,
        r.reportIndex,
        r.type,
        r.deviceId,
        r.time,
        r.value,
        r.minValue,
        r.maxValue,
        r.meanValue,
        r.uom,
        r.stringValue,
        r.booleanValue,
        r.microorganism,
        r.chemicalSubstance,
        r.exception,
      ]);
    }
  });
  // The lineage rows capture maintains too (trace issue), so the ceiling writes what capture writes.
  const links: Cell[][] = [];
  const unpacks: Cell[][] = [];
  const movements: Cell[][] = [];
  events.forEach((e, i) => {
    const lineage = deriveLineage(e);
    for (const r of lineage.links)
      links.push([firstId + i, r.kind, r.source, r.target, r.sourceQuantity, r.targetQuantity, r.uom, r.at]);
    for (const r of lineage.unpacks) unpacks.push([firstId + i, r.parent, r.child, r.at]);
    for (const r of lineage.movements)
      movements.push([firstId + i, r.epc, r.kind, r.party, r.counterparty, r.quantity, r.uom, r.at]);
  });
  const texts = [
    tsv(ev),
    tsv(epcs),
    tsv(btx),
    tsv(parties),
    tsv(sensors),
    tsv(links),
    tsv(unpacks),
    tsv(movements),
  ];
  const start = performance.now();
  await copy(
    database,
    `COPY events (id, event_id, event_type, event_time, event_time_zone_offset, record_time, action,
    biz_step, disposition, read_point, biz_location, transformation_id, error_declaration_time, error_reason, capture_id,
    captured_by, doc)`,
    texts[0] as string,
  );
  await copy(database, 'COPY event_epcs (event_pk, role, is_class, epc, quantity, uom)', texts[1] as string);
  await copy(database, 'COPY event_biz_transactions (event_pk, type, value)', texts[2] as string);
  await copy(database, 'COPY event_parties (event_pk, direction, type, value)', texts[3] as string);
  await copy(
    database,
    `COPY event_sensor_reports (event_pk, element_index, report_index, type, device_id, time, value,
    min_value, max_value, mean_value, uom, string_value, boolean_value, microorganism, chemical_substance, exception)`,
    texts[4] as string,
  );
  await copy(
    database,
    'COPY lineage_links (event_pk, kind, source, target, source_quantity, target_quantity, uom, at)',
    texts[5] as string,
  );
  await copy(database, 'COPY lineage_unpacks (event_pk, parent, child, at)', texts[6] as string);
  await copy(
    database,
    'COPY lineage_movements (event_pk, epc, kind, party, counterparty, quantity, uom, at)',
    texts[7] as string,
  );
  return performance.now() - start;
}
