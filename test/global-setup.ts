import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';

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
    const name = `suyuan_test_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const server = await openDatabase({ url: url.toString(), poolSize: 2 });
    await migrate(server.pool);
    await server.close();
    project.provide('postgresUrl', url.toString());
    drop = async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
  } else {
    project.provide('postgresUrl', undefined);
  }
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    await drop?.();
  };
}
