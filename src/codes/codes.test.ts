import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { epcisDocument, gtin, objectEvent } from '../../test/factories.js';
import { registerProduct } from '../../test/parties.js';
import { parseSuyuanCode } from '../identifiers/suyuan-code.js';

const enterpriseA = '91460100MA5T0AAA1X';
const enterpriseB = '91460100MA5T0BBB2Y';

describe.each(backends())('code issuance and registry [%s]', (backend) => {
  const ctx = useApp(backend, { SUYUAN_NODE_PREFIX: 'HN' });

  async function issue(body: Record<string, unknown>, enterprise = enterpriseA) {
    const auth = await ctx.key(['capture', 'query'], enterprise);
    return {
      response: await ctx.app.inject({ method: 'POST', url: '/api/codes', headers: auth, payload: body }),
      auth,
    };
  }

  it('issues suyuan item codes that are unique, self-checking and carry the node prefix', async () => {
    const { response } = await issue({
      scheme: 'suyuan',
      kind: 'item',
      count: 500,
      productName: '海南芒果',
      lot: 'L2026',
      expiryDate: '2030-01-01',
    });
    expect(response.statusCode).toBe(201);
    const batch = response.json();
    expect(batch.count).toBe(500);
    expect(new Set(batch.codes).size).toBe(500);
    for (const code of batch.codes.slice(0, 50)) {
      expect(code).toMatch(/^HNS[0-9A-HJKMNP-TV-Z]{14}$/);
      expect(parseSuyuanCode(code).ok).toBe(true);
    }
  });

  it('issues GS1 serials under the enterprise GTIN as canonical Digital Links', async () => {
    await registerProduct(ctx.database, enterpriseA, gtin(42));
    const { response } = await issue({
      scheme: 'gs1',
      kind: 'item',
      count: 20,
      product: gtin(42),
      lot: 'B7',
    });
    expect(response.statusCode).toBe(201);
    for (const code of response.json().codes)
      expect(code).toMatch(new RegExp(`^https://id\\.gs1\\.org/01/${gtin(42)}/10/B7/21/[0-9A-Z]{12}$`));
  });

  it('shows the state of an own code, activates it on commissioning, and hides it from other enterprises', async () => {
    const { response, auth } = await issue({
      scheme: 'suyuan',
      kind: 'item',
      count: 1,
      productName: '椰子汁',
    });
    const [code] = response.json().codes as string[];
    const before = await ctx.app.inject({ method: 'GET', url: `/api/codes/${code}`, headers: auth });
    expect(before.json()).toMatchObject({ code, state: 'issued', productName: '椰子汁' });
    await ctx.app.inject({
      method: 'POST',
      url: '/epcis/capture',
      headers: auth,
      payload: epcisDocument([
        objectEvent({
          action: 'ADD',
          bizStep: 'commissioning',
          disposition: 'active',
          epcList: [`https://trace.example.cn/t/${code}`],
        }),
      ]),
    });
    await ctx.app.captureWorker.drain();
    const after = await ctx.app.inject({ method: 'GET', url: `/api/codes/${code}`, headers: auth });
    expect(after.json().state).toBe('active');
    const other = await ctx.key(['query'], enterpriseB);
    expect(
      (await ctx.app.inject({ method: 'GET', url: `/api/codes/${code}`, headers: other })).statusCode,
    ).toBe(404);
  });

  it('voids an own code with a reason, once, and shows it at the resolver; closes codes an event destroys', async () => {
    const { response, auth } = await issue({
      scheme: 'suyuan',
      kind: 'item',
      count: 2,
      productName: '椰子汁',
    });
    const [code, destroyed] = response.json().codes as string[];
    const voidIt = (body: unknown, headers = auth) =>
      ctx.app.inject({ method: 'POST', url: `/api/codes/${code}/void`, headers, payload: body as object });
    const bad = await voidIt({ reason: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { pointer: string }) => e.pointer)).toContain('/reason');
    expect((await voidIt({ reason: 'x' }, await ctx.key(['capture'], enterpriseB))).statusCode).toBe(404);
    const voided = await voidIt({ reason: '标签印错 misprinted' });
    expect(voided.statusCode).toBe(200);
    expect(voided.json()).toMatchObject({ code, state: 'void', reason: '标签印错 misprinted' });
    expect((await voidIt({ reason: 'again' })).statusCode).toBe(409);
    const resolved = await ctx.app.inject({ url: `/t/${code}`, headers: { accept: 'application/json' } });
    expect(resolved.json()).toMatchObject({ state: 'void', warnings: expect.arrayContaining(['void']) });

    const uri = `https://trace.example.cn/t/${destroyed}`;
    await ctx.app.inject({
      method: 'POST',
      url: '/epcis/capture',
      headers: auth,
      payload: epcisDocument([
        objectEvent({ action: 'ADD', bizStep: 'commissioning', epcList: [uri] }),
        objectEvent({ action: 'DELETE', bizStep: 'destroying', disposition: 'destroyed', epcList: [uri] }),
      ]),
    });
    await ctx.app.captureWorker.drain();
    const after = await ctx.app.inject({ method: 'GET', url: `/api/codes/${destroyed}`, headers: auth });
    expect(after.json().state).toBe('closed');
  });

  it.each([
    ['0 codes', { count: 0 }, '/count'],
    ['10 million codes', { count: 10_000_000 }, '/count'],
    ['a lot with a forbidden character', { count: 1, lot: 'A/B' }, '/lot'],
    ['GS1 codes without a GTIN', { scheme: 'gs1', count: 1 }, '/product'],
    [
      'a GTIN with a wrong check digit',
      { scheme: 'gs1', count: 1, product: `${gtin(1).slice(0, 13)}${(Number(gtin(1)[13]) + 1) % 10}` },
      '/product',
    ],
    [
      'an expiry before production',
      { count: 1, productionDate: '2026-05-01', expiryDate: '2026-04-01' },
      '/expiryDate',
    ],
  ])('refuses %s with the field named', async (_name, body, pointer) => {
    const { response } = await issue(body);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });

  it("refuses GS1 serials under a GTIN that is not one of the enterprise's products", async () => {
    await registerProduct(ctx.database, enterpriseB, gtin(43));
    const { response } = await issue({ scheme: 'gs1', kind: 'item', count: 1, product: gtin(43) });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({
      pointer: '/product',
      message: expect.stringContaining('register the product'),
    });
  });

  it('refuses to issue for a key without an enterprise', async () => {
    const auth = await ctx.key(['capture']);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/codes',
      headers: auth,
      payload: { count: 1 },
    });
    expect(response.statusCode).toBe(403);
  });

  it('checks any identifier anonymously and explains a wrong check character', async () => {
    const good = await ctx.app.inject(
      `/api/identifiers/check?value=${encodeURIComponent(`(01)${gtin(9)}(10)ABC`)}`,
    );
    expect(good.json()).toMatchObject({
      valid: true,
      forms: { digitalLink: expect.stringContaining(`/01/${gtin(9)}/10/ABC`) },
    });
    const bad = await ctx.app.inject('/api/identifiers/check?value=91350100M0001TGQXM');
    expect(bad.json()).toMatchObject({ valid: false });
    expect(JSON.stringify(bad.json())).toMatch(/1/);
  });

  it.each([
    ['a GTIN with a wrong check digit', '(01)06901234567890', /check digit should be 2/],
    ['an SSCC with a wrong check digit', '006901234000000017', /check digit should be 8/],
    ['a credit code with a wrong check character', '91350100M0001TGQXM', /should be 1/],
    [
      'a Digital Link with an unknown qualifier',
      'https://id.gs1.org/01/06901234567892/99/X',
      /not a path qualifier/,
    ],
    ['an element string with an unknown AI', '(01)06901234567892(999)X', /unknown/],
    ['a region code that does not exist', '469999', /./],
    ['a mistyped trace code', 'HNS7Q2MZ0K9XW4RTV', /check character/],
  ])('explains %s', async (_name, value, message) => {
    const response = await ctx.app.inject(`/api/identifiers/check?value=${encodeURIComponent(value)}`);
    expect(response.statusCode).toBe(200);
    const result = response.json();
    expect(result.valid).toBe(false);
    expect(result.errors.join(' ')).toMatch(message);
  });

  it('rate-limits the anonymous check', async () => {
    let limited = 0;
    for (let i = 0; i < 130; i++) {
      const r = await ctx.app.inject({
        url: '/api/identifiers/check?value=460100',
        remoteAddress: '10.9.9.9',
      });
      if (r.statusCode === 429) limited++;
    }
    expect(limited).toBeGreaterThan(0);
  });
});
