import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { objectEvent } from '../../test/factories.js';
import { addDays, todayInChina } from '../parties/common.js';
import { creditCode } from '../parties/test-factories.js';
import { chainIds, move } from '../trace/fixtures.js';
import { captureAs, daysAgo, enterprise, hoursAgo, partyOf, scan, setRule, warningsFor } from './fixtures.js';

// One test per capture rule: data that trips it and data that does not, through POST /epcis/capture.

describe.each(backends())('warning rules at capture [%s]', (backend) => {
  const ctx = useApp(backend);

  it('late-report: one warning for a batch recorded long after it happened, none for a timely one', async () => {
    const firm = await enterprise(ctx);
    const ids = chainIds();
    await captureAs(ctx, firm, [move('shipping', [ids.item(1)], { at: hoursAgo(2) })]);
    expect(await warningsFor(ctx, 'late-report', { enterprise: firm.code })).toEqual([]);
    await captureAs(ctx, firm, [
      move('shipping', [ids.item(2)], { at: hoursAgo(100) }),
      move('shipping', [ids.item(3)], { at: hoursAgo(60) }),
      move('shipping', [ids.item(4)], { at: hoursAgo(1) }),
    ]);
    const [warning, ...more] = await warningsFor(ctx, 'late-report', { enterprise: firm.code });
    expect(more).toEqual([]);
    expect(warning).toMatchObject({ severity: 'low', status: 'new', region: '460105', source: 'capture' });
    expect(warning?.evidence.events).toHaveLength(2);
    expect(warning?.evidence.facts).toMatchObject({ count: 2, limitHours: 48, maxDelayHours: 100 });
  });

  it('late-report: a longer limit set for the region is applied', async () => {
    const firm = await enterprise(ctx, { region: '469001' });
    await setRule(ctx, 'late-report', { maxHours: 200 }, '4690');
    await captureAs(ctx, firm, [move('shipping', [chainIds().item(1)], { at: hoursAgo(100) })]);
    expect(await warningsFor(ctx, 'late-report', { enterprise: firm.code })).toEqual([]);
    await captureAs(ctx, firm, [move('shipping', [chainIds().item(1)], { at: hoursAgo(300) })]);
    expect(await warningsFor(ctx, 'late-report', { enterprise: firm.code })).toHaveLength(1);
  });

  it('a rule disabled for a region raises nothing there, at capture as on the scan', async () => {
    const firm = await enterprise(ctx, { region: '469006' });
    const elsewhere = await enterprise(ctx, { region: '469007' });
    await setRule(ctx, 'failed-inspection', { enabled: false }, '469006');
    await setRule(ctx, 'credential-expired', { enabled: false }, '469006');
    const failing = () =>
      objectEvent({
        eventTime: hoursAgo(1),
        bizStep: 'inspecting',
        disposition: 'non_conformant',
        epcList: [chainIds().lot(1)],
      });
    await captureAs(ctx, firm, [failing()]);
    await captureAs(ctx, elsewhere, [failing()]);
    expect(await warningsFor(ctx, 'failed-inspection', { enterprise: firm.code })).toEqual([]);
    expect(await warningsFor(ctx, 'failed-inspection', { enterprise: elsewhere.code })).toHaveLength(1);
    for (const who of [firm, elsewhere]) {
      const licence = await ctx.app.inject({
        method: 'POST',
        url: `/api/enterprises/${who.code}/licences`,
        headers: who.auth,
        payload: {
          type: 'business',
          number: `B${who.code}`,
          issuer: '市场监督管理局',
          validFrom: '2020-01-01',
          validTo: '2024-12-31',
        },
      });
      expect(licence.statusCode, licence.body).toBe(201);
    }
    await scan(ctx);
    expect(await warningsFor(ctx, 'credential-expired', { enterprise: firm.code })).toEqual([]);
    expect(await warningsFor(ctx, 'credential-expired', { enterprise: elsewhere.code })).toHaveLength(1);
  });

  it('duplicate-commissioning: the same serial commissioned by a second event, not a serial commissioned once', async () => {
    const a = await enterprise(ctx);
    const b = await enterprise(ctx);
    const ids = chainIds();
    await captureAs(ctx, a, [move('commissioning', [ids.item(1), ids.item(2)], { at: hoursAgo(3) })]);
    await captureAs(ctx, a, [move('shipping', [ids.item(1)], { at: hoursAgo(2) })]);
    expect(await warningsFor(ctx, 'duplicate-commissioning', { code: ids.item(1) })).toEqual([]);
    await captureAs(ctx, b, [move('commissioning', [ids.item(1)], { at: hoursAgo(1) })]);
    const found = await warningsFor(ctx, 'duplicate-commissioning', { code: ids.item(1) });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ enterprise: b.code, severity: 'high' });
    expect(found[0]?.evidence.events).toHaveLength(2);
    expect(await warningsFor(ctx, 'duplicate-commissioning', { code: ids.item(2) })).toEqual([]);
  });

  it('cold-chain-temperature: a reading above the range, not readings within it; vaccines get 2–8 °C', async () => {
    const firm = await enterprise(ctx, { industries: ['drug'] });
    const sensed = (values: number[], epc: string) =>
      objectEvent({
        eventTime: hoursAgo(1),
        epcList: [epc],
        sensorElementList: [
          {
            sensorMetadata: { deviceID: 'urn:epc:id:giai:4000001.111' },
            sensorReport: values.map((value) => ({ type: 'gs1:Temperature', value, uom: 'CEL' })),
          },
        ],
      });
    const ids = chainIds();
    await captureAs(ctx, firm, [sensed([3, 5.5, 7.9], ids.item(1))]);
    expect(await warningsFor(ctx, 'cold-chain-temperature', { enterprise: firm.code })).toEqual([]);
    await captureAs(ctx, firm, [sensed([4, 12.5], ids.item(2))]);
    const [hot] = await warningsFor(ctx, 'cold-chain-temperature', { enterprise: firm.code });
    expect(hot).toMatchObject({ code: ids.item(2), severity: 'high' });
    expect(hot?.evidence.facts).toMatchObject({ highest: 12.5, maxCelsius: 8 });
    await setRule(ctx, 'cold-chain-temperature', { minCelsius: 2 }, '460105', 'drug');
    await captureAs(ctx, firm, [sensed([1.5, 4], ids.item(3))]);
    expect(await warningsFor(ctx, 'cold-chain-temperature', { code: ids.item(3) })).toHaveLength(1);
  });

  it('failed-inspection: a non-conformant result, not a passing one', async () => {
    const firm = await enterprise(ctx);
    const ids = chainIds();
    const inspect = (epc: string, result: string, disposition?: string) =>
      objectEvent({
        eventTime: hoursAgo(1),
        bizStep: 'inspecting',
        disposition: disposition ?? 'active',
        epcList: [epc],
        'suyuan:inspectionResult': result,
        '@context': [{ suyuan: 'https://suyuan.example/ns#' }],
      });
    await captureAs(ctx, firm, [inspect(ids.lot(1), 'pass')]);
    expect(await warningsFor(ctx, 'failed-inspection', { enterprise: firm.code })).toEqual([]);
    await captureAs(ctx, firm, [inspect(ids.lot(2), 'pass', 'non_conformant'), inspect(ids.lot(3), 'fail')]);
    const found = await warningsFor(ctx, 'failed-inspection', { enterprise: firm.code });
    expect(found.map((w) => w.code).sort()).toEqual([ids.lot(2), ids.lot(3)].sort());
  });

  it('expired-product-sold: a sale after the expiry date in the ILMD, not one before it', async () => {
    const firm = await enterprise(ctx);
    const ids = chainIds();
    const today = todayInChina();
    await captureAs(ctx, firm, [
      move('commissioning', [ids.item(1)], {
        at: daysAgo(30),
        ilmd: { 'cbvmda:itemExpirationDate': addDays(today, -2) },
      }),
      move('commissioning', [ids.item(2)], {
        at: daysAgo(30),
        ilmd: { 'cbvmda:itemExpirationDate': addDays(today, 10) },
      }),
    ]);
    await captureAs(ctx, firm, [
      move('retail_selling', [ids.item(1)], { at: hoursAgo(1), source: partyOf(firm.code) }),
      move('retail_selling', [ids.item(2)], { at: hoursAgo(1), source: partyOf(firm.code) }),
    ]);
    const found = await warningsFor(ctx, 'expired-sold', { enterprise: firm.code });
    expect(found.map((w) => w.code)).toEqual([ids.item(1)]);
    expect(found[0]?.evidence.facts).toMatchObject({ expiry: addDays(today, -2) });
  });

  it('oversold: selling more of a lot than was received, not selling what was received', async () => {
    const shop = await enterprise(ctx);
    const ids = chainIds();
    const me = partyOf(shop.code);
    await captureAs(ctx, shop, [
      move(
        'receiving',
        [
          { epc: ids.lot(1), quantity: 100 },
          { epc: ids.lot(2), quantity: 10 },
        ],
        { at: hoursAgo(5), destination: me },
      ),
      move('retail_selling', [{ epc: ids.lot(1), quantity: 60 }], { at: hoursAgo(4), source: me }),
      move('retail_selling', [{ epc: ids.lot(1), quantity: 40 }], { at: hoursAgo(3), source: me }),
    ]);
    expect(await warningsFor(ctx, 'oversold', { enterprise: shop.code })).toEqual([]);
    await captureAs(ctx, shop, [
      move('retail_selling', [{ epc: ids.lot(2), quantity: 25 }], { at: hoursAgo(2), source: me }),
    ]);
    const [warning, ...more] = await warningsFor(ctx, 'oversold', { enterprise: shop.code });
    expect(more).toEqual([]);
    expect(warning).toMatchObject({ code: ids.lot(2) });
    expect(warning?.evidence.facts).toMatchObject({ in: 10, out: 25, uom: 'KGM' });
  });

  it('untrusted-party: a counterparty with a suspended filing or only expired licences, not a licensed one', async () => {
    const seller = await enterprise(ctx);
    const good = await enterprise(ctx);
    const lapsed = await enterprise(ctx);
    const suspended = await enterprise(ctx);
    const licence = (code: string, validTo: string) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/enterprises/${code}/licences`,
        headers: ctx.admin,
        payload: {
          type: 'food-business',
          number: `JY${code}`,
          issuer: '海口市市场监督管理局',
          validFrom: '2020-01-01',
          validTo,
        },
      });
    expect((await licence(good.code, addDays(todayInChina(), 300))).statusCode).toBe(201);
    expect((await licence(lapsed.code, '2024-12-31')).statusCode).toBe(201);
    for (const to of ['filed', 'suspended']) {
      const filing = await ctx.app.inject({
        method: 'POST',
        url: `/api/enterprises/${suspended.code}/filing`,
        headers: ctx.admin,
        payload: { to, reason: to === 'filed' ? '材料齐全' : '抽检不合格' },
      });
      expect(filing.statusCode, filing.body).toBe(200);
    }
    const ids = chainIds();
    const ship = (n: number, to: string) =>
      move('shipping', [ids.item(n)], {
        at: hoursAgo(1),
        source: partyOf(seller.code),
        destination: partyOf(to),
      });
    await captureAs(ctx, seller, [ship(1, good.code)]);
    expect(await warningsFor(ctx, 'untrusted-party', { enterprise: seller.code })).toEqual([]);
    // on the credit module's blacklist: one filed here, one not filed on this node at all
    const listed = await enterprise(ctx);
    const stranger = creditCode('440300');
    for (const code of [listed.code, stranger]) {
      await sql`INSERT INTO blacklist (enterprise, name, reason, listed_from, added_by)
        VALUES (${code}, '某公司', '销售不合格产品', ${addDays(todayInChina(), -10)}, 'test')`.execute(
        ctx.database.db,
      );
    }
    await captureAs(ctx, seller, [
      ship(2, lapsed.code),
      ship(3, suspended.code),
      ship(4, listed.code),
      ship(5, stranger),
    ]);
    const found = await warningsFor(ctx, 'untrusted-party', { enterprise: seller.code });
    expect(found.map((w) => w.message).sort()).toEqual(
      [
        `交易对方 ${lapsed.code} 许可证均已过期`,
        `交易对方 ${suspended.code} 备案已暂停`,
        `交易对方 ${listed.code} 在质量失信黑名单上：销售不合格产品`,
        `交易对方 ${stranger} 在质量失信黑名单上：销售不合格产品`,
      ].sort(),
    );
    // where a licence is required, a counterparty without any is a warning too
    const unlicensed = await enterprise(ctx);
    await captureAs(ctx, seller, [ship(6, unlicensed.code)]);
    expect(await warningsFor(ctx, 'untrusted-party', { enterprise: seller.code })).toHaveLength(4);
    await setRule(ctx, 'untrusted-party', { requireLicence: true }, '460105', 'edible-farm');
    await captureAs(ctx, seller, [ship(7, unlicensed.code)]);
    const now = await warningsFor(ctx, 'untrusted-party', { enterprise: seller.code });
    expect(now.at(-1)?.message).toBe(`交易对方 ${unlicensed.code} 无有效许可证`);
    expect(now).toHaveLength(5);
  });

  it('pesticide-safety-interval: a harvest three days after spraying the field, not one after the interval', async () => {
    const farm = await enterprise(ctx);
    const ids = chainIds();
    const field = `urn:suyuan:loc:${farm.code}:${ids.tag}`;
    let lot = 0;
    const event = (bizStep: string, at: string, extra: Record<string, unknown> = {}) =>
      objectEvent({
        eventTime: at,
        action: 'OBSERVE',
        bizStep,
        disposition: 'active',
        epcList: [],
        quantityList: [{ epcClass: ids.lot(++lot), quantity: 100, uom: 'KGM' }],
        bizLocation: { id: field },
        '@context': [{ suyuan: 'https://suyuan.example/ns#' }],
        ...extra,
      });
    await captureAs(ctx, farm, [
      event('urn:suyuan:bizstep:pesticide_application', daysAgo(20), { 'suyuan:safetyIntervalDays': 7 }),
    ]);
    // the harvest as the meat-and-vegetables template records it (farm-harvest)
    const harvest = (at: string) =>
      event('urn:suyuan:bizstep:harvesting', at, {
        action: 'ADD',
        'suyuan:variety': '白菜',
        ilmd: { 'suyuan:originRegion': '460100' },
        sourceList: [{ type: 'owning_party', source: partyOf(farm.code) }],
      });
    await captureAs(ctx, farm, [harvest(daysAgo(10))]);
    expect(await warningsFor(ctx, 'pesticide-safety-interval', { enterprise: farm.code })).toEqual([]);
    await captureAs(ctx, farm, [
      event('urn:suyuan:bizstep:pesticide_application', daysAgo(5), { 'suyuan:safetyIntervalDays': 7 }),
    ]);
    await captureAs(ctx, farm, [harvest(daysAgo(2))]);
    const [warning, ...more] = await warningsFor(ctx, 'pesticide-safety-interval', { enterprise: farm.code });
    expect(more).toEqual([]);
    expect(warning?.evidence.events).toHaveLength(2);
    expect(warning?.evidence.facts).toMatchObject({ intervalDays: 7 });
  });
});
