import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig, useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { buildApp } from '../app.js';
import { FactsCache } from './cache.js';
import { EmbeddedEpoch } from './embedded-epoch.js';
import { EpochLease } from './lease.js';
import { lookupCodes } from './lookup.js';

const quiet = { warn: () => undefined } as unknown as ConstructorParameters<typeof EpochLease>[1];
const json = { accept: 'application/json' };

describe.each(backends())('resolver leases [%s]', (backend) => {
  const ctx = useApp(backend, { SUYUAN_NODE_PREFIX: 'HN' });
  const owner = '91460100MA5T0LLL4X';

  async function issued(): Promise<string> {
    const auth = await ctx.key(['capture', 'query'], owner);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/codes',
      headers: auth,
      payload: { count: 1, productName: '文昌鸡', lot: 'W1' },
    });
    return response.json().codes[0] as string;
  }

  const liveLeases = async () => {
    const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM resolver_nodes
      WHERE lease_until > now()`.execute(ctx.database.db);
    return Number(rows[0]?.n);
  };

  if (backend === 'pglite') {
    it('takes no lease on the embedded database: the epoch comes from its own notifications, with no read', async () => {
      const code = await issued();
      expect((await ctx.app.inject({ url: `/t/${code}`, headers: json })).statusCode).toBe(200);
      expect(await liveLeases()).toBe(0);

      const epoch = new EmbeddedEpoch(
        ctx.database.pglite as NonNullable<typeof ctx.database.pglite>,
        ctx.database.db,
      );
      await epoch.start();
      try {
        const uri = `urn:suyuan:code:${code}`;
        const cache = new FactsCache(ctx.database.db, (u) => lookupCodes(ctx.database.db, u), {
          maxEntries: 1000,
          lease: epoch,
        });
        for (let i = 0; i < 5; i++) expect((await cache.get([uri])).get(uri)?.code?.state).toBe('issued');
        const before = BigInt(epoch.current() as string);
        await sql`UPDATE codes SET state = 'void' WHERE value = ${code}`.execute(ctx.database.db);
        // known when the write returned: no waiting, and the very next lookup sees the change
        expect(BigInt(epoch.current() as string)).toBeGreaterThan(before);
        expect((await cache.get([uri])).get(uri)?.code?.state).toBe('void');
        expect(cache.epochReads).toBe(0);
        // a change rolled back is never notified
        const held = epoch.current();
        await ctx.database.db
          .transaction()
          .execute(async (trx) => {
            await sql`UPDATE codes SET state = 'issued' WHERE value = ${code}`.execute(trx);
            throw new Error('rolled back');
          })
          .catch(() => undefined);
        expect(epoch.current()).toBe(held);
      } finally {
        await epoch.stop();
      }
    });
    return;
  }

  describe('on PostgreSQL', () => {
    let lease: EpochLease;
    beforeAll(async () => {
      lease = new EpochLease(ctx.database.pool.options, quiet, { leaseMs: 3000, renewMs: 200 });
      await lease.start();
    });
    afterAll(async () => lease.stop());

    /** A fresh code and a cache of its own that serves from the lease. */
    async function cachedCode() {
      const code = await issued();
      const uri = `urn:suyuan:code:${code}`;
      const cache = new FactsCache(ctx.database.db, (u) => lookupCodes(ctx.database.db, u), {
        maxEntries: 1000,
        lease,
      });
      return { code, uri, cache };
    }

    it('serves cached codes from the lease without reading the epoch, and applies bumps it is told of', async () => {
      const { code, uri, cache } = await cachedCode();
      expect(lease.current()).toBeDefined();
      for (let i = 0; i < 5; i++) expect((await cache.get([uri])).get(uri)?.code?.state).toBe('issued');
      expect(cache.epochReads).toBe(0);

      const before = BigInt(lease.current() as string);
      await sql`UPDATE codes SET state = 'void' WHERE value = ${code}`.execute(ctx.database.db);
      await expect.poll(() => BigInt(lease.current() ?? '0')).toBeGreaterThan(before);
      expect((await cache.get([uri])).get(uri)?.code?.state).toBe('void');
      // acknowledged in the database: a writer waiting for the leases goes on
      const { rows } = await sql<{
        done: boolean;
      }>`SELECT suyuan_await_resolvers(interval '2 seconds') AS done`.execute(ctx.database.db);
      expect(rows[0]?.done).toBe(true);
      expect(cache.epochReads).toBe(0);
    });

    it('ends the lease at once when its connection is lost, reads the epoch meanwhile, and takes it again', async () => {
      const { code, uri, cache } = await cachedCode();
      await cache.get([uri]);
      await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'suyuan-resolver-lease' AND backend_type = 'client backend'
          AND pid IN (SELECT pid FROM pg_stat_activity WHERE datname = current_database())`.execute(
        ctx.database.db,
      );
      await expect.poll(() => lease.current()).toBeUndefined();
      // while the lease is down, a change nobody waits for still shows: the cache reads the epoch
      await sql`UPDATE codes SET state = 'void' WHERE value = ${code}`.execute(ctx.database.db);
      expect((await cache.get([uri])).get(uri)?.code?.state).toBe('void');
      expect(cache.epochReads).toBeGreaterThan(0);
      await expect.poll(() => lease.current(), { timeout: 5000 }).toBeDefined();
    });
  });

  describe('two server processes on PostgreSQL', () => {
    let other: FastifyInstance;
    beforeAll(async () => {
      other = await buildApp(testConfig({ SUYUAN_NODE_PREFIX: 'HN' }), {
        database: ctx.database,
        worker: false,
      });
      await other.ready();
    });
    afterAll(async () => other.close());

    it('answers a write only once the other process has applied it, so its very next response shows it', async () => {
      await expect.poll(liveLeases).toBeGreaterThanOrEqual(2);
      const admin = await ctx.key(['capture', 'query'], owner);
      for (let round = 0; round < 5; round++) {
        const code = await issued();
        expect((await other.inject({ url: `/t/${code}`, headers: json })).json().state).toBe('issued');
        const voided = await ctx.app.inject({
          method: 'POST',
          url: `/api/codes/${code}/void`,
          headers: admin,
          payload: { reason: 'label misprinted' },
        });
        expect(voided.statusCode).toBe(200);
        expect((await other.inject({ url: `/t/${code}`, headers: json })).json().state).toBe('void');
      }
    });

    it('holds a write until a process that has not acknowledged lets go or its lease ends', async () => {
      const code = await issued();
      const admin = await ctx.key(['capture', 'query'], owner);
      // a process that is up to date now, then stops answering (a long pause, a hung event loop)
      const stuck = randomUUID();
      await sql`INSERT INTO resolver_nodes (id, seen_epoch, lease_until, host)
        VALUES (${stuck}, (SELECT epoch FROM resolver_epoch), now() + interval '20 seconds', 'test')`.execute(
        ctx.database.db,
      );
      try {
        let answered = false;
        const voiding = ctx.app
          .inject({
            method: 'POST',
            url: `/api/codes/${code}/void`,
            headers: admin,
            payload: { reason: 'test' },
          })
          .then((r) => {
            answered = true;
            return r;
          });
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(answered).toBe(false);
        // the stuck process catches up
        await sql`UPDATE resolver_nodes SET seen_epoch = (SELECT epoch FROM resolver_epoch) WHERE id = ${stuck}`.execute(
          ctx.database.db,
        );
        expect((await voiding).statusCode).toBe(200);
      } finally {
        await sql`DELETE FROM resolver_nodes WHERE id = ${stuck}`.execute(ctx.database.db);
      }
    });
  });
});
