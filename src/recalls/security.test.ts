import { randomInt } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { epcisDocument, gln } from '../../test/factories.js';
import type { Principal } from '../auth/principal.js';
import { asPrincipal } from '../db/scoped.js';
import { fileEnterprise, type TestEnterprise } from '../parties/test-factories.js';
import { capture, chainIds, move } from '../trace/fixtures.js';
import { recallsDb } from './db.js';
import { isPrivateAddress, literalTargetProblem, publicLookup, RefusedTarget } from './webhook-target.js';
import { deliver } from './webhooks.js';

describe('webhook targets (SSRF)', () => {
  it('refuses private addresses in every spelling, IPv6 embeddings included', () => {
    for (const ip of [
      '0.0.0.0',
      '10.1.2.3',
      '127.0.0.1',
      '172.16.0.1',
      '192.168.1.1',
      '100.64.0.1',
      '169.254.169.254',
      '198.18.0.1',
      '255.255.255.255',
      '::',
      '::1',
      '::ffff:7f00:1', // ::ffff:127.0.0.1 as the URL parser writes it
      '::ffff:127.0.0.1',
      '::7f00:1', // IPv4-compatible
      '64:ff9b::a9fe:a9fe', // NAT64 of 169.254.169.254
      '2002:c0a8:101::1', // 6to4 of 192.168.1.1
      '2001:0:4136:e378::1', // Teredo
      'fe80::1%eth0',
      'fc00::1',
      'fd00::1',
      '::ffff:10.0.0.1',
      'ff02::1',
    ])
      expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ['8.8.8.8', '114.114.114.114', '::ffff:808:808', '64:ff9b::808:808', '2400:3200::1'])
      expect(isPrivateAddress(ip), ip).toBe(false);
    for (const url of [
      'http://[::ffff:127.0.0.1]:8080/x',
      'http://[64:ff9b::127.0.0.1]/x',
      'http://0x7f.1/x',
      'http://2130706433/x',
      'http://localhost./x',
      'http://LOCALHOST/x',
      'http://a.b.localhost/x',
    ])
      expect(literalTargetProblem(url, false), url).not.toBeNull();
    expect(literalTargetProblem('http://[::1]/x', false)).toBe('a private or local address');
    expect(literalTargetProblem('https://hooks.example.com/x', false)).toBeNull();
    expect(literalTargetProblem('http://127.0.0.1/x', true)).toBeNull();
  });

  it('checks the address a name resolves to inside the connection lookup (no rebinding window)', async () => {
    for (const all of [true, false]) {
      const error = await new Promise<Error | null>((resolve) =>
        (publicLookup as unknown as (h: string, o: object, cb: (e: Error | null) => void) => void)(
          'localhost',
          { all },
          (e) => resolve(e),
        ),
      );
      expect(error).toBeInstanceOf(RefusedTarget);
    }
  });
});

describe.each(backends())('recall rights and row-level security [%s]', (backend) => {
  const ctx = useApp(backend, { SUYUAN_WEBHOOK_PRIVATE: '1' });
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    req.resume();
    if (req.url === '/moved') res.writeHead(302, { location: '/internal' }).end();
    else res.writeHead(204).end();
  });
  let port = 0;
  const company = String(6980000 + randomInt(9999));
  let farm: TestEnterprise & { party: string };
  let market: TestEnterprise & { party: string };
  let stranger: TestEnterprise;
  let kiosk: TestEnterprise;
  let regulator: { cookie: string; origin: string };
  let guangdong: { cookie: string; origin: string };
  let recall = '';
  let lot = '';

  async function party(n: number) {
    const g = gln(n, company);
    return { ...(await fileEnterprise(ctx, { gln: g })), party: `https://id.gs1.org/417/${g}` };
  }
  const post = (url: string, headers: Record<string, string>, payload: unknown) =>
    ctx.app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    farm = await party(1);
    market = await party(2);
    stranger = await fileEnterprise(ctx);
    kiosk = await fileEnterprise(ctx); // named by its credit code only (no GLN): urn:suyuan:party:…
    regulator = await ctx.login({ role: 'regulator', department: 'market', regionScope: '46' });
    guangdong = await ctx.login({ role: 'regulator', department: 'market', regionScope: '44' });
    lot = chainIds(randomInt(10000, 99999)).lot(`s${randomInt(1e6)}`);
    await capture(ctx, [
      move('commissioning', [{ epc: lot, quantity: 100 }], { destination: farm.party }),
      move('shipping', [{ epc: lot, quantity: 40 }], { source: farm.party, destination: market.party }),
      move('receiving', [{ epc: lot, quantity: 40 }], { source: farm.party, destination: market.party }),
      move('shipping', [{ epc: lot, quantity: 5 }], {
        source: market.party,
        destination: `urn:suyuan:party:${kiosk.code}`,
      }),
      move('receiving', [{ epc: lot, quantity: 5 }], {
        source: market.party,
        destination: `urn:suyuan:party:${kiosk.code}`,
      }),
    ]);
    // A regulator may not put the farm's lot under an order in another enterprise's name.
    const misnamed = await post('/api/recalls', regulator, {
      enterprise: market.code,
      title: 'x',
      reason: 'x',
      severity: 2,
      lots: [lot],
    });
    expect(misnamed.statusCode, misnamed.body).toBe(400);
    expect(misnamed.json().errors).toEqual([expect.objectContaining({ pointer: '/enterprise' })]);
    // A read-only key of the farm may look, not open.
    const readOnly = await ctx.key(['query'], farm.code);
    expect(
      (await post('/api/recalls', readOnly, { title: 'x', reason: 'x', severity: 3, lots: [lot] }))
        .statusCode,
    ).toBe(403);
    const opened = await post('/api/recalls', regulator, {
      title: '重金属超标',
      reason: '抽检不合格',
      severity: 2,
      lots: [lot],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    recall = opened.json().id;
    expect(
      (await post(`/api/recalls/${recall}/reports`, readOnly, { found: 1, returned: 0, destroyed: 0 }))
        .statusCode,
    ).toBe(403);
    for (const [who, found] of [
      [market, 35],
      [farm, 60],
    ] as const)
      expect(
        (await post(`/api/recalls/${recall}/reports`, who.auth, { found, returned: found, destroyed: 0 }))
          .statusCode,
      ).toBe(201);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('stops trading items of the recalled lot, also those coded after the opening', async () => {
    const [, product, lotNumber] = /\/01\/(\d{14})\/10\/(.+)$/.exec(lot) ?? [];
    const issued = `https://id.gs1.org/01/${product}/21/N${randomInt(1e9)}`;
    await ctx.database.pool.query(
      `INSERT INTO codes (value, uri, scheme, kind, owner, product, lot, batch_id)
       VALUES ($1, $1, 'gs1', 'item', $2, $3, $4, 'test')`,
      [issued, farm.code, product, lotNumber],
    );
    for (const epc of [issued, `${lot}/21/S${randomInt(1e9)}`]) {
      const ship = await ctx.app.inject({
        method: 'POST',
        url: '/epcis/capture',
        headers: ctx.auth,
        payload: epcisDocument([move('shipping', [epc], { source: farm.party, destination: market.party })]),
      });
      expect(ship.statusCode, ship.body).toBe(202);
      await ctx.app.captureWorker.drain();
      const job = (await ctx.app.inject({ url: ship.headers.location as string, headers: ctx.auth })).json();
      expect(job.success, epc).toBe(false);
      expect(JSON.stringify(job.errors)).toContain(`recall ${recall}`);
    }
  });

  it('notifies a holder named by its credit code, which then sees its notice', async () => {
    const notices = (await ctx.app.inject({ url: '/api/recalls/notices', headers: kiosk.auth })).json();
    expect(notices.items).toEqual([expect.objectContaining({ recall, held: 5, status: 'notified' })]);
  });

  it('records one acknowledgement, and keeps a completed holder completed through a correction', async () => {
    for (let i = 0; i < 2; i++)
      expect((await post(`/api/recalls/${recall}/acknowledge`, kiosk.auth, {})).statusCode).toBe(200);
    const final = await post(`/api/recalls/${recall}/reports`, kiosk.auth, {
      found: 5,
      returned: 5,
      destroyed: 0,
      final: true,
    });
    expect(final.json()).toMatchObject({ status: 'completed' });
    const corrected = await post(`/api/recalls/${recall}/reports`, kiosk.auth, {
      found: 5,
      returned: 4,
      destroyed: 1,
    });
    expect(corrected.json()).toMatchObject({ status: 'completed' });
    const view = (await ctx.app.inject({ url: `/api/recalls/${recall}`, headers: regulator })).json();
    const acks = view.timeline.filter((a: { action: string }) => a.action === 'acknowledged');
    expect(acks).toHaveLength(1);
    expect(view.holders.find((h: { enterprise: string }) => h.enterprise === kiosk.code)).toMatchObject({
      status: 'completed',
      returned: 4,
      destroyed: 1,
    });
  });

  it('lists the reports: every holder for the regulator, its own for a holder, none for others', async () => {
    const all = (await ctx.app.inject({ url: `/api/recalls/${recall}/reports`, headers: regulator })).json();
    expect(all.total).toBe(4); // the farm's, the market's and the kiosk's two
    expect([...new Set(all.items.map((r: { enterprise: string }) => r.enterprise))].sort()).toEqual(
      [farm.code, market.code, kiosk.code].sort(),
    );
    const own = (
      await ctx.app.inject({ url: `/api/recalls/${recall}/reports`, headers: market.auth })
    ).json();
    expect(own.items).toEqual([
      expect.objectContaining({ enterprise: market.code, found: 35, returned: 35 }),
    ]);
    for (const headers of [guangdong, stranger.auth])
      expect((await ctx.app.inject({ url: `/api/recalls/${recall}/reports`, headers })).statusCode).toBe(404);
  });

  it('binds row-level security on every recall table for another enterprise and another region', async () => {
    const hook = await post('/api/webhooks', market.auth, { url: `http://127.0.0.1:${port}/hook` });
    expect(hook.statusCode).toBe(201);
    const outsiders: Principal[] = [
      {
        id: 'test:stranger',
        kind: 'apikey',
        scopes: new Set(['capture', 'query']),
        enterprise: stranger.code,
      },
      { id: 'test:gd', kind: 'user', role: 'regulator', scopes: new Set(['query']), regionScope: '44' },
    ];
    const tables = ['recalls', 'recall_codes', 'recall_holders', 'recall_reports', 'recall_actions'];
    for (const principal of outsiders) {
      const seen = await asPrincipal(ctx.database, principal, async (trx) => {
        const counts: Record<string, number> = {};
        for (const table of tables) {
          const column = table === 'recalls' ? 'id' : 'recall_id';
          const { rows } = await sql<{ n: number }>`
            SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ${recall}`.execute(
            trx,
          );
          counts[table] = rows[0]?.n ?? -1;
        }
        const hooks = await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM webhooks WHERE enterprise = ${market.code}`.execute(trx);
        counts.webhooks = hooks.rows[0]?.n ?? -1;
        const updated = await sql`UPDATE recalls SET status = 'closed' WHERE id = ${recall}`.execute(trx);
        counts.updated = Number(updated.numAffectedRows ?? 0n);
        return counts;
      });
      expect(seen, principal.id).toEqual({
        recalls: 0,
        recall_codes: 0,
        recall_holders: 0,
        recall_reports: 0,
        recall_actions: 0,
        webhooks: 0,
        updated: 0,
      });
      // Nor may an outsider mark codes as recalled under this recall.
      await expect(
        asPrincipal(ctx.database, principal, (trx) =>
          sql`INSERT INTO recall_codes (recall_id, uri) VALUES (${recall}, 'urn:x:y')`.execute(trx),
        ),
      ).rejects.toMatchObject({ code: '42501' });
    }
    // A holder sees its own notice and reports, not the other holders', nor the timeline.
    const holder: Principal = {
      id: 'test:market',
      kind: 'apikey',
      scopes: new Set(['capture', 'query']),
      enterprise: market.code,
    };
    const asHolder = await asPrincipal(ctx.database, holder, async (trx) => {
      const db = recallsDb(trx);
      return {
        holders: await db
          .selectFrom('recall_holders')
          .select('enterprise')
          .where('recall_id', '=', recall)
          .execute(),
        reports: await db.selectFrom('recall_reports').select('id').where('recall_id', '=', recall).execute(),
        actions: await db.selectFrom('recall_actions').select('id').where('recall_id', '=', recall).execute(),
      };
    });
    expect(asHolder.holders).toEqual([{ enterprise: market.code }]);
    expect(asHolder.reports).toHaveLength(1);
    expect(asHolder.actions).toEqual([]);
  });

  it('never shows a webhook secret again and never follows a redirect', async () => {
    const made = await post('/api/webhooks', farm.auth, { url: `http://127.0.0.1:${port}/moved` });
    expect(made.statusCode).toBe(201);
    const { id, secret } = made.json();
    expect(secret).toMatch(/^[\w-]{32}$/);
    const listed = await ctx.app.inject({ url: '/api/webhooks', headers: farm.auth });
    expect(listed.json().items).toEqual([expect.objectContaining({ id })]);
    expect(listed.body).not.toContain(secret);
    expect(Object.keys(listed.json().items[0])).not.toContain('secret');
    const stored = await recallsDb(ctx.database.db)
      .insertInto('webhook_deliveries')
      .values({ webhook_id: id, event: 'recall.notice', payload: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await expect(deliver(recallsDb(ctx.database.db), stored.id, { allowPrivate: true })).rejects.toThrow(
      /HTTP 302/,
    );
    expect(hits).toContain('/moved');
    expect(hits).not.toContain('/internal');
  });

  it('caps the webhooks of an enterprise', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 11; i++)
      codes.push(
        (await post('/api/webhooks', stranger.auth, { url: `https://hooks.example.com/${i}` })).statusCode,
      );
    expect(codes.slice(0, 10).every((c) => c === 201)).toBe(true);
    expect(codes[10]).toBe(409);
  });
});
