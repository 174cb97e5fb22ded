import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends, unique } from '../../test/database.js';
import { buildWeb } from '../../web/build.mjs';
import type { Summary } from '../../web/src/api/types.js';
import { creditCode, fileEnterprise } from '../parties/test-factories.js';
import { bodyOf, renderAppPage, scriptJson } from './page.js';

describe('embedding state in the app page', () => {
  it('keeps JSON inside its script element whatever a product name holds', () => {
    const json = scriptJson({ name: '</script><script>alert(1)</script><!-- & \u2028' });
    expect(json).not.toMatch(/<|>|&|\u2028/);
    expect(JSON.parse(json).name).toBe('</script><script>alert(1)</script><!-- & \u2028');
  });

  it('puts the plain page into #root and keeps $ patterns literal', () => {
    const index =
      '<html><head><title>x</title><!--suyuan-state--></head><body><div id="root"><!--suyuan-app--></div></body></html>';
    const html = renderAppPage(
      index,
      { path: '/t/A', notFound: "$& $' $1" },
      '<html><head><title>查询 A</title></head><body><h1>$&</h1></body></html>',
    );
    expect(html).toContain('<div id="root"><h1>$&amp;</h1></div>'.replace('&amp;', '&'));
    expect(html).toContain('"notFound":"$\\u0026 $\' $1"');
    expect(html).toContain('<title>查询 A</title>');
    expect(bodyOf('<body class="x">a</body>')).toBe('a');
  });
});

describe('serving the web app', () => {
  // The server serves dist/web only when it exists at start.
  const budget = { gzip: 0, budget: 0 };
  it('keeps the scan page JavaScript under its budget', async () => {
    Object.assign(budget, await buildWeb());
    expect(budget.gzip).toBeGreaterThan(50 * 1024);
    expect(budget.gzip).toBeLessThanOrEqual(200 * 1024);
  }, 180_000);

  describe.each(backends())('the server [%s]', (backend) => {
    const ctx = useApp(backend, { SUYUAN_NODE_PREFIX: 'HN' });

    it("tells the public a producer's licences and certifications with their validity, nothing private", async () => {
      const producer = await fileEnterprise(ctx, { name: '文昌潭牛养殖有限公司', region: '469005' });
      for (const [url, payload] of [
        [
          `/api/enterprises/${producer.code}/licences`,
          {
            type: 'food-production',
            number: 'SC1',
            issuer: '文昌市市场监督管理局',
            validFrom: '2024-01-01',
            fileRef: 'f/1',
          },
        ],
        [
          `/api/enterprises/${producer.code}/certifications`,
          {
            type: 'organic',
            number: 'OG1',
            issuer: '认证机构',
            validFrom: '2020-01-01',
            validTo: '2021-01-01',
          },
        ],
        [
          '/api/products',
          {
            code: 'WCJ-1',
            name: '文昌鸡',
            category: 'food.processed',
            specification: '1.5kg/只',
            approvals: [{ type: 'other', number: 'A-1' }],
            imageRef: 'https://img.example.cn/wcj.jpg',
          },
        ],
        [
          '/api/products',
          { code: 'WCJ-2', name: '文昌鸡块', category: 'food.processed', imageRef: 'file:f/2' },
        ],
      ] as const) {
        const response = await ctx.app.inject({ method: 'POST', url, headers: producer.auth, payload });
        expect(response.statusCode, response.body).toBe(201);
      }
      const response = await ctx.app.inject(`/api/portal/producers/${producer.code}?product=WCJ-1`);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({
        name: '文昌潭牛养殖有限公司',
        region: '469005',
        regionName: expect.stringContaining('文昌'),
        product: {
          name: '文昌鸡',
          specification: '1.5kg/只',
          image: 'https://img.example.cn/wcj.jpg',
          approvals: [{ type: 'other', number: 'A-1' }],
        },
      });
      // an uploaded file's id is not a public address
      const other = await ctx.app.inject(`/api/portal/producers/${producer.code}?product=WCJ-2`);
      expect(other.json().product).toMatchObject({ name: '文昌鸡块', image: null });
      expect(body.credentials).toEqual([
        expect.objectContaining({
          kind: 'certification',
          type: 'organic',
          validTo: '2021-01-01',
          valid: false,
        }),
        expect.objectContaining({
          kind: 'licence',
          typeName: '食品生产许可证（SC）',
          validTo: null,
          valid: true,
        }),
      ]);
      expect(response.body).not.toMatch(/fileRef|f\/1|0898|contact|address/);
      expect((await ctx.app.inject(`/api/portal/producers/${producer.code}`)).json().product).toBeNull();
      expect((await ctx.app.inject(`/api/portal/producers/${creditCode()}`)).statusCode).toBe(404);
      expect((await ctx.app.inject('/api/portal/producers/nope')).statusCode).toBe(400);
    });

    it('answers the app routes with index.html and leaves API 404s alone', async () => {
      for (const url of [
        '/',
        '/alerts',
        '/blacklist',
        '/notices',
        '/complaints',
        '/complaints/new',
        '/complaints/T1',
      ]) {
        const response = await ctx.app.inject(url);
        expect(response.statusCode, url).toBe(200);
        expect(response.body, url).toContain('<div id="root">');
        expect(response.body, url).toMatch(
          /<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js">/,
        );
      }
      for (const url of ['/api/nothing', '/epcis/nothing', '/nothing', '/docs/nothing.js']) {
        const response = await ctx.app.inject(url);
        expect(response.statusCode, url).toBe(404);
        expect(response.body, url).not.toContain('<div id="root">');
      }
      expect((await ctx.app.inject('/openapi.json')).json()).toHaveProperty('paths');
      expect((await ctx.app.inject('/search?q=HN123')).statusCode).toBe(302);
    });

    it('serves hashed assets with a long cache and refuses paths out of the folder', async () => {
      const index = (await ctx.app.inject('/')).body;
      const script = /src="(\/assets\/index-[\w-]+\.js)"/.exec(index)?.[1] as string;
      const asset = await ctx.app.inject(script);
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['content-type']).toMatch(/javascript/);
      expect(asset.headers['cache-control']).toMatch(/immutable/);
      expect((await ctx.app.inject('/assets/..%2F..%2Fpackage.json')).statusCode).toBeGreaterThanOrEqual(400);
      expect((await ctx.app.inject('/assets/nothing.js')).statusCode).toBe(404);
    });

    it('renders the summary into the trace page and embeds it, and JSON stays JSON', async () => {
      const owner = '91460100MA5T0CCC3Z';
      const auth = await ctx.key(['capture', 'query'], owner);
      const issued = await ctx.app.inject({
        method: 'POST',
        url: '/api/codes',
        headers: auth,
        payload: { count: 1, productName: '文昌鸡 <b>', lot: 'W1' },
      });
      const code = issued.json().codes[0] as string;
      const page = await ctx.app.inject({ url: `/t/${code}`, headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('文昌鸡 &lt;b&gt;'); // the plain summary, before any script runs
      expect(page.body).toContain('<script type="module"');
      const state = JSON.parse(
        /<script id="suyuan-state" type="application\/json">(.*?)<\/script>/.exec(page.body)?.[1] ?? '',
      );
      expect(state).toMatchObject({ path: `/t/${code}`, summary: { code, productName: '文昌鸡 <b>' } });
      const json = await ctx.app.inject({ url: `/t/${code}`, headers: { accept: 'application/json' } });
      expect(json.headers['content-type']).toMatch(/application\/json/);
      // the app's Summary type names every field the server sends
      const known: Record<keyof Summary, true> = {
        code: true,
        uri: true,
        scheme: true,
        issuedHere: true,
        state: true,
        activated: true,
        recalled: true,
        expired: true,
        producer: true,
        product: true,
        productName: true,
        lot: true,
        productionDate: true,
        expiryDate: true,
        events: true,
        scans: true,
        warnings: true,
        links: true,
        recall: true,
      };
      expect(Object.keys(json.json()).filter((k) => !(k in known))).toEqual([]);
      const never = `/01/06901234000771/21/NEVER${unique()}`;
      const unknown = await ctx.app.inject({ url: never, headers: { accept: 'text/html' } });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.body).toContain(`"notFound":"${never}"`);
      expect(unknown.body).toContain('未查询到此码');
      // a malformed code: the app page for a browser, problem+json for API clients
      const wrong = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
      const bad = await ctx.app.inject({ url: `/t/${wrong}`, headers: { accept: 'text/html,*/*' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toMatch(/text\/html/);
      expect(bad.body).toMatch(/"invalid":".*check character/);
      const api = await ctx.app.inject({ url: `/t/${wrong}`, headers: { accept: 'application/json' } });
      expect(api.headers['content-type']).toMatch(/problem\+json/);
    });
  });
});
