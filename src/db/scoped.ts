import type { FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { Principal } from '../auth/principal.js';
import type { Database } from './database.js';
import type { DB } from './types.js';

/**
 * Runs `work` in a transaction as the role suyuan_app with the principal recorded for the
 * row-level security policies (migration 0007). Everything a request reads or writes on behalf of
 * its caller goes through here, on PGlite as on a server; the owner role is for system work only.
 */
export function asPrincipal<T>(
  database: Database,
  principal: Principal,
  work: (trx: Kysely<DB>) => Promise<T>,
): Promise<T> {
  return database.db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('role', 'suyuan_app', true),
      set_config('suyuan.principal', ${principal.id}, true),
      set_config('suyuan.enterprise', ${principal.enterprise ?? ''}, true),
      set_config('suyuan.role', ${principal.role ?? principal.kind}, true),
      set_config('suyuan.region', ${principal.regionScope ?? ''}, true),
      set_config('suyuan.industries', ${(principal.industries ?? []).join(',')}, true),
      set_config('suyuan.admin', ${principal.scopes.has('admin') ? 'on' : 'off'}, true)`.execute(trx);
    return work(trx);
  });
}

/** asPrincipal for a request's caller. */
export function scoped<T>(request: FastifyRequest, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return asPrincipal(request.server.database, request.principal, work);
}
