import { Command } from 'commander';
import { benchCapture, type CaptureFigures } from './capture.js';
import type { Backend } from './databases.js';
import { publish } from './report.js';
import { benchResolve, type ResolveFigures } from './resolve.js';

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
    const backends: Backend[] =
      options.backend === 'both' ? ['pglite', 'postgres'] : [options.backend as Backend];
    const rows: CaptureFigures[] = [];
    for (const backend of backends) {
      const total = Number(backend === 'pglite' ? options.pgliteEvents : options.events);
      rows.push(await benchCapture(backend, total, options.databaseUrl));
    }
    const pgRow = rows.find((r) => r.backend === 'postgres');
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
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
  .action(async (options: { codes: string; pgliteCodes: string; seconds: string; backend: string; databaseUrl: string }) => {
    const backends: Backend[] = options.backend === 'both' ? ['pglite', 'postgres'] : [options.backend as Backend];
    const rows: ResolveFigures[] = [];
    for (const backend of backends) {
      const codes = Number(backend === 'pglite' ? options.pgliteCodes : options.codes);
      rows.push(await benchResolve(backend, codes, options.databaseUrl, Number(options.seconds)));
    }
    const pgRow = rows.find((r) => r.backend === 'postgres');
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    publish(
      'resolve',
      rows as unknown as Record<string, unknown>[],
      pgRow
        ? [
            `target ≥ 50% of the constant endpoint: ${Math.round(pgRow.shareOfCeiling * 100)}% — ${verdict(pgRow.shareOfCeiling >= 0.5)}`,
            `target p99 < 20 ms at 50 connections: ${pgRow.resolveP99Ms} ms — ${verdict(pgRow.resolveP99Ms < 20)}`,
            `target 100,000 codes issued in < 5 s: ${pgRow.issue100kSeconds} s — ${verdict(pgRow.issue100kSeconds < 5)}`,
          ]
        : [],
    );
  });

program.parseAsync().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
