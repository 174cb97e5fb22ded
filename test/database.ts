import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, inject } from 'vitest';
import { type Database, openDatabase } from '../src/db/database.js';

export type Backend = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set. */
export function backends(): Backend[] {
  return inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite'];
}

/** A database for one test file: PGlite from the migrated template, or the run's PostgreSQL database. */
export async function openTestDatabase(backend: Backend): Promise<Database> {
  if (backend === 'postgres') return openDatabase({ url: inject('postgresUrl'), poolSize: 4 });
  const template = readFileSync(inject('pgliteTemplate'));
  return openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([template]) });
}

/** Opens the backend's database before the file's tests and closes it after; read `.current` inside tests. */
export function useDatabase(backend: Backend): { current: Database } {
  const holder = {} as { current: Database };
  beforeAll(async () => {
    holder.current = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await holder.current?.close();
  });
  return holder;
}

/** A short random suffix so tests sharing a database never collide. */
export function unique(): string {
  return Math.random().toString(36).slice(2, 10);
}
