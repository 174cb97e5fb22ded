import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { seedDemo } from '../src/seed/seed.js';
import { impactOf } from '../src/trace/impact.js';
import { maxDepth } from '../src/trace/schema.js';
import { roleOf, traceGraph } from '../src/trace/service.js';
import { backends, useDatabase } from '../test/database.js';
import { type BareTrace, bareImpact, bareTrace } from './trace-bare.js';
import { generateTraceGraph } from './trace-generate.js';

// The benchmark's baseline is only a baseline if it answers the same question: these tests hold the
// bare SQL (trace-bare.ts) to the engine's answers, on the generated graph and on the demo world
// (enterprises, codes registry, containers, scans).

const instant = (t: string | null) => (t === null ? null : Date.parse(t));
const sorted = (xs: string[]) => [...xs].sort();

/** The engine's trace and the bare one, each reduced to the same comparable form. */
async function bothTraces(database: Database, start: string, way: 'back' | 'forward') {
  const g = await traceGraph(database.db, start, { direction: way, depth: 50 });
  const b: BareTrace = await bareTrace(database.pool, start, way, 50);
  const engine = {
    objects: sorted(
      g.objects.map((o) =>
        JSON.stringify([o.uri, Math.abs(o.depth), instant(o.producedAt), o.producer, o.productName]),
      ),
    ),
    relations: sorted(
      g.relations.map((r) =>
        JSON.stringify([r.from, r.to, r.kind, r.fromQuantity, r.toQuantity, r.eventId, instant(r.at)]),
      ),
    ),
    parties: sorted(
      g.parties.map((p) =>
        JSON.stringify([p.party, p.role, p.object, p.quantity, p.counterparty, p.eventId]),
      ),
    ),
    events: sorted(g.events.map((e) => JSON.stringify([e.eventId, instant(e.eventTime), e.bizStep]))),
  };
  const bare = {
    objects: sorted(
      b.objects.map((o) =>
        JSON.stringify([o.uri, o.depth, instant(o.produced_at), o.owner ?? o.produced_by, o.product_name]),
      ),
    ),
    relations: sorted(
      (b.relations ?? []).map((r) =>
        JSON.stringify([
          r.source,
          r.target,
          r.kind,
          r.source_quantity,
          r.target_quantity,
          r.event_id,
          instant(r.at),
        ]),
      ),
    ),
    parties: sorted(
      (b.parties ?? []).map((p) =>
        JSON.stringify([p.party, roleOf[p.kind] ?? p.kind, p.epc, p.quantity, p.counterparty, p.event_id]),
      ),
    ),
    events: sorted(
      (b.events ?? []).map((e) => JSON.stringify([e.event_id, instant(e.event_time), e.biz_step])),
    ),
  };
  const named = new Set((b.directory ?? []).map((d) => d.credit_code));
  const engineNamed = [
    ...g.parties.flatMap((p) => (p.enterprise ? [p.enterprise.creditCode] : [])),
    ...g.events.flatMap((e) => (e.where ? [e.where.creditCode] : [])),
  ];
  return { engine, bare, named, engineNamed, size: g.objects.length };
}

async function expectSameTraces(database: Database, starts: string[]) {
  let objects = 0;
  let named = 0;
  for (const start of starts)
    for (const way of ['back', 'forward'] as const) {
      const t = await bothTraces(database, start, way);
      expect(t.bare, `${way} from ${start}`).toEqual(t.engine);
      for (const code of t.engineNamed) expect(t.named.has(code), code).toBe(true);
      objects += t.size;
      named += t.engineNamed.length;
    }
  return { objects, named };
}

/** Impact as the engine and the bare SQL answer it, reduced to objects, holdings and scans. */
async function expectSameImpact(database: Database, lots: string[]) {
  const engine = await impactOf(database.db, lots);
  const bare = await bareImpact(database.pool, lots, maxDepth);
  const round = (n: number) => Math.round(Number(n) * 1e6) / 1e6;
  expect(sorted(bare.objects.map((o) => `${o.uri} ${o.depth}`))).toEqual(
    sorted(engine.objects.map((o) => `${o.uri} ${o.depth}`)),
  );
  expect(
    sorted(
      (bare.holdings ?? []).map((h) =>
        JSON.stringify([
          h.party,
          h.epc,
          h.uom,
          ...[h.produced, h.received, h.shipped, h.sold, h.consumed, h.destroyed].map(round),
          h.region,
        ]),
      ),
    ),
  ).toEqual(
    sorted(
      engine.holdings.map((h) =>
        JSON.stringify([
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
    ),
  );
  expect((bare.scans ?? []).reduce((n, s) => n + Number(s.scans), 0)).toBe(engine.scans);
  return engine;
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
    const starts = graph.lots.filter((_, i) => i % 10 === 0).slice(0, 30);
    const { objects } = await expectSameTraces(database.current, starts);
    expect(objects).toBeGreaterThan(starts.length * 4);
    const impact = await expectSameImpact(database.current, [graph.hub]);
    expect(impact.objects.length).toBeGreaterThan(50);
    // a code never issued and never named: the engine answers 404, the bare SQL known = false
    const unknown = `${graph.hub}-NEVER`;
    await expect(traceGraph(database.current.db, unknown, { direction: 'back', depth: 50 })).rejects.toThrow(
      /never issued/,
    );
    expect((await bareTrace(database.current.pool, unknown, 'back', 50)).known).toBe(false);
    expect((await bareTrace(database.current.pool, starts[0] as string, 'forward', 50)).known).toBe(true);
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
    const impact = await expectSameImpact(
      database.current,
      wide.rows.map((r) => r.source),
    );
    expect(impact.holdings.some((h) => h.enterprise !== undefined)).toBe(true);
  });
});
