// The public portal in a real browser: Debian's chromium driven by playwright-core, on a phone
// viewport, against a real server (PGlite) listening on a random port. Screenshots go to
// test-results/browser/. Skipped, with a message, only when there is no chromium binary.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { encode as encodeQr } from 'uqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileEnterprise } from '../../src/parties/test-factories.js';
import { buildWeb } from '../../web/build.mjs';
import { useApp } from '../app.js';
import { epcisDocument, gln, gtin, objectEvent, sgln } from '../factories.js';

const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = existsSync(executablePath);
if (!hasChromium)
  console.warn(`SKIPPED the browser tests: no chromium at ${executablePath} (apt-get install -y chromium)`);
const shots = 'test-results/browser';
const flags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Two frames of 640×480 YUV 4:2:0 video (Y4M) showing a QR code of `text`, black on white. */
function qrVideo(text: string): Buffer {
  const qr = encodeQr(text, { border: 0 });
  const [width, height] = [640, 480];
  const scale = Math.floor(400 / qr.size);
  const left = Math.floor((width - qr.size * scale) / 2);
  const top = Math.floor((height - qr.size * scale) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < qr.size * scale; y++)
    for (let x = 0; x < qr.size * scale; x++)
      if (qr.data[Math.floor(y / scale)]?.[Math.floor(x / scale)]) luma[(top + y) * width + left + x] = 16;
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  return Buffer.concat([
    Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`),
    frame,
    frame,
  ]);
}
const phone = { width: 390, height: 844 };

describe.skipIf(!hasChromium)('public portal in chromium (390×844)', () => {
  // The server serves dist/web only when it exists at start: build it (or find it fresh) first.
  beforeAll(async () => {
    await buildWeb();
  }, 180_000);
  const ctx = useApp('pglite', { SUYUAN_NODE_PREFIX: 'HN' });
  let base = '';
  let browser: Browser;
  let context: BrowserContext;
  const producer = { code: '', auth: { authorization: '' } };
  const retailer = { code: '', auth: { authorization: '' } };

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    Object.assign(
      producer,
      await fileEnterprise(ctx, { name: '文昌潭牛养殖有限公司', region: '469005', gln: gln(91) }),
    );
    Object.assign(
      retailer,
      await fileEnterprise(ctx, { name: '海口旺佳旺超市有限公司', region: '460106', gln: gln(92) }),
    );
    // the producer's licence, certification and registered product (the trace page's reports)
    for (const [url, payload] of [
      [
        `/api/enterprises/${producer.code}/licences`,
        {
          type: 'food-production',
          number: 'SC10446900500011',
          issuer: '文昌市市场监督管理局',
          validFrom: '2024-01-01',
          validTo: '2029-01-01',
        },
      ],
      [
        `/api/enterprises/${producer.code}/certifications`,
        {
          type: 'geographical-indication',
          number: 'AGI00123',
          issuer: '农业农村部',
          validFrom: '2020-01-01',
          validTo: '2023-01-01',
        },
      ],
      [
        '/api/products',
        { code: 'WCJ-1', name: '文昌鸡', category: 'food.processed', specification: '1.5kg/只', unit: '只' },
      ],
    ] as const) {
      const response = await ctx.app.inject({ method: 'POST', url, headers: producer.auth, payload });
      expect(response.statusCode, response.body).toBe(201);
    }
    browser = await chromium.launch({ executablePath, args: flags });
    context = await browser.newContext({ viewport: phone, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  async function capture(events: Record<string, unknown>[]) {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/epcis/capture',
      headers: ctx.auth,
      payload: epcisDocument(events),
    });
    expect(response.statusCode, response.body).toBe(202);
    await ctx.app.captureWorker.drain();
  }

  /** Issues a suyuan code and moves it from the producer (文昌) to the retailer (海口) and a sale. */
  async function seededChain(productName = '文昌鸡'): Promise<string> {
    const issued = await ctx.app.inject({
      method: 'POST',
      url: '/api/codes',
      headers: producer.auth,
      payload: {
        count: 1,
        product: 'WCJ-1',
        productName,
        lot: 'W2026',
        productionDate: '2026-06-01',
        expiryDate: '2099-12-31',
      },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const code = issued.json().codes[0] as string;
    const epc = `https://x.example/t/${code}`;
    const at = (minutes: number) => new Date(Date.UTC(2026, 5, 1, 1, minutes)).toISOString();
    const from = (party: string) => [{ type: 'owning_party', source: party }];
    const to = (party: string) => [{ type: 'owning_party', destination: party }];
    const p = `https://id.gs1.org/417/${gln(91)}`;
    const r = `https://id.gs1.org/417/${gln(92)}`;
    await capture([
      objectEvent({
        eventTime: at(0),
        action: 'ADD',
        bizStep: 'commissioning',
        disposition: 'active',
        epcList: [epc],
        readPoint: { id: sgln(91) },
        bizLocation: { id: sgln(91) },
        destinationList: to(p),
      }),
      objectEvent({
        eventTime: at(60),
        bizStep: 'shipping',
        disposition: 'in_transit',
        epcList: [epc],
        readPoint: { id: sgln(91) },
        sourceList: from(p),
        destinationList: to(r),
      }),
      objectEvent({
        eventTime: at(300),
        bizStep: 'receiving',
        disposition: 'in_progress',
        epcList: [epc],
        readPoint: { id: sgln(92) },
        bizLocation: { id: sgln(92) },
        sourceList: from(p),
        destinationList: to(r),
      }),
      objectEvent({
        eventTime: at(600),
        bizStep: 'retail_selling',
        disposition: 'retail_sold',
        epcList: [epc],
        readPoint: { id: sgln(92) },
        bizLocation: { id: sgln(92) },
        sourceList: from(r),
      }),
    ]);
    return code;
  }

  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`browser error on ${path}:`, error.message));
    await page.goto(`${base}${path}`);
    return page;
  }

  it('shows every section of a seeded chain, with the summary already in the first response', async () => {
    const code = await seededChain();
    const first = await fetch(`${base}/t/${code}`, { headers: { accept: 'text/html' } });
    const html = await first.text();
    expect(html).toContain('文昌鸡'); // server-rendered, before any script runs
    expect(html).toContain('id="suyuan-state"');
    const page = await open(`/t/${code}`);
    await page.getByTestId('trace').waitFor();
    await expect.poll(() => page.getByTestId('product').textContent()).toContain('文昌鸡');
    expect(await page.getByTestId('product').textContent()).toContain('W2026');
    expect(await page.getByTestId('scans').textContent()).toMatch(/已被查询 \d+ 次，首次查询于/);
    await page.getByTestId('step').first().waitFor();
    const steps = await page.getByTestId('step').allTextContents();
    expect(steps.length).toBeGreaterThanOrEqual(3);
    expect(steps.join('\n')).toContain('零售');
    expect(steps.join('\n')).toMatch(/文昌/);
    expect(steps.join('\n')).toContain('海口旺佳旺超市有限公司');
    await page.getByTestId('route-chart').locator('svg').waitFor();
    await page.getByTestId('credential').first().waitFor();
    const reports = await page.getByTestId('reports').textContent();
    expect(reports).toContain('食品生产许可证');
    expect(reports).toContain('有效期至 2029-01-01');
    expect(reports).toMatch(/农产品地理标志.*已失效/);
    expect(await page.getByTestId('product').textContent()).toContain('1.5kg/只');
    await page.getByTestId('complain').waitFor();
    expect(await page.locator('[data-banner]').count()).toBe(0);
    await page.screenshot({ path: `${shots}/trace.png`, fullPage: true });
    await page.close();
    // usable at 360 px: nothing wider than the screen (page functions as strings: this file is
    // type-checked without the DOM library)
    const narrow = await context.newPage();
    await narrow.setViewportSize({ width: 360, height: 740 });
    await narrow.goto(`${base}/t/${code}`);
    await narrow.getByTestId('route-chart').locator('svg').waitFor();
    const wide = await narrow.evaluate(`[...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > 360)
      .map((e) => e.tagName + '.' + e.className + ' ' + e.getBoundingClientRect().right)`);
    expect(wide).toEqual([]);
    expect(await narrow.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await narrow.screenshot({ path: `${shots}/trace-360.png`, fullPage: true });
    await narrow.close();
  });

  it("shows a template's public data elements and the step's name on the timeline", async () => {
    const issued = await ctx.app.inject({
      method: 'POST',
      url: '/api/codes',
      headers: producer.auth,
      payload: { count: 1, kind: 'lot', productName: '大白菜', lot: 'V1' },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const batch = issued.json().codes[0] as string;
    const record = await ctx.app.inject({
      method: 'POST',
      url: '/api/records',
      headers: producer.auth,
      payload: {
        template: 'meat-vegetables',
        cte: 'vegetable-entry',
        fields: {
          batchCode: batch,
          entryDate: '2026-11-21T04:10:00+08:00',
          trader: producer.code,
          variety: '大白菜',
          weight: '2000 KGM',
          originCertificate: 'CD4601202611001',
          origin: '海南省海口市',
        },
      },
    });
    expect(record.statusCode, record.body).toBe(201);
    const page = await open(`/t/${batch}`);
    await page.getByTestId('element').first().waitFor();
    const step = await page.getByTestId('step').first().textContent();
    expect(step).toContain('蔬菜进场');
    expect(step).toContain('品种：大白菜');
    expect(step).toContain('产地证明/上市凭证编号：CD4601202611001');
    await page.screenshot({ path: `${shots}/elements.png`, fullPage: true });
    await page.close();
  });

  it('shows the red recall banner first for a recalled code', async () => {
    const code = await seededChain('召回测试鸡');
    const recall = await ctx.app.inject({
      method: 'POST',
      url: '/api/recalls',
      headers: ctx.admin,
      payload: {
        enterprise: producer.code,
        title: '沙门氏菌检出',
        reason: '抽检不合格',
        severity: 1,
        codes: [code],
      },
    });
    if (recall.statusCode >= 300) {
      // Without the recalls module: the recalled disposition of an event sets the same state.
      console.warn(`POST /api/recalls answered ${recall.statusCode}; recalling through an event instead`);
      await capture([
        objectEvent({
          bizStep: 'holding',
          disposition: 'recalled',
          epcList: [`https://x.example/t/${code}`],
        }),
      ]);
    }
    const page = await open(`/t/${code}`);
    const banner = page.locator('[data-banner]').first();
    await banner.waitFor();
    expect(await banner.getAttribute('data-banner')).toBe('recalled');
    expect(await banner.textContent()).toContain('已召回，请勿食用/使用');
    const background = await page.evaluate(
      `getComputedStyle(document.querySelector('[data-banner]')).backgroundColor`,
    );
    expect(background).toBe('rgb(207, 19, 34)');
    await page.screenshot({ path: `${shots}/recalled.png`, fullPage: true });
    await page.close();
  });

  it('says an unknown code is unknown, from the home page search box', async () => {
    const page = await open('/');
    const box = page.getByRole('searchbox').or(page.locator('input[name="q"]'));
    await box.first().fill('不是追溯码');
    await box.first().press('Enter');
    await page.getByTestId('code-problem').waitFor(); // explained in place, no navigation
    expect(await page.getByTestId('code-problem').textContent()).toContain('无法识别此码');
    await page.screenshot({ path: `${shots}/home.png`, fullPage: true });
    await box.first().fill(`(01)${gtin(77)}(21)NEVER${Date.now()}`);
    await box.first().press('Enter');
    await page.getByTestId('unknown-code').waitFor();
    expect(page.url()).toContain(`/01/${gtin(77)}/21/NEVER`);
    expect(await page.getByTestId('unknown-code').textContent()).toContain('未查询到此码');
    await page.screenshot({ path: `${shots}/unknown.png`, fullPage: true });
    await page.close();
  });

  it('files a complaint with a photo and looks its ticket up', async ({ skip }) => {
    if (!ctx.app.hasRoute({ method: 'POST', url: '/api/complaints' }))
      skip('POST /api/complaints does not exist yet (src/complaints)');
    const code = await seededChain('投诉测试鸡');
    const page = await open(`/t/${code}`);
    await page.getByTestId('complain').click();
    await page.getByLabel('联系方式').fill('13800138000');
    await page.getByLabel('问题描述').fill('包装破损，有异味');
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    await page.getByTestId('photos').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('button', { name: /提交投诉/ }).click();
    const ticketText = (await page.getByTestId('ticket').textContent()) ?? '';
    const ticket = /受理编号：(\S+)/.exec(ticketText)?.[1];
    expect(ticket).toBeTruthy();
    const { rows } = await sql<{ code: string; photos: number }>`
      SELECT c.code, (SELECT count(*)::int FROM complaint_photos p WHERE p.complaint_id = c.id) AS photos
      FROM complaints c WHERE c.ticket = ${ticket}`.execute(ctx.database.db);
    expect(rows[0]).toEqual({ code, photos: 1 }); // stored with the code, the photo with it
    await page.screenshot({ path: `${shots}/complaint.png`, fullPage: true });
    await page.getByRole('button', { name: /查询处理进度/ }).click();
    await page.getByTestId('ticket-status').waitFor();
    expect(await page.getByTestId('ticket-status').textContent()).toContain(ticket as string);
    await page.screenshot({ path: `${shots}/ticket.png`, fullPage: true });
    await page.close();
  });

  it('reads a label QR code with the camera (reader served here) and opens its trace', async () => {
    const code = await seededChain('扫码测试鸡');
    // a fake camera that films the label's QR code (the resolver URL), a Y4M file chromium plays
    const video = `${shots}/label-qr.y4m`;
    writeFileSync(video, qrVideo(`${base}/t/${code}`));
    const camera = await chromium.launch({
      executablePath,
      args: [
        ...flags,
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    });
    try {
      const page = await (
        await camera.newContext({ viewport: phone, isMobile: true, hasTouch: true })
      ).newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(`${base}/`);
      await page.getByRole('button', { name: /扫码查询/ }).click();
      // no wait for the camera's video here: the fake camera's QR is often read within the first
      // frames, and the page has moved on to the trace before a check could see the modal
      await page.waitForURL(`${base}/t/${code}`, { timeout: 30_000 });
      await page.screenshot({ path: `${shots}/scan.png`, fullPage: true });
      await expect.poll(() => page.getByTestId('product').textContent()).toContain('扫码测试鸡');
      // the zxing reader (WebAssembly) came from /assets/, nothing from another host
      expect(requests.some((u) => /\/assets\/.*\.wasm$/.test(u))).toBe(true);
      expect(requests.filter((u) => !u.startsWith(base))).toEqual([]);
    } finally {
      await camera.close();
    }
  });

  it('explains a malformed code opened from a link', async () => {
    const page = await open('/t/HNS0000000000000X');
    await page.getByTestId('invalid-code').waitFor();
    expect(await page.getByTestId('invalid-code').textContent()).toContain('追溯码格式有误');
    await page.close();
  });

  it('lists consumer alerts, the quality blacklist and policy notices, with search', async () => {
    const regulator = await ctx.login({ role: 'regulator', department: 'market', regionScope: '46' });
    const today = new Date().toISOString().slice(0, 10);
    for (const [url, payload] of [
      [
        '/api/alerts',
        { title: '警惕散装白酒', body: '近期发现多起散装白酒甲醇超标，请勿购买来源不明的散装酒。' },
      ],
      ['/api/alerts', { title: '节日食品安全提示', body: '选购月饼请查看生产日期。' }],
      ['/api/notices', { title: '关于推进重要产品追溯体系建设的通知', body: '各有关单位……' }],
      ['/api/blacklist', { enterprise: retailer.code, reason: '销售过期食品，拒不整改', from: today }],
    ] as const) {
      const response = await ctx.app.inject({ method: 'POST', url, headers: regulator, payload });
      expect(response.statusCode, response.body).toBe(201);
    }
    const page = await open('/');
    await page.getByRole('link', { name: '消费提示' }).click();
    await page.getByText('警惕散装白酒').waitFor();
    expect(await page.getByText('节日食品安全提示').count()).toBe(1);
    await page.getByPlaceholder('搜索').fill('白酒');
    await page.getByPlaceholder('搜索').press('Enter');
    const shown = async () => [
      await page.getByText('警惕散装白酒').count(),
      await page.getByText('节日食品安全提示').count(),
    ];
    await expect.poll(shown).toEqual([1, 0]);
    await page.screenshot({ path: `${shots}/alerts.png`, fullPage: true });
    await page.goto(`${base}/blacklist`);
    await page.getByText('海口旺佳旺超市有限公司').waitFor();
    expect(await page.locator('.ant-list').textContent()).toContain('销售过期食品');
    await page.screenshot({ path: `${shots}/blacklist.png`, fullPage: true });
    await page.goto(`${base}/notices`);
    await page.getByText('关于推进重要产品追溯体系建设的通知').waitFor();
    await page.close();
  });

  it('switches to English and keeps the choice', async () => {
    const page = await open('/');
    await page.getByText('重要产品追溯查询').first().waitFor();
    await page.getByTestId('language').click();
    await page.getByText('Product traceability').first().waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await page.reload();
    await page.getByText('Product traceability').first().waitFor();
    await page.getByRole('link', { name: 'Consumer alerts' }).click();
    await page.getByText('Consumer alerts').first().waitFor();
    await page.locator('.ant-list').or(page.getByText('Nothing here yet')).first().waitFor();
    await page.screenshot({ path: `${shots}/english.png`, fullPage: true });
    await page.getByTestId('language').click();
    await page.getByText('消费提示').first().waitFor();
    await page.close();
  });
});
