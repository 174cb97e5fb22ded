import { Command } from 'commander';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { createScratchDatabase } from '../src/db/scratch.js';
import { type SeedSize, seedDemo } from '../src/seed/seed.js';
import { publish, round2, verdict } from './report.js';

/**
 * node dist/bench/seed.js --size medium [--database-url URL]
 * The demo seed's bulk path on a scratch PostgreSQL database (created and dropped): events and
 * lots per second, and what that means for --size large (10 million events, 1 million lots).
 */
const program = new Command('bench-seed')
  .option('--size <size>', 'medium or large', 'medium')
  .option('--database-url <url>', 'PostgreSQL server', 'postgres://postgres@127.0.0.1:5432/postgres')
  .option('--writers <n>', 'chunks written at once (connections)', '4')
  .action(async (options: { size: SeedSize; databaseUrl: string; writers: string }) => {
    const scratch = await createScratchDatabase(options.databaseUrl, 'suyuan_bench_seed');
    const writers = Number(options.writers);
    const database = await openDatabase({ url: scratch.url, poolSize: writers + 2 });
    try {
      await migrate(database.pool);
      const summary = await seedDemo(database, { size: options.size, seed: 2026, prefix: 'CN', writers });
      const { rows } = await sql<{ events: string; movements: string; codes: string; bytes: string }>`SELECT
        (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM lineage_movements) AS movements,
        (SELECT count(*) FROM codes) AS codes, pg_database_size(current_database()) AS bytes`.execute(
        database.db,
      );
      const volume = summary.volume;
      const seconds = volume?.seconds ?? 0;
      const eventsPerSecond = seconds > 0 ? Math.round((volume?.events ?? 0) / seconds) : 0;
      const largeMinutes = eventsPerSecond > 0 ? round2(10_000_000 / eventsPerSecond / 60) : Number.NaN;
      publish(
        'seed',
        [
          {
            size: options.size,
            writers,
            chainsSeconds: round2(summary.seconds - seconds),
            volumeEvents: volume?.events ?? 0,
            volumeLots: volume?.lots ?? 0,
            volumeSeconds: seconds,
            eventsPerSecond,
            lotsPerSecond: seconds > 0 ? Math.round((volume?.lots ?? 0) / seconds) : 0,
            totalEvents: Number(rows[0]?.events),
            totalMovements: Number(rows[0]?.movements),
            totalCodes: Number(rows[0]?.codes),
            databaseMiB: round2(Number(rows[0]?.bytes) / 1048576),
            largeMinutesExtrapolated: largeMinutes,
          },
        ],
        [
          `target --size large (10,000,000 events) in < 20 min on PostgreSQL: ~${largeMinutes} min extrapolated linearly from ${options.size} — ${verdict(largeMinutes < 20)} (indexes grow: expect the real figure to be higher)`,
        ],
      );
    } finally {
      await database.close();
      await scratch.drop();
    }
  });

program.parseAsync().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
