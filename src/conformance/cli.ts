import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { buildApp } from '../app.js';
import { createApiKey } from '../auth/api-keys.js';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { checkExamples, checkHashes, type Report } from './check.js';
import { EpcisClient } from './client.js';

/**
 * npm run conformance -- <dir> [--url URL --key KEY]: without --url it starts suyuan on a fresh
 * in-memory database (or DATABASE_URL) and checks it over real HTTP.
 */
const program = new Command('conformance')
  .argument('<dir>', 'folder with examples/json and hash-vectors (e.g. ../shared/epcis)')
  .option('--url <url>', 'check a running EPCIS server instead of starting one')
  .option('--key <key>', 'API key for --url')
  .action(async (dir: string, options: { url?: string; key?: string }) => {
    const root = resolve(dir);
    if (!existsSync(resolve(root, 'examples'))) throw new Error(`${root} has no examples folder`);
    const report: Report = { passed: 0, failed: 0, skipped: 0, failures: [] };
    let stop = async () => {};
    let client: EpcisClient;
    if (options.url) {
      client = new EpcisClient(options.url.replace(/\/$/, ''), options.key ?? '');
    } else {
      const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', PORT: '0' });
      const database = await openDatabase(
        config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: 'memory://' },
      );
      await migrate(database.pool);
      const app = await buildApp(config, { database });
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const key = await createApiKey(database.db, 'conformance', ['capture', 'query']);
      client = new EpcisClient(address, key.key);
      stop = async () => {
        await app.close();
        await database.close();
      };
    }
    try {
      await checkExamples(client, root, report);
      await checkHashes(client, root, report);
    } finally {
      await stop();
    }
    for (const failure of report.failures) console.log(`FAIL ${failure}`);
    console.log(`${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`);
    process.exitCode = report.failed > 0 ? 1 : 0;
  });

program.parseAsync().catch((error: unknown) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
