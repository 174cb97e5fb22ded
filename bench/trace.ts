import { impactOf } from '../src/trace/impact.js';
import type { Way } from '../src/trace/queries.js';
import { maxDepth } from '../src/trace/schema.js';
import { traceGraph } from '../src/trace/service.js';
import { type Backend, freshDatabase } from './databases.js';
import { percentile, progress } from './report.js';
import { bareImpact, bareTrace, walkOnly } from './trace-bare.js';
import { generateTraceGraph } from './trace-generate.js';

export interface TraceFigures {
  backend: Backend;
  lots: number;
  events: number;
  generateSeconds: number;
  backP50Ms: number;
  backP99Ms: number;
  /** The bare SQL answering the same question (trace-bare.ts): the target's baseline. */
  bareBackP50Ms: number;
  bareBackP99Ms: number;
  /** The walk alone, returning node identifiers (`bareWalk`): the floor. */
  walkBackP50Ms: number;
  walkBackP99Ms: number;
  forwardP50Ms: number;
  forwardP99Ms: number;
  bareForwardP50Ms: number;
  bareForwardP99Ms: number;
  walkForwardP50Ms: number;
  walkForwardP99Ms: number;
  avgObjectsPerTrace: number;
  /** Traces (of the 2 × starts) that returned 1,000 objects or more: feed lots forward, mostly. The
   * p99 of a draw depends on whether it holds ten or more of them (bench/README.md). */
  largeTraces: number;
  impactMs: number;
  bareImpactMs: number;
  walkImpactMs: number;
  impactLots: number;
  starts: number;
}

const ms = (n: number) => Math.round(n * 100) / 100;

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const value = await fn();
  return [performance.now() - t, value];
}

export interface TraceBenchOptions {
  lots: number;
  eventsPerLot: number;
  extraDepth: number;
  starts: number;
  impactTarget: number;
  databaseUrl: string;
  /** Generate through storeEvents instead of COPY. */
  capturePath: boolean;
}

/**
 * Builds the graph, then times full traces (the service the API calls) against the bare recursive
 * SQL answering the same question (trace-bare.ts) and the bare walk returning node identifiers
 * only, start by start, rotating which of the three goes first so none always finds the pages
 * another just read.
 */
export async function benchTrace(backend: Backend, o: TraceBenchOptions): Promise<TraceFigures> {
  const { database, drop } = await freshDatabase(backend, o.databaseUrl);
  try {
    const graph = await generateTraceGraph(database, {
      lots: o.lots,
      eventsPerLot: o.eventsPerLot,
      extraDepth: o.extraDepth,
      impactTarget: o.impactTarget,
      concurrency: backend === 'postgres' ? 4 : 1,
      capturePath: o.capturePath,
    });
    // as autovacuum leaves a table in use: statistics, and pages marked all-visible (index-only scans)
    await database.pool.query('VACUUM (ANALYZE)');
    const { db, pool } = database;
    const starts = Array.from(
      { length: o.starts },
      () => graph.lots[Math.floor(Math.random() * graph.lots.length)] as string,
    );
    const times: Record<string, number[]> = {};
    const add = (k: string, v: number) => {
      times[k] ??= [];
      times[k].push(v);
    };
    let objects = 0;
    let large = 0;
    const bar = progress('trace', starts.length);
    for (const [i, start] of starts.entries()) {
      for (const way of ['back', 'forward'] as Way[]) {
        const runs: [string, () => Promise<unknown>][] = [
          [
            way,
            async () => {
              const n = (await traceGraph(db, start, { direction: way, depth: 50 })).objects.length;
              objects += n;
              if (n >= 1000) large++;
            },
          ],
          [`bare ${way}`, () => bareTrace(pool, start, way, 50)],
          [`walk ${way}`, () => walkOnly(pool, start, way, 50)],
        ];
        for (let k = 0; k < runs.length; k++) {
          const [name, run] = runs[(i + k) % runs.length] as [string, () => Promise<unknown>];
          const [t] = await timed(run);
          add(name, t);
        }
      }
      bar.increment();
    }
    bar.stop();
    let impactLots = 0;
    for (let i = 0; i < 3; i++) {
      const [t, impact] = await timed(() => impactOf(db, [graph.hub]));
      add('impact', t);
      add('bare impact', (await timed(() => bareImpact(pool, [graph.hub], maxDepth)))[0]);
      add('walk impact', (await timed(() => walkOnly(pool, graph.hub, 'forward', maxDepth)))[0]);
      impactLots = impact.objects.length - 1;
    }
    const p = (k: string, q: number) => ms(percentile(times[k] as number[], q));
    return {
      backend,
      lots: graph.lotCount,
      events: graph.events,
      generateSeconds: Math.round(graph.seconds),
      backP50Ms: p('back', 0.5),
      backP99Ms: p('back', 0.99),
      bareBackP50Ms: p('bare back', 0.5),
      bareBackP99Ms: p('bare back', 0.99),
      walkBackP50Ms: p('walk back', 0.5),
      walkBackP99Ms: p('walk back', 0.99),
      forwardP50Ms: p('forward', 0.5),
      forwardP99Ms: p('forward', 0.99),
      bareForwardP50Ms: p('bare forward', 0.5),
      bareForwardP99Ms: p('bare forward', 0.99),
      walkForwardP50Ms: p('walk forward', 0.5),
      walkForwardP99Ms: p('walk forward', 0.99),
      avgObjectsPerTrace: Math.round(objects / (2 * starts.length)),
      largeTraces: large,
      impactMs: p('impact', 0.5),
      bareImpactMs: p('bare impact', 0.5),
      walkImpactMs: p('walk impact', 0.5),
      impactLots,
      starts: starts.length,
    };
  } finally {
    await drop();
  }
}
