import { CompiledQuery, type Kysely } from 'kysely';
import type pg from 'pg';
import type { DB } from './types.js';

interface Registered {
  pool: pg.Pool;
  /** Close a connection whose named statement went stale (a server; PGlite has one connection). */
  discardStale: boolean;
}

const pools = new WeakMap<Kysely<DB>, Registered>();

/** Records the pool behind a database handle (database.ts), for `preparedRows`. */
export function registerPool(db: Kysely<DB>, pool: pg.Pool, discardStale: boolean): void {
  pools.set(db, { pool, discardStale });
}

/**
 * A named statement the server no longer has (DISCARD ALL, a pooler) or whose result columns
 * changed under it (a migration replaced the function it calls with other columns).
 */
function stale(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e.code === '26000' ||
    (e.code === '0A000' && /cached plan must not change result type/.test(e.message ?? ''))
  );
}

/**
 * Runs a statement as a named prepared statement on the handle's pool: parsed and planned once per
 * connection instead of on every call, which Kysely cannot ask of the driver. For small statements
 * called often (a trace of a few objects takes ~0.3 ms, of which parsing and planning the call took
 * ~0.07 ms). Inside a transaction (a handle not registered) the same text runs unnamed. `name` must
 * be unique to `text` (the driver refuses a name reused for another text). If the statement went
 * stale on its connection, the call runs unnamed and, on a server, that connection is closed so
 * the pool opens a fresh one. Behind a transaction-mode pooler without prepared-statement support,
 * named statements do not work: connect to PostgreSQL directly or in session mode.
 */
export async function preparedRows<R>(
  db: Kysely<DB>,
  name: string,
  text: string,
  values: unknown[],
): Promise<R[]> {
  const registered = pools.get(db);
  if (!registered) return (await db.executeQuery<R>(CompiledQuery.raw(text, values))).rows;
  const client = await registered.pool.connect();
  let broken: Error | undefined;
  try {
    return (await client.query<R & pg.QueryResultRow>({ name, text, values })).rows;
  } catch (error) {
    if (!stale(error)) throw error;
    if (registered.discardStale) broken = error as Error;
    return (await client.query<R & pg.QueryResultRow>(text, values)).rows;
  } finally {
    client.release(broken);
  }
}
