import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig, useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { epcisDocument, objectEvent } from '../../test/factories.js';
import { buildApp } from '../app.js';
import { currentEpoch } from './cache.js';

describe.each(backends())('resolver cache [%s]', (backend) => {
  const ctx = useApp(backend, { SUYUAN_NODE_PREFIX: 'HN' });
  const owner = '91460100MA5T0CCC3Z';
  const json = { accept: 'application/json' };
  /** A second server process on the same database: its own cache, its own batcher. */
  let other: FastifyInstance;
  beforeAll(async () => {
    other = await buildApp(testConfig({ SUYUAN_NODE_PREFIX: 'HN' }), {
      database: ctx.database,
      worker: false,
    });
  });
  afterAll(async () => other.close());

  async function commissioned(): Promise<{ code: string; uri: string; auth: { authorization: string } }> {
    const auth = await ctx.key(['capture', 'query'], owner);
    const issued = await ctx.app.inject({
      method: 'POST',
      url: '/api/codes',
      headers: auth,
      payload: { count: 1, productName: '琼中绿橙', lot: 'Q1' },
    });
    const code = issued.json().codes[0] as string;
    const uri = `https://x.example/t/${code}`;
    await ctx.app.inject({
      method: 'POST',
      url: '/epcis/capture',
      headers: auth,
      payload: epcisDocument([objectEvent({ action: 'ADD', bizStep: 'commissioning', epcList: [uri] })]),
    });
    await ctx.app.captureWorker.drain();
    return { code, uri, auth };
  }

  const resolve = async (app: FastifyInstance, code: string) =>
    (await app.inject({ url: `/t/${code}`, headers: json })).json();

  it('shows a code voided by another process in the very next response of both', async () => {
    const { code } = await commissioned();
    expect(await resolve(ctx.app, code)).toMatchObject({ state: 'active' });
    expect(await resolve(other, code)).toMatchObject({ state: 'active' });
    // the change comes from neither server: a tool writing to the database directly, then waiting
    // for the servers' leases (on PostgreSQL; on PGlite there are none and it returns at once)
    await sql`UPDATE codes SET state = 'void', state_reason = 'label misprinted' WHERE value = ${code}`.execute(
      ctx.database.db,
    );
    await sql`SELECT suyuan_await_resolvers()`.execute(ctx.database.db);
    expect(await resolve(ctx.app, code)).toMatchObject({ state: 'void', warnings: ['void'] });
    expect(await resolve(other, code)).toMatchObject({ state: 'void' });
  });

  it('shows a recall event captured through one process in the next response of the other', async () => {
    const { code, uri, auth } = await commissioned();
    expect(await resolve(other, code)).toMatchObject({ recalled: false });
    await ctx.app.inject({
      method: 'POST',
      url: '/epcis/capture',
      headers: auth,
      payload: epcisDocument([
        objectEvent({ action: 'OBSERVE', bizStep: 'holding', disposition: 'recalled', epcList: [uri] }),
      ]),
    });
    await ctx.app.captureWorker.drain();
    expect(await resolve(other, code)).toMatchObject({ recalled: true });
  });

  it('moves the epoch only for changes that warn, so ordinary capture keeps the cache warm', async () => {
    const before = await currentEpoch(ctx.database.db);
    await commissioned(); // issuance, commissioning and activation: good news only
    expect(await currentEpoch(ctx.database.db)).toBe(before);
    await sql`UPDATE codes SET state = 'closed' WHERE value IN (SELECT value FROM codes WHERE state = 'active' LIMIT 1)`.execute(
      ctx.database.db,
    );
    expect(BigInt(await currentEpoch(ctx.database.db))).toBe(BigInt(before) + 1n);
  });

  it('keeps scan counters going up across the cache and the buffered scan log', async () => {
    const { code } = await commissioned();
    const counts: number[] = [];
    for (let i = 0; i < 6; i++) {
      counts.push((await resolve(ctx.app, code)).scans.count);
      if (i === 2) await new Promise((r) => setTimeout(r, 400)); // the scan log flushes after 200 ms
    }
    expect(counts).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
