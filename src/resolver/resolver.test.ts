import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { epcisDocument, gtin, objectEvent, sgtin } from '../../test/factories.js';
import { registerProduct } from '../../test/parties.js';
import { creditCode } from '../parties/test-factories.js';

describe.each(backends())('resolver [%s]', (backend) => {
  const ctx = useApp(backend, { SUYUAN_NODE_PREFIX: 'HN' });
  const owner = '91460100MA5T0CCC3Z';

  async function issued(count = 1, extra: Record<string, unknown> = {}) {
    const auth = await ctx.key(['capture', 'query'], owner);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/codes',
      headers: auth,
      payload: { count, productName: '文昌鸡', lot: 'W1', ...extra },
    });
    return { codes: response.json().codes as string[], auth };
  }

  async function capture(auth: { authorization: string }, events: Record<string, unknown>[]) {
    await ctx.app.inject({
      method: 'POST',
      url: '/epcis/capture',
      headers: auth,
      payload: epcisDocument(events),
    });
    await ctx.app.captureWorker.drain();
  }

  const json = { accept: 'application/json' };

  it('answers a JSON summary of an issued, commissioned code and counts its scans', async () => {
    const { codes, auth } = await issued();
    const code = codes[0] as string;
    await capture(auth, [
      objectEvent({ action: 'ADD', bizStep: 'commissioning', epcList: [`https://x.example/t/${code}`] }),
    ]);
    const first = await ctx.app.inject({ url: `/t/${code}`, headers: json });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      code,
      issuedHere: true,
      state: 'active',
      productName: '文昌鸡',
      recalled: false,
      warnings: [],
    });
    expect(first.json().scans.count).toBe(1);
    const second = await ctx.app.inject({ url: `/t/${code}`, headers: json });
    expect(second.json().scans.count).toBe(2);
  });

  it('serves the consumer page as HTML by default', async () => {
    const { codes } = await issued();
    const page = await ctx.app.inject({ url: `/t/${codes[0]}`, headers: { accept: 'text/html' } });
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('文昌鸡');
    expect(page.body).toContain('尚未启用');
  });

  it('says an issued code was never activated', async () => {
    const { codes } = await issued();
    const summary = (await ctx.app.inject({ url: `/t/${codes[0]}`, headers: json })).json();
    expect(summary).toMatchObject({ state: 'issued', activated: false, warnings: ['never_activated'] });
  });

  it('shows a recall in the very next response', async () => {
    const { codes, auth } = await issued();
    const uri = `https://x.example/t/${codes[0]}`;
    await capture(auth, [
      objectEvent({ action: 'ADD', bizStep: 'commissioning', disposition: 'active', epcList: [uri] }),
    ]);
    expect((await ctx.app.inject({ url: `/t/${codes[0]}`, headers: json })).json().recalled).toBe(false);
    await capture(auth, [
      objectEvent({ action: 'OBSERVE', bizStep: 'holding', disposition: 'recalled', epcList: [uri] }),
    ]);
    const summary = (await ctx.app.inject({ url: `/t/${codes[0]}`, headers: json })).json();
    expect(summary).toMatchObject({ recalled: true });
    expect(summary.warnings).toContain('recalled');
  });

  it('warns that a code looks copied while the public-scan rule has an open warning about it', async () => {
    const { codes } = await issued();
    const canonical = `urn:suyuan:code:${codes[0]}`;
    await sql`INSERT INTO warnings (rule, severity, subject, code, message, source)
      VALUES ('public-scans', 'high', ${`scan:${canonical}`}, ${canonical}, '三省扫码', 'schedule')`.execute(
      ctx.database.db,
    );
    const summary = (await ctx.app.inject({ url: `/t/${codes[0]}`, headers: json })).json();
    expect(summary.uri).toBe(canonical);
    expect(summary.warnings).toContain('suspected_copy');
    const { codes: others } = await issued();
    expect((await ctx.app.inject({ url: `/t/${others[0]}`, headers: json })).json().warnings).not.toContain(
      'suspected_copy',
    );
  });

  it('puts a stop-trading banner on the codes of an enterprise whose filing is suspended, at once', async () => {
    const other = creditCode();
    await registerProduct(ctx.database, other, gtin(4321));
    const auth = await ctx.key(['capture', 'query'], other);
    const issuedCodes = await ctx.app.inject({
      method: 'POST',
      url: '/api/codes',
      headers: auth,
      payload: { count: 1, productName: '椰子糖', lot: 'Y1' },
    });
    const code = issuedCodes.json().codes[0] as string;
    expect((await ctx.app.inject({ url: `/t/${code}`, headers: json })).json().warnings).not.toContain(
      'stop_trading',
    );
    await sql`UPDATE enterprises SET status = 'suspended' WHERE credit_code = ${other}`.execute(
      ctx.database.db,
    );
    // a change made in SQL, not through the API: the tool waits for the resolvers' leases itself
    await sql`SELECT suyuan_await_resolvers()`.execute(ctx.database.db);
    expect((await ctx.app.inject({ url: `/t/${code}`, headers: json })).json().warnings).toContain(
      'stop_trading',
    );
  });

  it('resolves a GS1 code seen only in events, through its Digital Link path', async () => {
    const serial = `R${Date.now()}`;
    const auth = await ctx.key(['capture'], owner);
    await capture(auth, [
      objectEvent({ action: 'ADD', bizStep: 'commissioning', epcList: [sgtin(serial, 11)] }),
    ]);
    const response = await ctx.app.inject({
      url: `/01/${gtin(11)}/21/${serial}?linkType=gs1:pip`,
      headers: json,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      issuedHere: false,
      state: 'seen',
      scheme: 'gs1',
      events: { count: 1, lastBizStep: 'commissioning' },
    });
  });

  it('answers 404 for a code never issued and never seen', async () => {
    const response = await ctx.app.inject({ url: `/01/${gtin(12)}/21/NEVER`, headers: json });
    expect(response.statusCode).toBe(404);
    const page = await ctx.app.inject({ url: '/t/HNS0000000000000' + 'X', headers: { accept: 'text/html' } });
    expect([400, 404]).toContain(page.statusCode);
  });

  it('answers 400 for a wrong check character, before any lookup', async () => {
    const { codes } = await issued();
    const code = codes[0] as string;
    const last = code.slice(-1);
    const wrong = code.slice(0, -1) + (last === '0' ? '1' : '0');
    const response = await ctx.app.inject({ url: `/t/${wrong}`, headers: json });
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toMatch(/check character/);
    const gs1 = await ctx.app.inject({
      url: `/01/${gtin(3).slice(0, 13)}${(Number(gtin(3)[13]) + 1) % 10}/21/1`,
      headers: json,
    });
    expect(gs1.statusCode).toBe(400);
    expect(gs1.json().detail).toMatch(/check digit/i);
  });

  it('answers GS1 link types: a redirect to the link asked for, the linkset, the default for others', async () => {
    const { codes } = await issued();
    const code = codes[0] as string;
    const trace = await ctx.app.inject({ url: `/t/${code}?linkType=gs1:traceability` });
    expect(trace.statusCode).toBe(307);
    expect(trace.headers.location).toBe(`/api/trace/${code}`);
    const epcis = await ctx.app.inject({
      url: `/t/${code}?linkType=${encodeURIComponent('https://gs1.org/voc/epcis')}`,
    });
    expect(epcis.headers.location).toBe(
      `/epcis/epcs/${encodeURIComponent(`urn:suyuan:code:${code}`)}/events`,
    );
    const set = await ctx.app.inject({ url: `/t/${code}?linkType=linkset` });
    expect(set.statusCode).toBe(200);
    expect(set.headers['content-type']).toMatch(/^application\/linkset\+json/);
    const context = set.json().linkset[0];
    expect(context.anchor).toMatch(new RegExp(`/t/${code}$`));
    for (const type of ['defaultLink', 'pip', 'traceability', 'epcis', 'recallStatus'])
      expect(context[`https://gs1.org/voc/${type}`][0].href).toMatch(/^https?:\/\//);
    const negotiated = await ctx.app.inject({
      url: `/t/${code}`,
      headers: { accept: 'application/linkset+json' },
    });
    expect(negotiated.headers['content-type']).toMatch(/^application\/linkset\+json/);
    expect(negotiated.json().linkset[0].anchor).toBe(context.anchor);
    const other = await ctx.app.inject({ url: `/t/${code}?linkType=gs1:nutritionalInfo`, headers: json });
    expect(other.statusCode).toBe(200);
    expect(other.json().code).toBe(code);
  });

  it('answers qualifiers out of order with 400', async () => {
    const response = await ctx.app.inject({ url: `/01/${gtin(4)}/21/S1/10/L1`, headers: json });
    expect(response.statusCode).toBe(400);
  });

  it('logs every public resolve as a scan with its channel and place', async () => {
    const { codes } = await issued();
    await ctx.app.inject({ url: `/t/${codes[0]}?place=460100&channel=app`, headers: json });
    await ctx.app.close(); // flushes the scan buffer
    const rows = await ctx.database.db
      .selectFrom('code_scans')
      .selectAll()
      .where('uri', '=', `urn:suyuan:code:${codes[0]}`)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'app', place: '460100' });
  });
});
