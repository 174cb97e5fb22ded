import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { createScratchDatabase } from '../src/db/scratch.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresUrl: string | undefined;
  }
}

/**
 * Builds the migrated PGlite template once per run (a fresh PGlite takes seconds to boot), and,
 * when TEST_DATABASE_URL is set, a database of its own on that server, dropped at the end.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'suyuan-test-'));
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrate(database.pool);
  const dump = await (database.pglite as PGlite).dumpDataDir('none');
  await database.close();
  const template = join(dir, 'template.tar');
  writeFileSync(template, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', template);

  let drop: (() => Promise<void>) | undefined;
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const scratch = await createScratchDatabase(serverUrl, 'suyuan_test');
    const server = await openDatabase({ url: scratch.url, poolSize: 2 });
    await migrate(server.pool);
    await server.close();
    project.provide('postgresUrl', scratch.url);
    drop = scratch.drop;
  } else {
    project.provide('postgresUrl', undefined);
  }
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    await drop?.();
  };
}
