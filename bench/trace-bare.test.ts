import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { normaliseEvent } from '../src/epcis/capture/normalise.js';
import { storeEvents } from '../src/epcis/capture/store.js';
import { seedDemo } from '../src/seed/seed.js';
import type { ObjectTuple } from '../src/trace/graph-query.js';
import { impactOf } from '../src/trace/impact.js';
import { traceObject } from '../src/trace/objects.js';
import { maxDepth, type TraceObject } from '../src/trace/schema.js';
import { roleOf, traceGraph } from '../src/trace/service.js';
import { backends, useDatabase } from '../test/database.js';
import { type BareObject, type BareTrace, bareImpact, bareTrace } from './trace-bare.js';
import { generateTraceGraph } from './trace-generate.js';

// The benchmark's baseline is only a baseline if it answers the same question: these tests hold the
// bare SQL (trace-bare.ts) to the engine's answers, on the generated graph and on the demo world
// (enterprises, codes registry, containers, scans).

const instant = (t: string | null) => (t === null ? null : Date.parse(t));
const sorted = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();

/** A bare object row in the API's terms (objects.ts's naming rules: code, kind, product, lot). */
const bareObject = (o: BareObject) => engineObject(traceObject(o as ObjectTuple));
function engineObject(o: TraceObject) {
  return [
    o.uri,
    Math.abs(o.depth),
    o.code,
    o.kind,
    o.product,
    o.productName,
    o.lot,
    o.productionDate,
    o.expiryDate,
    instant(o.producedAt),
    o.producer,
    o.origin,
  ];
}

/** The engine's trace and the bare one, each reduced to the same comparable form: every field. */
async function bothTraces(database: Database, start: string, way: 'back' | 'forward') {
  const g = await traceGraph(database.db, start, { direction: way, depth: 50 });
  const b: BareTrace = await bareTrace(database.pool, start, way, 50);
  const engine = {
    objects: sorted(g.objects.map(engineObject)),
    relations: sorted(
      g.relations.map((r) => [
        r.from,
        r.to,
        r.kind,
        r.fromQuantity,
        r.toQuantity,
        r.uom,
        instant(r.until),
        r.eventId,
        instant(r.at),
      ]),
    ),
    parties: sorted(
      g.parties.map((p) => [
        p.party,
        p.role,
        p.object,
        p.quantity,
        p.uom,
        p.counterparty,
        p.eventId,
        instant(p.at),
      ]),
    ),
    events: sorted(
      g.events.map((e) => [
        e.eventId,
        e.eventType,
        instant(e.eventTime),
        e.action,
        e.bizStep,
        e.disposition,
        e.bizLocation,
      ]),
    ),
  };
  const bare = {
    objects: sorted(b.objects.map(bareObject)),
    relations: sorted(
      (b.relations ?? []).map(([from, to, kind, fq, tq, uom, until, id, at]) => [
        from,
        to,
        kind,
        fq,
        tq,
        uom,
        instant(until),
        id,
        instant(at),
      ]),
    ),
    parties: sorted(
      (b.parties ?? []).map(([party, kind, epc, q, uom, counterparty, id, at]) => [
        party,
        roleOf[kind] ?? kind,
        epc,
        q,
        uom,
        counterparty,
        id,
        instant(at),
      ]),
    ),
    events: sorted(
      (b.events ?? []).map(([id, type, at, action, step, disposition, location]) => [
        id,
        type,
        instant(at),
        action,
        step,
        disposition,
        location,
      ]),
    ),
  };
  // every enterprise the engine names must be the directory's: a party by its own identifier; an
  // event by the first of its bizLocation, readPoint and owner that a filed enterprise claims (only
  // bizLocation is in the API), so by value
  const directory = new Map((b.directory ?? []).map(([id, code, name]) => [id, `${code} ${name}`]));
  const values = new Set(directory.values());
  const named = [
    ...g.parties.flatMap((p) =>
      p.enterprise ? [[p.party, `${p.enterprise.creditCode} ${p.enterprise.name}`]] : [],
    ),
    ...g.events.flatMap((e) => (e.where ? [[null, `${e.where.creditCode} ${e.where.name}`]] : [])),
  ] as [string | null, string][];
  return { engine, bare, directory, values, named, size: g.objects.length };
}

async function expectSameTraces(database: Database, starts: string[]) {
  let objects = 0;
  let named = 0;
  for (const start of starts)
    for (const way of ['back', 'forward'] as const) {
      const t = await bothTraces(database, start, way);
      expect(t.bare, `${way} from ${start}`).toEqual(t.engine);
      for (const [id, name] of t.named)
        if (id === null) expect(t.values.has(name), name).toBe(true);
        else expect(t.directory.get(id), id).toBe(name);
      objects += t.size;
      named += t.named.length;
    }
  return { objects, named };
}

/** Impact as the engine and the bare SQL answer it: objects with scans, holdings, the goods summary. */
async function expectSameImpact(database: Database, lots: string[]) {
  const engine = await impactOf(database.db, lots);
  const bare = await bareImpact(database.pool, lots, maxDepth);
  const round = (n: number) => Math.round(Number(n) * 1e6) / 1e6;
  const scans = new Map((bare.scans ?? []).map(([uri, n]) => [uri, Number(n)]));
  expect(sorted(bare.objects.map((o) => [...bareObject(o), scans.get(o[0]) ?? 0]))).toEqual(
    sorted(engine.objects.map((o) => [...engineObject(o), o.scans])),
  );
  const regions = new Map((bare.directory ?? []).map(([id, , , region]) => [id, region]));
  expect(
    sorted(
      (bare.holdings ?? []).map(([party, epc, uom, ...q]) => [
        party,
        epc,
        uom,
        ...q.map(round),
        regions.get(party) ?? null,
      ]),
    ),
  ).toEqual(
    sorted(
      engine.holdings.map((h) => [
        h.party,
        h.object,
        h.uom,
        h.produced,
        h.received,
        h.shipped,
        h.sold,
        h.consumed,
        h.destroyed,
        h.region,
      ]),
    ),
  );
  // the per-party summary counts goods: the bare containers are what it leaves out
  const containers = new Set(bare.containers ?? []);
  const goods = new Map<string, number>();
  for (const [party, epc, uom, , received] of bare.holdings ?? [])
    if (!containers.has(epc))
      goods.set(`${party} ${uom}`, round((goods.get(`${party} ${uom}`) ?? 0) + received));
  expect(sorted([...goods])).toEqual(
    sorted(engine.parties.map((p) => [`${p.party} ${p.uom}`, round(p.received)])),
  );
  return { engine, containers: containers.size };
}

describe.each(backends())('the bare trace SQL answers as the engine does [%s]', (backend) => {
  const database = useDatabase(backend);

  it('on a generated meat-and-dairy graph', async () => {
    const graph = await generateTraceGraph(database.current, {
      lots: 400,
      eventsPerLot: 6,
      extraDepth: 2,
      impactTarget: 150,
      concurrency: 2,
    });
    // an ownership transfer (TransactionEvent) of a lot the hub reaches: shown as a party, never
    // counted in holdings
    const [sold] = (await bareImpact(database.current.pool, [graph.hub], maxDepth)).objects.slice(-1);
    const transfer = normaliseEvent(
      {
        type: 'TransactionEvent',
        eventID: `urn:uuid:${randomUUID()}`,
        eventTime: '2026-06-01T00:00:00.000Z',
        eventTimeZoneOffset: '+08:00',
        action: 'ADD',
        bizTransactionList: [{ type: 'po', bizTransaction: 'urn:suyuan:po:bench-1' }],
        quantityList: [{ epcClass: sold?.[0], quantity: 3, uom: 'KGM' }],
        sourceList: [{ type: 'owning_party', source: 'https://id.gs1.org/417/6900000000014' }],
        destinationList: [{ type: 'owning_party', destination: 'https://id.gs1.org/417/6900000000021' }],
      },
      undefined,
      '/0',
    );
    if (!transfer.ok) throw new Error(JSON.stringify(transfer.issues));
    await database.current.db.transaction().execute((trx) =>
      storeEvents(trx, [{ event: transfer.event, pointer: '/0' }], null, {
        principal: 'test',
        enterprise: null,
      }),
    );
    const starts = [graph.hub, ...graph.lots.filter((_, i) => i % 10 === 0).slice(0, 30)];
    const { objects } = await expectSameTraces(database.current, starts);
    expect(objects).toBeGreaterThan(starts.length * 4);
    const { engine } = await expectSameImpact(database.current, [graph.hub]);
    expect(engine.objects.length).toBeGreaterThan(50);
    const forward = await traceGraph(database.current.db, sold?.[0] as string, {
      direction: 'back',
      depth: 1,
    });
    expect(forward.parties.some((p) => p.role === 'seller' && p.quantity === 3)).toBe(true);
    // a code never issued and never named: the engine answers 404, the bare SQL known = false
    const unknown = `${graph.hub}-NEVER`;
    await expect(traceGraph(database.current.db, unknown, { direction: 'back', depth: 50 })).rejects.toThrow(
      /never issued/,
    );
    expect((await bareTrace(database.current.pool, unknown, 'back', 50)).known).toBe(false);
    // asked only when nothing was found, as the engine does
    expect((await bareTrace(database.current.pool, graph.hub, 'forward', 50)).known).toBeNull();
  });
});

// The demo world is seeded on PGlite only: on PostgreSQL every test file shares one database.
describe('the bare trace SQL answers as the engine does [pglite]', () => {
  const database = useDatabase('pglite');

  it('on the demo world', async () => {
    const db = database.current.db;
    await seedDemo(database.current, { size: 'small', seed: 2026, prefix: 'CN', today: '2026-11-24' });
    const { rows } = await sql<{ node: string }>`
      SELECT node FROM (SELECT source AS node FROM lineage_links UNION SELECT target FROM lineage_links) x
      ORDER BY md5(node) LIMIT 40`.execute(db);
    const { objects, named } = await expectSameTraces(
      database.current,
      rows.map((r) => r.node),
    );
    expect(objects).toBeGreaterThan(100);
    expect(named).toBeGreaterThan(20);
    // the lots reaching furthest: their impact has holdings at filed enterprises, containers, scans
    const wide = await sql<{ source: string }>`
      SELECT source FROM lineage_links GROUP BY source ORDER BY count(*) DESC, source LIMIT 3`.execute(db);
    // and the origin of a code consumers scanned, so the assessment counts public scans
    const scanned = await sql<{
      uri: string;
    }>`SELECT uri FROM code_scan_totals ORDER BY scans DESC, uri LIMIT 1`.execute(db);
    const back = await traceGraph(db, scanned.rows[0]?.uri as string, { direction: 'back', depth: 50 });
    const origin = back.objects.reduce((a, o) => (o.depth < a.depth ? o : a));
    // and something packed into a case, so it reaches packaging
    const packed = await sql<{ source: string }>`
      SELECT source FROM lineage_links WHERE kind = 'contains' ORDER BY source LIMIT 1`.execute(db);
    const { engine, containers } = await expectSameImpact(database.current, [
      ...wide.rows.map((r) => r.source),
      origin.uri,
      packed.rows[0]?.source as string,
    ]);
    expect(engine.holdings.some((h) => h.enterprise !== undefined)).toBe(true);
    expect(containers).toBeGreaterThan(0);
    expect(engine.scans).toBeGreaterThan(0);
  });
});
