import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { backends, useDatabase } from '../../test/database.js';
import { sgln } from '../../test/factories.js';
import type { Database } from '../db/database.js';
import { type NormalisedEvent, normaliseEvent } from '../epcis/capture/normalise.js';
import { stableJson, storeEvents } from '../epcis/capture/store.js';
import { chainIds, minute, party } from '../trace/fixtures.js';
import { BulkRows, reserveIds } from './bulk-rows.js';
import { copyInTransaction } from './copy.js';

type Json = Record<string, unknown>;

const kg = (epcClass: string, quantity: number) => ({ epcClass, quantity, uom: 'KGM' });
const owner = (side: 'source' | 'destination', n: number) => ({
  [`${side}List`]: [{ type: 'owning_party', [side]: party(n) }],
});

/** The shapes the trace benchmark writes (bench/trace-generate.ts), plus one with the other child rows. */
function events({ lot, item, tag }: ReturnType<typeof chainIds>): Json[] {
  const event = (type: string, at: number, fields: Json): Json => ({
    type,
    eventID: `urn:uuid:${randomUUID()}`,
    eventTime: minute(at),
    eventTimeZoneOffset: '+08:00',
    ...fields,
  });
  const move = (bizStep: string, at: number) =>
    event('ObjectEvent', at, {
      action: 'OBSERVE',
      bizStep,
      quantityList: [kg(lot('B'), 100)],
      ...owner('source', 2),
      ...owner('destination', 3),
    });
  return [
    event('ObjectEvent', 0, {
      action: 'ADD',
      bizStep: 'commissioning',
      quantityList: [kg(lot('A'), 1000)],
      ilmd: { 'cbvmda:countryOfOrigin': 'CN' },
      ...owner('destination', 1),
    }),
    event('TransformationEvent', 1, {
      bizStep: 'commissioning',
      inputQuantityList: [kg(lot('A'), 100)],
      outputQuantityList: [kg(lot('B'), 100 / 3), kg(lot('C'), 100 / 3), kg(lot('D'), 100 / 3)],
      ...owner('source', 2),
    }),
    move('shipping', 2),
    move('receiving', 3),
    move('storing', 4),
    event('TransformationEvent', 5, {
      bizStep: 'retail_selling',
      inputQuantityList: [kg(lot('B'), 100)],
      outputQuantityList: [kg(lot('E'), 50), kg(lot('F'), 50)],
      ...owner('source', 3),
      ...owner('destination', 4),
    }),
    event('TransformationEvent', 6, {
      bizStep: 'commissioning',
      inputQuantityList: [kg(lot('HUB'), 1)],
      outputQuantityList: [kg(lot('C'), 100)],
    }),
    event('ObjectEvent', 7, {
      action: 'OBSERVE',
      bizStep: 'inspecting',
      disposition: 'conformant',
      epcList: [item(1)],
      readPoint: { id: sgln(1) },
      bizLocation: { id: sgln(2) },
      bizTransactionList: [{ type: 'po', bizTransaction: `urn:epcglobal:cbv:bt:6901234000014:${tag}` }],
      sensorElementList: [
        {
          sensorMetadata: { time: minute(7), deviceID: 'urn:epc:id:giai:6901234.1' },
          sensorReport: [
            { type: 'gs1:Temperature', value: 4.5, uom: 'CEL' },
            { type: 'gs1:Humidity', minValue: 40, maxValue: 60, uom: 'A93' },
          ],
        },
      ],
    }),
  ];
}

function normalised(docs: Json[]): NormalisedEvent[] {
  return docs.map((doc) => {
    const r = normaliseEvent(doc, undefined, '');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.event;
  });
}

const capturer = { principal: 'bulk-test', enterprise: null };
const meta = {
  recordTime: new Date().toISOString(),
  captureId: null,
  capturedBy: 'bulk-test',
  ownerEnterprise: null,
};

/** Every table capture writes event rows into; the event's own row is read apart. */
const childTables = [
  'event_epcs',
  'event_biz_transactions',
  'event_parties',
  'event_sensor_reports',
  'lineage_links',
  'lineage_unpacks',
  'lineage_movements',
];

/**
 * The stored rows of these events as sorted lines of JSON, every column but the generated ids and
 * record_time (now() on capture), with the event's place in the list for its eventID and TAG for the
 * lot namespace, so two writes of the same shapes compare equal.
 */
async function storedRows(database: Database, ids: string[], tag: string): Promise<Record<string, string[]>> {
  const name = (text: string) =>
    ids.reduce((t, id, i) => t.replaceAll(id, `event ${i}`), text.replaceAll(tag, 'TAG'));
  const out: Record<string, string[]> = {};
  const events = await sql<{ row: Json }>`SELECT to_jsonb(e) - 'id' - 'record_time' AS row
    FROM events e WHERE e.event_id = ANY(${ids}::text[])`.execute(database.db);
  out.events = events.rows.map((r) => name(stableJson(r.row))).sort();
  for (const table of childTables) {
    const { rows } = await sql<{
      event_id: string;
      row: Json;
    }>`SELECT e.event_id, to_jsonb(t) - 'event_pk' AS row
      FROM ${sql.table(table)} t JOIN events e ON e.id = t.event_pk
      WHERE e.event_id = ANY(${ids}::text[])`.execute(database.db);
    out[table] = rows.map((r) => name(`${r.event_id} ${stableJson(r.row)}`)).sort();
  }
  return out;
}

describe.each(backends())('bulk rows on %s', (backend) => {
  const db = useDatabase(backend);

  it('are the rows storeEvents writes for the same events, table by table and column by column', async () => {
    const database = db.current;
    const captured = chainIds();
    const copied = chainIds();
    const viaCapture = normalised(events(captured));
    const viaCopy = normalised(events(copied));
    const result = await database.db.transaction().execute((trx) =>
      storeEvents(
        trx,
        viaCapture.map((event) => ({ event, pointer: '' })),
        null,
        capturer,
      ),
    );
    expect(result).toMatchObject({ stored: viaCapture.length, rejected: [], conflicts: [] });
    const first = await reserveIds(database, 'events', viaCopy.length);
    const rows = new BulkRows();
    for (const [i, e] of viaCopy.entries()) rows.add(first + i, e, meta);
    await copyInTransaction(database, rows.statements());

    const expected = await storedRows(
      database,
      viaCapture.map((e) => e.eventId),
      captured.tag,
    );
    const actual = await storedRows(
      database,
      viaCopy.map((e) => e.eventId),
      copied.tag,
    );
    expect(actual).toEqual(expected);
    expect(expected.events).toHaveLength(viaCapture.length);
    for (const table of childTables.filter((t) => t !== 'lineage_unpacks'))
      expect(expected[table]?.length, table).toBeGreaterThan(0);
  });

  it('refuses events whose rows capture completes with SQL over the stored ones', () => {
    const { lot, item, sscc } = chainIds();
    const refused = normalised([
      { type: 'TransformationEvent', transformationID: `urn:uuid:${randomUUID()}`, inputEPCList: [item(1)] },
      { type: 'AggregationEvent', action: 'ADD', parentID: sscc(1), childEPCs: [item(2)] },
      { type: 'ObjectEvent', action: 'ADD', epcList: [item(3)], quantityList: [kg(lot(1), 5)] },
    ]);
    for (const e of refused) expect(() => new BulkRows().add(1, e, meta)).toThrow(/not written in bulk/);
  });
});
