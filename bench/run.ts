import { Command } from 'commander';
import { benchCapture, type CaptureFigures } from './capture.js';
import { benchImport, type ImportFigures } from './import.js';
import { backendsOf, publish, verdict } from './report.js';
import { benchResolve, type ResolveFigures } from './resolve.js';
import { benchTrace, type TraceFigures } from './trace.js';

/**
 * npm run bench -- capture [--events N] [--pglite-events N] [--backend both|pglite|postgres]
 * Figures are printed and written to bench/results/; nothing here is asserted.
 */
const program = new Command('bench');

program
  .command('capture')
  .description('capture throughput through HTTP vs a raw COPY of the same rows; MATCH_epc latency')
  .option('--events <n>', 'events on PostgreSQL', '1000000')
  .option('--pglite-events <n>', 'events on PGlite', '100000')
  .option('--backend <which>', 'both, pglite or postgres', 'both')
  .option(
    '--database-url <url>',
    'PostgreSQL server (a database is created and dropped)',
    'postgres://postgres@127.0.0.1:5432/postgres',
  )
  .action(async (options: { events: string; pgliteEvents: string; backend: string; databaseUrl: string }) => {
    const backends = backendsOf(options.backend);
    const rows: CaptureFigures[] = [];
    for (const backend of backends) {
      const total = Number(backend === 'pglite' ? options.pgliteEvents : options.events);
      rows.push(await benchCapture(backend, total, options.databaseUrl));
    }
    const pgRow = rows.find((r) => r.backend === 'postgres');
    publish(
      'capture',
      rows as unknown as Record<string, unknown>[],
      pgRow
        ? [
            `target ≥ 10,000 events/s on PostgreSQL: ${pgRow.httpEventsPerSecond} events/s — ${verdict(pgRow.httpEventsPerSecond >= 10000)}`,
            `target ≥ 40% of the COPY ceiling: ${Math.round(pgRow.shareOfCeiling * 100)}% — ${verdict(pgRow.shareOfCeiling >= 0.4)}`,
            `target MATCH_epc p99 < 10 ms: ${pgRow.matchEpcP99Ms} ms over ${pgRow.events} events — ${verdict(pgRow.matchEpcP99Ms < 10)}`,
          ]
        : [],
    );
  });

program
  .command('resolve')
  .description('GET /t/{code} (JSON) with codes issued, vs a constant Fastify endpoint; and issuance time')
  .option('--codes <n>', 'codes issued on PostgreSQL', '1000000')
  .option('--pglite-codes <n>', 'codes issued on PGlite', '100000')
  .option('--seconds <n>', 'duration of each load run', '15')
  .option('--backend <which>', 'both, pglite or postgres', 'both')
  .option('--database-url <url>', 'PostgreSQL server', 'postgres://postgres@127.0.0.1:5432/postgres')
  .action(
    async (options: {
      codes: string;
      pgliteCodes: string;
      seconds: string;
      backend: string;
      databaseUrl: string;
    }) => {
      const backends = backendsOf(options.backend);
      const rows: ResolveFigures[] = [];
      for (const backend of backends) {
        const codes = Number(backend === 'pglite' ? options.pgliteCodes : options.codes);
        rows.push(await benchResolve(backend, codes, options.databaseUrl, Number(options.seconds)));
      }
      const pgRow = rows.find((r) => r.backend === 'postgres');
      publish(
        'resolve',
        rows as unknown as Record<string, unknown>[],
        pgRow
          ? [
              `target ≥ 50% of the constant endpoint returning the same summary (20,000 codes scanned repeatedly, cached): ${Math.round(pgRow.shareOfCeiling * 100)}% — ${verdict(pgRow.shareOfCeiling >= 0.5)}`,
              `same with every request a different code (no cache hits): ${Math.round(pgRow.coldShareOfCeiling * 100)}% — ${verdict(pgRow.coldShareOfCeiling >= 0.5)}`,
              `against a two-field constant ({ code, state }): ${Math.round(pgRow.shareOfTinyCeiling * 100)}% cached, ${Math.round(pgRow.coldShareOfTinyCeiling * 100)}% uncached — ${verdict(pgRow.shareOfTinyCeiling >= 0.5)}`,
              `target p99 < 20 ms at 50 connections: ${pgRow.resolveP99Ms} ms cached, ${pgRow.coldP99Ms} ms uncached — ${verdict(pgRow.resolveP99Ms < 20 && pgRow.coldP99Ms < 20)}`,
              `target 100,000 codes issued in < 5 s: ${pgRow.issue100kSeconds} s — ${verdict(pgRow.issue100kSeconds < 5)}`,
            ]
          : [],
      );
    },
  );

/** The engine against the bare SQL answering the same question (the target) and the walk alone. */
function ratioLines(r: TraceFigures): string[] {
  const x = (a: number, b: number) => a / b;
  const f = (n: number) => `${n.toFixed(2)}×`;
  const bare = [
    x(r.backP50Ms, r.bareBackP50Ms),
    x(r.backP99Ms, r.bareBackP99Ms),
    x(r.forwardP50Ms, r.bareForwardP50Ms),
    x(r.forwardP99Ms, r.bareForwardP99Ms),
    x(r.impactMs, r.bareImpactMs),
  ];
  const [bp50, bp99, fp50, fp99, impact] = bare.map(f);
  return [
    `[${r.backend}] target within 1.5× of the bare SQL answering the same question: back p50 ${bp50} p99 ${bp99}, forward p50 ${fp50} p99 ${fp99}, impact ${impact} — ${verdict(Math.max(...bare) <= 1.5)}`,
    `[${r.backend}] against the walk alone (node identifiers only, not the baseline): back p50 ${f(x(r.backP50Ms, r.walkBackP50Ms))}, forward p50 ${f(x(r.forwardP50Ms, r.walkForwardP50Ms))}, impact ${f(x(r.impactMs, r.walkImpactMs))}`,
  ];
}

program
  .command('trace')
  .description(
    'back/forward trace and impact assessment vs the bare recursive SQL answering the same question',
  )
  // the size: at least 1 million lots and 10 million events (1,050,000 lots make ~10.06 M),
  // and PGlite at a tenth of it
  .option('--lots <n>', 'lots on PostgreSQL', '1050000')
  .option('--pglite-lots <n>', 'lots on PGlite', '105000')
  .option('--events-per-lot <n>', 'events per lot (transformation, shipping, receiving, observations)', '10')
  .option('--extra-depth <n>', 're-lotting stages added to the 8-stage chain (0–4: depth 8–12)', '4')
  .option('--starts <n>', 'random start codes timed each way', '1000')
  .option('--impact-target <n>', 'downstream lots the impact start should reach', '10000')
  .option('--backend <which>', 'both, pglite or postgres', 'both')
  .option('--database-url <url>', 'PostgreSQL server', 'postgres://postgres@127.0.0.1:5432/postgres')
  .option('--capture-path', 'generate the graph through storeEvents instead of COPY (about ten times slower)')
  .action(
    async (options: {
      lots: string;
      pgliteLots: string;
      eventsPerLot: string;
      extraDepth: string;
      starts: string;
      impactTarget: string;
      backend: string;
      databaseUrl: string;
      capturePath?: boolean;
    }) => {
      const backends = backendsOf(options.backend);
      const rows: TraceFigures[] = [];
      for (const backend of backends) {
        rows.push(
          await benchTrace(backend, {
            lots: Number(backend === 'pglite' ? options.pgliteLots : options.lots),
            eventsPerLot: Number(options.eventsPerLot),
            extraDepth: Number(options.extraDepth),
            starts: Number(options.starts),
            impactTarget: Number(options.impactTarget),
            databaseUrl: options.databaseUrl,
            capturePath: options.capturePath === true,
          }),
        );
      }
      publish(
        'trace',
        rows as unknown as Record<string, unknown>[],
        rows.flatMap((r) => [
          `[${r.backend}] target trace p99 < 50 ms: back ${r.backP99Ms} ms, forward ${r.forwardP99Ms} ms (${r.largeTraces} of the ${2 * r.starts} traces returned ≥ 1,000 objects) — ${verdict(Math.max(r.backP99Ms, r.forwardP99Ms) < 50)}`,
          `[${r.backend}] target impact < 1 s: ${r.impactMs} ms for ${r.impactLots} downstream lots — ${verdict(r.impactMs < 1000)}`,
          ...ratioLines(r),
        ]),
      );
    },
  );

program
  .command('import')
  .description('POST /api/imports of an N-row Excel workbook and its job, vs storeEvents of the same events')
  .option('--rows <n>', 'rows on PostgreSQL', '100000')
  .option('--pglite-rows <n>', 'rows on PGlite', '20000')
  .option('--backend <which>', 'both, pglite or postgres', 'postgres')
  .option('--database-url <url>', 'PostgreSQL server', 'postgres://postgres@127.0.0.1:5432/postgres')
  .action(async (options: { rows: string; pgliteRows: string; backend: string; databaseUrl: string }) => {
    const rows: ImportFigures[] = [];
    for (const backend of backendsOf(options.backend)) {
      const n = Number(backend === 'pglite' ? options.pgliteRows : options.rows);
      rows.push(await benchImport(backend, n, options.databaseUrl));
    }
    publish(
      'import',
      rows as unknown as Record<string, unknown>[],
      rows.flatMap((r) =>
        r.backend === 'postgres'
          ? [
              `target ${r.rows.toLocaleString('en')} rows in < 60 s on PostgreSQL: ${r.importSeconds} s — ${verdict(r.rows >= 100000 && r.importSeconds < 60)}`,
              `storeEvents alone (ceiling): ${r.ceilingSeconds} s; the import runs at ${Math.round(r.shareOfCeiling * 100)}% of it`,
            ]
          : [`[pglite] ${r.rows} rows in ${r.importSeconds} s (ceiling ${r.ceilingSeconds} s)`],
      ),
    );
  });

program.parseAsync().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
