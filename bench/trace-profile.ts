import pg from 'pg';
import { type Database, openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { impactOf } from '../src/trace/impact.js';
import type { Way } from '../src/trace/queries.js';
import { traceGraph } from '../src/trace/service.js';
import { percentile } from './report.js';
import { bareImpact, bareTrace, walkOnly } from './trace-bare.js';
import { generateTraceGraph } from './trace-generate.js';

/**
 * Development aid (not a benchmark of record): keeps a generated graph in a named database so the
 * trace can be profiled repeatedly. `node dist/bench/trace-profile.js generate URL LOTS` then
 * `node dist/bench/trace-profile.js profile URL [STARTS]`; `all URL` times every lot of the sample.
 */
async function open(url: string): Promise<Database> {
  return openDatabase(url.startsWith('postgres') ? { url, poolSize: 4 } : { dataDir: url });
}

async function main() {
  const [mode, url, arg] = process.argv.slice(2) as [string, string, string | undefined];
  if (mode === 'generate') {
    if (url.startsWith('postgres')) {
      const server = new URL(url);
      const name = server.pathname.slice(1);
      server.pathname = '/postgres';
      const c = new pg.Client({ connectionString: server.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${name}`);
      await c.end();
    }
    const database = await open(url);
    await migrate(database.pool);
    const g = await generateTraceGraph(database, {
      lots: Number(arg ?? 10000),
      eventsPerLot: 10,
      extraDepth: 4,
      impactTarget: 10000,
      concurrency: url.startsWith('postgres') ? 2 : 1,
    });
    // as autovacuum leaves a table in use: statistics, and pages marked all-visible (index-only scans)
    await database.pool.query('VACUUM (ANALYZE)');
    await database.pool.query('CREATE TABLE IF NOT EXISTS bench_meta (hub text, lots text[])');
    await database.pool.query('INSERT INTO bench_meta VALUES ($1, $2)', [g.hub, g.lots]);
    console.log(JSON.stringify({ lots: g.lots.length, events: g.events, seconds: g.seconds, hub: g.hub }));
    await database.close();
    return;
  }
  if (mode === 'golden') return golden(url, arg as string);
  if (mode === 'all') return everyStart(url);
  const database = await open(url);
  const db = database.db;
  const meta = await database.pool.query<{ hub: string; lots: string[] }>('SELECT hub, lots FROM bench_meta');
  const { hub, lots } = meta.rows[0] as { hub: string; lots: string[] };
  const n = Number(arg ?? 200);
  // the same starts every run (a fixed-seed generator), so runs before and after a change compare
  let seed = Number(process.env.SEED ?? 1);
  const random = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  const starts = Array.from({ length: n }, () => lots[Math.floor(random() * lots.length)] as string);
  const times: Record<string, number[]> = {};
  const add = (k: string, v: number) => {
    times[k] ??= [];
    times[k].push(v);
  };
  let objects = 0;
  for (const start of starts)
    for (const way of ['back', 'forward'] as Way[]) {
      let t = performance.now();
      const g = await traceGraph(db, start, { direction: way, depth: 50 });
      add(way, performance.now() - t);
      objects += g.objects.length;
      t = performance.now();
      await bareTrace(database.pool, start, way, 50);
      add(`bare ${way}`, performance.now() - t);
      t = performance.now();
      await walkOnly(database.pool, start, way, 50);
      add(`walk ${way}`, performance.now() - t);
    }
  for (let i = 0; i < 3; i++) {
    let t = performance.now();
    const impact = await impactOf(db, [hub]);
    add('impact', performance.now() - t);
    t = performance.now();
    await bareImpact(database.pool, [hub], 100);
    add('bare impact', performance.now() - t);
    t = performance.now();
    await walkOnly(database.pool, hub, 'forward', 100);
    add('walk impact', performance.now() - t);
    if (i === 0) console.log('impact objects', impact.objects.length, 'holdings', impact.holdings.length);
  }
  console.log('avg objects', Math.round(objects / (2 * n)));
  for (const [k, v] of Object.entries(times))
    console.log(k.padEnd(14), 'p50', percentile(v, 0.5).toFixed(2), 'p99', percentile(v, 0.99).toFixed(2));
  await database.close();
}

/**
 * Times a trace each way from every lot of the kept sample (20,000): the distribution itself rather
 * than a draw of 1,000, whose p99 depends on how many of the ~0.8% feed lots (forward traces of
 * ~1,300 objects) it happens to include.
 */
async function everyStart(url: string) {
  const database = await open(url);
  const meta = await database.pool.query<{ lots: string[] }>('SELECT lots FROM bench_meta');
  const { lots } = meta.rows[0] as { lots: string[] };
  for (const way of ['forward', 'back'] as Way[]) {
    const times: number[] = [];
    for (const start of lots) {
      const t = performance.now();
      await traceGraph(database.db, start, { direction: way, depth: 50 });
      times.push(performance.now() - t);
    }
    const q = (x: number) => percentile(times, x).toFixed(2);
    const over = times.filter((t) => t > 50).length;
    console.log(
      way,
      times.length,
      'starts: p50',
      q(0.5),
      'p90',
      q(0.9),
      'p99',
      q(0.99),
      'p99.5',
      q(0.995),
      `over 50 ms: ${over}`,
    );
  }
  await database.close();
}

const canonical = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(canonical)
    : v !== null && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, x]) => [k, canonical(x)]),
        )
      : v;

/** Writes (first run) or compares (later runs) the service's answers for fixed starts and options. */
async function golden(url: string, file: string) {
  const database = await open(url);
  const db = database.db;
  const meta = await database.pool.query<{ hub: string; lots: string[] }>('SELECT hub, lots FROM bench_meta');
  const { hub, lots } = meta.rows[0] as { hub: string; lots: string[] };
  const step = Math.floor(lots.length / 40);
  const out: Record<string, unknown> = {};
  const at = new Date(Date.UTC(2026, 0, 1, 12));
  for (let i = 0; i < 40; i++) {
    const start = lots[i * step] as string;
    for (const direction of ['back', 'forward', 'both'] as const) {
      out[`${start} ${direction}`] = await traceGraph(db, start, { direction, depth: 50 });
      out[`${start} ${direction} d3 at`] = await traceGraph(db, start, { direction, depth: 3, at });
      out[`${start} ${direction} limit`] = await traceGraph(db, start, { direction, depth: 50, limit: 7 });
    }
  }
  out.impact = await impactOf(db, [hub]);
  out.impactWindow = await impactOf(db, [lots[0] as string, lots[5] as string], {
    from: new Date(0),
    to: at,
  });
  await database.close();
  const { existsSync, readFileSync, writeFileSync } = await import('node:fs');
  const text = JSON.stringify(out, null, 1);
  if (!existsSync(file)) {
    writeFileSync(file, text);
    console.log('written', file, text.length);
    return;
  }
  const before = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const after = JSON.parse(text) as Record<string, unknown>;
  let differ = 0;
  let tiesOnly = 0;
  for (const k of Object.keys(before)) {
    const a = JSON.stringify(canonical(before[k]));
    const b = JSON.stringify(canonical(after[k]));
    if (a !== b) {
      const sorted = (g: unknown) =>
        JSON.stringify(
          canonical({
            ...(g as object),
            parties: [...((g as { parties?: unknown[] }).parties ?? [])]
              .map((x) => JSON.stringify(canonical(x)))
              .sort(),
          }),
        );
      if (sorted(before[k]) === sorted(after[k])) {
        tiesOnly++;
        continue;
      }
      differ++;
      if (differ <= 3) {
        let j = 0;
        while (j < a.length && a[j] === b[j]) j++;
        console.log(
          'DIFF',
          k,
          '\n  before',
          a.slice(Math.max(0, j - 200), j + 200),
          '\n  after ',
          b.slice(Math.max(0, j - 200), j + 200),
        );
      }
    }
  }
  console.log(differ === 0 ? 'same' : `${differ} of ${Object.keys(before).length} differ`);
  console.log(`${tiesOnly} differ only in the order of parties at the same instant`);
  writeFileSync(`${file}.after`, text);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
