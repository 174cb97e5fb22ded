import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/types.js';

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Waits until every server process holding a resolver lease (migration 0054) has applied the
 * current epoch, or until the leases have expired (then those processes read the epoch per
 * request). One statement; it returns at once when nobody is behind. False when it timed out.
 */
export async function awaitResolvers(db: Kysely<DB>, leaseMs: number): Promise<boolean> {
  const { rows } = await sql<{ done: boolean }>`
    SELECT suyuan_await_resolvers(make_interval(secs => ${leaseMs + 500}::float8 / 1000)) AS done`.execute(
    db,
  );
  return rows[0]?.done === true;
}

/**
 * A write answered through the API is answered only once every resolving process has what it
 * changed: a code voided, a recall ordered, an enterprise stopped from trading shows in the very
 * next /t/{code} response of any process, while resolves need no query for the epoch.
 */
export function registerResolverFreshness(app: FastifyInstance, leaseMs: number): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (unsafe.has(request.method) && reply.statusCode < 400) {
      if (!(await awaitResolvers(app.database.db, leaseMs)))
        request.log.warn('a resolver process did not acknowledge the epoch before its lease ended');
    }
    return payload;
  });
}
