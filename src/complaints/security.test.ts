import { randomInt } from 'node:crypto';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { gtin } from '../../test/factories.js';
import { registerProduct } from '../../test/parties.js';
import type { Principal } from '../auth/principal.js';
import { creditDb } from '../credit/db.js';
import { indicatorsOf } from '../credit/score.js';
import { asPrincipal } from '../db/scoped.js';
import { fileEnterprise, type TestEnterprise } from '../parties/test-factories.js';
import { complaintsDb } from './db.js';
import { flagOverdue } from './overdue.js';

const ip = () => `10.8.${randomInt(250)}.${randomInt(250)}`;
const day = 86_400_000;

describe.each(backends())('complaint rights, row-level security and deadlines [%s]', (backend) => {
  const ctx = useApp(backend);
  let maker: TestEnterprise;
  let stranger: TestEnterprise;
  let regulator: { cookie: string; origin: string };
  let ticket = '';
  let createdAt = 0;
  let product = '';

  beforeAll(async () => {
    maker = await fileEnterprise(ctx);
    stranger = await fileEnterprise(ctx);
    product = gtin(randomInt(99999), String(6960000 + randomInt(9999)));
    await registerProduct(ctx.database, maker.code, product, '婴儿米粉');
    regulator = await ctx.login({ role: 'regulator', department: 'market', regionScope: '46' });
    const made = await ctx.app.inject({
      method: 'POST',
      url: '/api/complaints',
      remoteAddress: ip(),
      payload: {
        code: `https://id.gs1.org/01/${product}/10/B${randomInt(1e6)}`,
        contact: '13912345678',
        description: '米粉结块发霉',
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    ticket = made.json().ticket;
    createdAt = Date.parse(made.json().createdAt);
  });

  const principalOf = (enterprise: string): Principal => ({
    id: `test:${enterprise}`,
    kind: 'apikey',
    scopes: new Set(['capture', 'query']),
    enterprise,
  });

  it('shows a complaint to no other enterprise or region, and lets no handler delete it or its timeline', async () => {
    const gd: Principal = {
      id: 'test:gd',
      kind: 'user',
      role: 'regulator',
      scopes: new Set(['query']),
      regionScope: '44',
    };
    for (const principal of [principalOf(stranger.code), gd]) {
      const seen = await asPrincipal(ctx.database, principal, async (trx) => {
        const { rows } = await sql<{ complaints: number; events: number; photos: number }>`
          SELECT (SELECT count(*)::int FROM complaints WHERE ticket = ${ticket}) AS complaints,
            (SELECT count(*)::int FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id
               WHERE c.ticket = ${ticket}) AS events,
            (SELECT count(*)::int FROM complaint_photos p JOIN complaints c ON c.id = p.complaint_id
               WHERE c.ticket = ${ticket}) AS photos`.execute(trx);
        return rows[0];
      });
      expect(seen, principal.id).toEqual({ complaints: 0, events: 0, photos: 0 });
    }
    // The enterprise complained about sees it, but cannot make it (or its history) disappear.
    const removed = await asPrincipal(ctx.database, principalOf(maker.code), async (trx) => {
      const visible = await complaintsDb(trx)
        .selectFrom('complaints')
        .select('id')
        .where('ticket', '=', ticket)
        .execute();
      const complaints = await sql`DELETE FROM complaints WHERE ticket = ${ticket}`.execute(trx);
      const events = await sql`DELETE FROM complaint_events e USING complaints c
        WHERE c.id = e.complaint_id AND c.ticket = ${ticket}`.execute(trx);
      return [visible.length, Number(complaints.numAffectedRows), Number(events.numAffectedRows)];
    });
    expect(removed).toEqual([1, 0, 0]);
  });

  it('keeps read-only keys from handling, and the ticket page free of the contact', async () => {
    const readOnly = await ctx.key(['query'], maker.code);
    const refused = await ctx.app.inject({
      method: 'POST',
      url: `/api/complaints/${ticket}/acknowledge`,
      headers: readOnly,
      payload: {},
    });
    expect(refused.statusCode).toBe(403);
    expect(ticket).toMatch(/^TS\d{6}[A-Z0-9]{10}$/);
    const page = await ctx.app.inject({ url: `/api/complaints/${ticket}`, headers: stranger.auth });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('13912345678');
    expect(page.body).not.toContain('米粉结块发霉');
    // The reporter proves the ticket with its contact, in a header rather than the URL.
    const mine = await ctx.app.inject({
      url: `/api/complaints/${ticket}`,
      headers: { 'x-complaint-contact': '139 1234 5678' },
    });
    expect(mine.json()).toMatchObject({ reporter: true, description: '米粉结块发霉' });
  });

  it('refuses a chunked JSON complaint (its size cannot be checked up front)', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/complaints',
      remoteAddress: ip(),
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      payload: Readable.from([JSON.stringify({ contact: '13000000000', description: '分块提交的内容' })]),
    });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('flags overdue complaints once per deadline on a schedule, with a timeline entry for the handlers', async () => {
    const system = complaintsDb(ctx.database.db);
    const schedule = await ctx.database.pool.query(
      `SELECT cron FROM pgboss.schedule WHERE name = 'complaint-deadlines'`,
    );
    expect(schedule.rows).toEqual([{ cron: '*/10 * * * *' }]);
    const stage = async () =>
      (await ctx.app.inject({ url: `/api/complaints/${ticket}`, headers: regulator })).json();
    expect((await stage()).escalated).toBeNull();

    const late = new Date(createdAt + 2 * day); // past the 24 h to acknowledge, within the 7 days to answer
    expect((await flagOverdue(system, late)).acknowledge).toBeGreaterThanOrEqual(1);
    await flagOverdue(system, new Date(late.getTime() + 3_600_000)); // again: nothing new for this one
    let seen = await stage();
    expect(seen.escalated).toEqual({ stage: 'acknowledge', at: late.toISOString() });
    expect(seen.timeline.filter((e: { action: string }) => e.action === 'overdue')).toHaveLength(1);

    const later = new Date(createdAt + 8 * day);
    expect((await flagOverdue(system, later)).answer).toBeGreaterThanOrEqual(1);
    seen = await stage();
    expect(seen.escalated).toEqual({ stage: 'answer', at: later.toISOString() });
    expect(seen.timeline.filter((e: { action: string }) => e.action === 'overdue')).toHaveLength(2);
    // The escalation is for the handlers: the public ticket page does not list it.
    const open = (await ctx.app.inject({ url: `/api/complaints/${ticket}` })).json();
    expect(open.timeline.map((e: { action: string }) => e.action)).not.toContain('overdue');
    // The enterprise sees the escalation in its list.
    const listed = (await ctx.app.inject({ url: `/api/complaints?q=${ticket}`, headers: maker.auth })).json();
    expect(listed.items).toEqual([
      expect.objectContaining({ escalated: expect.objectContaining({ stage: 'answer' }) }),
    ]);
  });

  it('lets a regulator, not the enterprise, close a complaint as unfounded, which the credit score leaves out', async () => {
    const made = await ctx.app.inject({
      method: 'POST',
      url: '/api/complaints',
      remoteAddress: ip(),
      payload: {
        code: `https://id.gs1.org/01/${product}`,
        contact: '13500000000',
        description: '恶意投诉测试',
      },
    });
    const spam = made.json().ticket as string;
    const before = await indicatorsOf(creditDb(ctx.database.db), maker.code);
    const close = (headers: Record<string, string>, payload: unknown) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/complaints/${spam}/close`,
        headers,
        payload: payload as Record<string, unknown>,
      });
    expect((await close(maker.auth, { unfounded: true })).statusCode).toBe(403);
    const answer = await ctx.app.inject({
      method: 'POST',
      url: `/api/complaints/${spam}/acknowledge`,
      headers: regulator,
      payload: { unfounded: true },
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().errors).toEqual([expect.objectContaining({ pointer: '/unfounded' })]);
    expect((await close(regulator, { unfounded: true, message: '查无实据' })).statusCode).toBe(200);
    const after = await indicatorsOf(creditDb(ctx.database.db), maker.code);
    expect(after.complaints).toBe(before.complaints - 1);
    const seen = (await ctx.app.inject({ url: `/api/complaints/${spam}`, headers: regulator })).json();
    expect(seen).toMatchObject({ status: 'closed', unfounded: true });
  });
});
