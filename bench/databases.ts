import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { createScratchDatabase } from '../src/db/scratch.js';

export type Backend = 'pglite' | 'postgres';

export interface BenchDatabase {
  database: Database;
  drop(): Promise<void>;
}

/** A fresh, migrated database: a PGlite folder in /tmp, or a new database on the server. */
export async function freshDatabase(backend: Backend, serverUrl: string): Promise<BenchDatabase> {
  if (backend === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'suyuan-bench-'));
    const database = await openDatabase({ dataDir: dir });
    await migrate(database.pool);
    return {
      database,
      drop: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const scratch = await createScratchDatabase(serverUrl, 'suyuan_bench');
  const database = await openDatabase({ url: scratch.url, poolSize: 10 });
  await migrate(database.pool);
  return {
    database,
    drop: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}
