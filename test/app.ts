import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../src/app.js';
import { createApiKey } from '../src/auth/api-keys.js';
import type { Scope } from '../src/auth/principal.js';
import { type Config, loadConfig } from '../src/config/config.js';
import type { Database } from '../src/db/database.js';
import { createUser, type NewUser } from '../src/users/service.js';
import { type Backend, useDatabase } from './database.js';

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: 'silent', ...overrides });
}

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  /** Authorization header of a key with capture and query scopes. */
  auth: { authorization: string };
  /** Authorization header of a platform-administrator key. */
  admin: { authorization: string };
  key(scopes: Scope[], enterprise?: string): Promise<{ authorization: string }>;
  /** Creates a user and logs in; returns headers that carry its session cookie (and a same-site Origin). */
  login(user: Partial<NewUser> & Pick<NewUser, 'role'>): Promise<{ cookie: string; origin: string }>;
}

export const testPassword = 'correct horse battery staple';

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
    ctx.admin = await ctx.key(['admin', 'capture', 'query']);
    ctx.login = async (user) => {
      const username = user.username ?? `u${Math.random().toString(36).slice(2, 10)}`;
      await createUser(db.current.db, { displayName: username, password: testPassword, ...user, username });
      const remoteAddress = `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username, password: testPassword },
        remoteAddress,
      });
      const cookie = String(response.headers['set-cookie']).split(';')[0] as string;
      return { cookie, origin: 'http://localhost:80' };
    };
  });
  afterAll(async () => {
    await ctx.app?.close();
  });
  return ctx;
}
