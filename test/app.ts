import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../src/app.js';
import { createApiKey } from '../src/auth/api-keys.js';
import type { Scope } from '../src/auth/principal.js';
import { type Config, loadConfig } from '../src/config/config.js';
import type { Database } from '../src/db/database.js';
import { type Backend, useDatabase } from './database.js';

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: 'silent', ...overrides });
}

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  /** Authorization header of a key with capture and query scopes. */
  auth: { authorization: string };
  key(scopes: Scope[], enterprise?: string): Promise<{ authorization: string }>;
}

/** An app on the backend's shared test database, with the capture worker off (tests drain it). */
export function useApp(backend: Backend, overrides: Record<string, string> = {}): TestContext {
  const db = useDatabase(backend);
  const ctx = {} as TestContext;
  beforeAll(async () => {
    ctx.database = db.current;
    ctx.app = await buildApp(testConfig(overrides), { database: db.current, worker: false });
    await ctx.app.ready();
    ctx.key = async (scopes, enterprise) => {
      const key = await createApiKey(db.current.db, 'test', scopes, enterprise);
      return { authorization: `Bearer ${key.key}` };
    };
    ctx.auth = await ctx.key(['capture', 'query']);
  });
  afterAll(async () => {
    await ctx.app?.close();
  });
  return ctx;
}
