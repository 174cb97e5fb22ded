import { impactOf } from '../src/trace/impact.js';
import { bareWalk, type Way } from '../src/trace/queries.js';
import { traceGraph } from '../src/trace/service.js';
import { type Backend, freshDatabase } from './databases.js';
import { percentile, progress } from './report.js';
import { generateTraceGraph } from './trace-generate.js';

export interface TraceFigures {
  backend: Backend;
  lots: number;
  events: number;
  generateSeconds: number;
  backP50Ms: number;
  backP99Ms: number;
  bareBackP50Ms: number;
  bareBackP99Ms: number;
  forwardP50Ms: number;
  forwardP99Ms: number;
  bareForwardP50Ms: number;
  bareForwardP99Ms: number;
  avgObjectsPerTrace: number;
  impactMs: number;
  bareImpactMs: number;
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
 * query on the same tables, interleaved start by start so both see the same cache.
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
    const db = database.db;
    const starts = Array.from(
      { length: o.starts },
      () => graph.lots[Math.floor(Math.random() * graph.lots.length)] as string,
    );
    const times: Record<string, number[]> = { back: [], forward: [], bareback: [], bareforward: [] };
    let objects = 0;
    const bar = progress('trace', starts.length);
    for (const [i, start] of starts.entries()) {
      for (const way of ['back', 'forward'] as Way[]) {
        // alternate which goes first, so neither always finds the pages the other just read
        const bareFirst = i % 2 === 0;
        const [bare1] = bareFirst ? await timed(() => bareWalk(db, start, way, 50)) : [0];
        const [full, g] = await timed(() => traceGraph(db, start, { direction: way, depth: 50 }));
        const [bare2] = bareFirst ? [0] : await timed(() => bareWalk(db, start, way, 50));
        times[way]?.push(full);
        times[`bare${way}`]?.push(bare1 + bare2);
        objects += g.objects.length;
      }
      bar.increment();
    }
    bar.stop();
    const impacts: number[] = [];
    const bareImpacts: number[] = [];
    let impactLots = 0;
    for (let i = 0; i < 3; i++) {
      const [t, impact] = await timed(() => impactOf(db, [graph.hub]));
      const [b] = await timed(() => bareWalk(db, graph.hub, 'forward', 100));
      impacts.push(t);
      bareImpacts.push(b);
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
      bareBackP50Ms: p('bareback', 0.5),
      bareBackP99Ms: p('bareback', 0.99),
      forwardP50Ms: p('forward', 0.5),
      forwardP99Ms: p('forward', 0.99),
      bareForwardP50Ms: p('bareforward', 0.5),
      bareForwardP99Ms: p('bareforward', 0.99),
      avgObjectsPerTrace: Math.round(objects / (2 * starts.length)),
      impactMs: ms(percentile(impacts, 0.5)),
      bareImpactMs: ms(percentile(bareImpacts, 0.5)),
      impactLots,
      starts: starts.length,
    };
  } finally {
    await drop();
  }
}
