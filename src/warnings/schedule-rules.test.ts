import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { objectEvent } from '../../test/factories.js';
import { addDays, todayInChina } from '../parties/common.js';
import { chainIds, move, pack } from '../trace/fixtures.js';
import { captureAs, daysAgo, enterprise, hoursAgo, partyOf, scan, setRule, warningsFor } from './fixtures.js';

// One test per scheduled rule: data that trips it and data that does not, judged by the scan.

describe.each(backends())('warning rules on the schedule [%s]', (backend) => {
  const ctx = useApp(backend);

  async function record(
    who: { auth: { authorization: string } },
    template: string,
    cte: string,
    fields: object,
  ) {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/records',
      headers: who.auth,
      payload: { template, cte, fields },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().eventIDs[0] as string;
  }

  const elevatorCode = () => `31104601${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`;

  async function maintain(
    who: { code: string; auth: { authorization: string } },
    code: string,
    daysBefore: number,
  ) {
    const at = new Date(Date.now() - daysBefore * 86_400_000);
    return record(who, 'elevators', 'maintenance', {
      elevatorCode: code,
      maintenanceType: 'half-month',
      maintainedAt: at.toISOString().replace('Z', '+00:00'),
      maintainer: who.code,
      technicians: ['王强'],
      technicianCertificates: ['T4601001'],
      items: '机房环境、驱动主机、制动器',
      userConfirmed: true,
      nextDue: addDays(at.toISOString().slice(0, 10), 15),
    });
  }

  it('elevator-maintenance-gap: an elevator last maintained 20 days ago, not one maintained 5 days ago', async () => {
    const maintainer = await enterprise(ctx, {
      industries: ['special-equipment'],
      nodeTypes: ['elevator-maintainer'],
    });
    const [late, kept] = [elevatorCode(), elevatorCode()];
    await maintain(maintainer, late, 35);
    await maintain(maintainer, late, 20);
    await maintain(maintainer, kept, 5);
    await scan(ctx);
    const found = await warningsFor(ctx, 'elevator-maintenance-gap', { enterprise: maintainer.code });
    expect(found).toHaveLength(1);
    expect(found[0]?.code).toContain(late);
    expect(found[0]).toMatchObject({
      severity: 'medium',
      source: 'schedule',
      industries: ['special-equipment'],
    });
    await scan(ctx);
    expect(await warningsFor(ctx, 'elevator-maintenance-gap', { enterprise: maintainer.code })).toHaveLength(
      1,
    );
  });

  it('elevator-inspection-overdue: a next inspection date in the past, not one in the future', async () => {
    const maintainer = await enterprise(ctx, {
      industries: ['special-equipment'],
      nodeTypes: ['elevator-maintainer'],
    });
    const inspector = await enterprise(ctx, { industries: ['special-equipment'], nodeTypes: ['other'] });
    const today = todayInChina();
    const inspect = (code: string, inspectedOn: string, nextInspectionDate: string) =>
      record(inspector, 'elevators', 'periodic-inspection', {
        elevatorCode: code,
        inspectedOn,
        inspectionBody: inspector.code,
        reportNumber: `DT-${code}`,
        conclusion: 'pass',
        nextInspectionDate,
      });
    const [overdue, fine] = [elevatorCode(), elevatorCode()];
    for (const code of [overdue, fine]) await maintain(maintainer, code, 2);
    await inspect(overdue, addDays(today, -400), addDays(today, -35));
    await inspect(fine, addDays(today, -30), addDays(today, 335));
    await scan(ctx);
    const found = await warningsFor(ctx, 'elevator-inspection-overdue');
    expect(found.filter((w) => w.code?.includes(overdue))).toHaveLength(1);
    expect(found.filter((w) => w.code?.includes(fine))).toEqual([]);
    expect(found.find((w) => w.code?.includes(overdue))?.evidence.facts).toMatchObject({
      due: addDays(today, -35),
    });
  });

  const cylinderCode = () => `QP${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`;
  const cylinderUri = (code: string) => `urn:suyuan:cylinder:${code}`;

  /** A cylinder made `yearsAgo` years ago, as the gas-cylinders template records it. */
  async function manufacture(
    who: { code: string; auth: { authorization: string } },
    code: string,
    made: string,
    nextInspectionDate: string,
    scrapDate: string,
  ) {
    return record(who, 'gas-cylinders', 'manufacture', {
      cylinderCode: code,
      serialNumber: code.slice(-8),
      manufacturer: who.code,
      manufactureLicence: 'TS2246001-2029',
      medium: 'lpg',
      nominalWorkingPressure: 2.1,
      waterCapacity: 35.5,
      tareWeight: 15.2,
      manufacturedOn: made,
      nextInspectionDate,
      scrapDate,
    });
  }

  const inspection = (
    who: { code: string; auth: { authorization: string } },
    code: string,
    on: string,
    next?: string,
  ) =>
    record(who, 'gas-cylinders', 'inspection', {
      cylinderCode: code,
      inspectedOn: on,
      inspectionBody: who.code,
      reportNumber: `QP-${code}`,
      conclusion: 'pass',
      ...(next ? { nextInspectionDate: next } : {}),
    });

  const cylinderFirm = (region = '460105') =>
    enterprise(ctx, { region, industries: ['special-equipment'], nodeTypes: ['filling-station'] });

  it('cylinder-inspection-overdue: at once when the record shows it overdue, and on the scan as time passes', async () => {
    const firm = await cylinderFirm();
    const today = todayInChina();
    const [late, inspected, fresh] = [cylinderCode(), cylinderCode(), cylinderCode()];
    await manufacture(
      firm,
      late,
      addDays(today, -5 * 365),
      addDays(today, -365 - 10),
      addDays(today, 3 * 365),
    );
    const byCode = async (code: string) =>
      warningsFor(ctx, 'cylinder-inspection-overdue', { code: cylinderUri(code) });
    expect((await byCode(late)).map((w) => w.source)).toEqual(['capture']);
    await manufacture(
      firm,
      inspected,
      addDays(today, -5 * 365),
      addDays(today, -365 - 10),
      addDays(today, 3 * 365),
    );
    await inspection(firm, inspected, addDays(today, -365), addDays(today, 3 * 365));
    await manufacture(firm, fresh, addDays(today, -100), addDays(today, 20), addDays(today, 8 * 365));
    await scan(ctx);
    expect(await byCode(fresh)).toEqual([]);
    // the inspection record moved the due date: only the warning raised before it exists, none new
    expect(await byCode(inspected)).toHaveLength(1);
    await scan(ctx, new Date(Date.now() + 30 * 86_400_000)); // a month later the fresh one is overdue
    expect((await byCode(fresh)).map((w) => w.source)).toEqual(['schedule']);
    expect(await byCode(late)).toHaveLength(1); // still one open warning
  });

  it('cylinder-scrap-age: a cylinder past its scrap date, not a younger one nor a scrapped one', async () => {
    const firm = await cylinderFirm();
    const today = todayInChina();
    const [old, young, scrapped] = [cylinderCode(), cylinderCode(), cylinderCode()];
    await manufacture(firm, young, addDays(today, -3 * 365), addDays(today, 365), addDays(today, 5 * 365));
    await manufacture(
      firm,
      scrapped,
      addDays(today, -13 * 365),
      addDays(today, -9 * 365),
      addDays(today, -5 * 365),
    );
    await record(firm, 'gas-cylinders', 'scrapping', {
      cylinderCode: scrapped,
      scrappedOn: addDays(today, -1),
      reason: 'design-life',
      scrappingUnit: firm.code,
      method: '压扁并切割瓶体',
    });
    await scan(ctx);
    const before = await warningsFor(ctx, 'cylinder-scrap-age', { enterprise: firm.code });
    // the scrapped one was warned about at manufacture capture (past its date), never again after
    expect(before.map((w) => w.code)).toEqual([cylinderUri(scrapped)]);
    await manufacture(firm, old, addDays(today, -13 * 365), addDays(today, 200), addDays(today, -365));
    const after = await warningsFor(ctx, 'cylinder-scrap-age', { enterprise: firm.code });
    expect(after.map((w) => w.code)).toEqual([cylinderUri(scrapped), cylinderUri(old)]);
    expect(after[1]?.evidence.facts).toMatchObject({ scrapOn: addDays(today, -365) });
  });

  it('cylinder-scrap-age: without a recorded scrap date, the regional scrap age counts from manufacture', async () => {
    const firm = await cylinderFirm('469005');
    const ids = chainIds();
    await setRule(ctx, 'cylinder-scrap-age', { scrapYears: 10 }, '469005');
    const register = (n: number, years: number) =>
      objectEvent({
        eventTime: daysAgo(30),
        action: 'ADD',
        bizStep: 'commissioning',
        disposition: 'active',
        epcList: [ids.item(n)],
        ilmd: { 'suyuan:manufactureDate': addDays(todayInChina(), -years * 365 - 5) },
      });
    await captureAs(ctx, firm, [register(1, 11), register(2, 9)]);
    expect(await warningsFor(ctx, 'cylinder-scrap-age', { enterprise: firm.code })).toEqual([]); // not known as cylinders yet
    await captureAs(ctx, firm, [
      objectEvent({
        eventTime: hoursAgo(2),
        bizStep: 'urn:suyuan:bizstep:cylinder_inspection',
        epcList: [ids.item(1), ids.item(2)],
      }),
    ]);
    const found = await warningsFor(ctx, 'cylinder-scrap-age', { enterprise: firm.code });
    expect(found.map((w) => w.code)).toEqual([ids.item(1)]);
  });

  it('credential-expired: a licence past its end, not a renewed one nor a valid one', async () => {
    const firm = await enterprise(ctx);
    const add = (type: string, number: string, validFrom: string, validTo: string) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/enterprises/${firm.code}/licences`,
        headers: firm.auth,
        payload: { type, number, issuer: '海口市市场监督管理局', validFrom, validTo },
      });
    const today = todayInChina();
    expect((await add('food-business', 'JY-OLD', '2020-01-01', addDays(today, -3))).statusCode).toBe(201);
    expect((await add('food-business', 'JY-NEW', addDays(today, -3), addDays(today, 1800))).statusCode).toBe(
      201,
    );
    expect((await add('food-production', 'SC-OLD', '2020-01-01', addDays(today, -1))).statusCode).toBe(201);
    expect((await add('business', 'B-1', '2020-01-01', addDays(today, 30))).statusCode).toBe(201);
    await scan(ctx);
    const found = await warningsFor(ctx, 'credential-expired', { enterprise: firm.code });
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('SC-OLD');

    // resolved but still expired: raised again by the next scan; dismissed: never again
    const patch = (id: string, status: string) =>
      ctx.app.inject({
        method: 'PATCH',
        url: `/api/warnings/${id}`,
        headers: ctx.admin,
        payload: { status, reason: '处理' },
      });
    const first = String(found[0]?.id);
    expect((await patch(first, 'acknowledged')).statusCode).toBe(200);
    expect((await patch(first, 'resolved')).statusCode).toBe(200);
    await scan(ctx);
    const again = await warningsFor(ctx, 'credential-expired', { enterprise: firm.code });
    expect(again.map((w) => w.status)).toEqual(['resolved', 'new']);
    const second = String(again[1]?.id);
    expect((await patch(second, 'acknowledged')).statusCode).toBe(200);
    expect((await patch(second, 'dismissed')).statusCode).toBe(200);
    await scan(ctx);
    expect(await warningsFor(ctx, 'credential-expired', { enterprise: firm.code })).toHaveLength(2);
  });

  it('unmatched-receipt: a receipt no one shipped, after the grace period; not a shipped one', async () => {
    const supplier = await enterprise(ctx);
    const shop = await enterprise(ctx);
    const ids = chainIds();
    const [from, to] = [partyOf(supplier.code), partyOf(shop.code)];
    await captureAs(ctx, supplier, [
      move('shipping', [ids.item(1)], { at: hoursAgo(30), source: from, destination: to }),
    ]);
    await captureAs(ctx, shop, [
      move('receiving', [ids.item(1)], { at: hoursAgo(28), source: from, destination: to }),
      move('receiving', [ids.item(2)], {
        at: hoursAgo(28),
        source: from,
        destination: to,
        id: `urn:uuid:${crypto.randomUUID()}`,
      }),
    ]);
    // items received out of a pallet that was shipped whole are matched by the pallet's shipment
    const pallet = ids.sscc(1);
    await captureAs(ctx, supplier, [
      pack(pallet, [ids.item(3), ids.item(4)], 'ADD', hoursAgo(31)),
      move('shipping', [pallet], { at: hoursAgo(30), source: from, destination: to }),
    ]);
    await captureAs(ctx, shop, [
      move('receiving', [ids.item(3)], { at: hoursAgo(27), source: from, destination: to }),
    ]);
    await scan(ctx);
    expect(await warningsFor(ctx, 'unmatched-receipt', { enterprise: shop.code })).toEqual([]); // still in the grace period
    await scan(ctx, new Date(Date.now() + 25 * 3_600_000));
    const found = await warningsFor(ctx, 'unmatched-receipt', { enterprise: shop.code });
    expect(found.map((w) => w.code)).toEqual([ids.item(2)]);
    expect(found[0]?.evidence.parties).toEqual([from]);
  });

  it('inactive-code-scanned: scans of an issued-but-inactive, a voided and an unissued code; not of an active one', async () => {
    const owner = await enterprise(ctx);
    const tag = chainIds().tag;
    const uri = (n: number) => `urn:suyuan:code:T${tag}${n}`;
    for (const [n, state] of [
      [1, 'issued'],
      [2, 'active'],
      [3, 'void'],
    ] as const) {
      await sql`INSERT INTO codes (value, uri, scheme, kind, owner, batch_id, state)
        VALUES (${`T${tag}${n}`}, ${uri(n)}, 'suyuan', 'item', ${owner.code}, 'test', ${state})`.execute(
        ctx.database.db,
      );
    }
    // a minute ahead: a scan run by another test file on the shared database cannot pass them by
    await sql`INSERT INTO code_scans (uri, scanned_at, channel, place)
      SELECT u, now() + interval '1 minute', 'web', '460100' FROM unnest(${[1, 2, 3, 4].map(uri)}::text[]) u`.execute(
      ctx.database.db,
    );
    await scan(ctx, new Date(Date.now() + 120_000));
    const found = (await warningsFor(ctx, 'inactive-code-scanned')).filter((w) => w.code?.includes(tag));
    expect(found.map((w) => [w.code, (w.evidence.facts as { state: string }).state, w.enterprise])).toEqual([
      [uri(1), 'issued', owner.code],
      [uri(3), 'void', owner.code],
      [uri(4), 'unissued', null],
    ]);
  });

  it('public-scans: a code scanned in two provinces or 25 times a day; not one scanned a few times in one city', async () => {
    const ids = chainIds();
    const scans = (uri: string, places: (string | null)[], hoursBack = 0) =>
      sql`INSERT INTO code_scans (uri, scanned_at, channel, place)
        SELECT ${uri}, now() + interval '4 minutes' - make_interval(hours => ${hoursBack}), 'web', p
        FROM unnest(${places}::text[]) p`.execute(ctx.database.db);
    await scans(ids.item(1), ['460100', '460100', '460105']);
    await scans(ids.item(2), ['460100', '440300']);
    await scans(
      ids.item(3),
      Array.from({ length: 25 }, () => null),
    );
    await scans(ids.item(4), ['460100', '440300'], 48); // outside the 24-hour window
    // after the scans (4 minutes ahead), and after the earlier test's run (2 minutes ahead)
    await scan(ctx, new Date(Date.now() + 300_000));
    const found = (await warningsFor(ctx, 'public-scans')).filter((w) =>
      w.code?.startsWith(ids.item(1).slice(0, -2)),
    );
    expect(found.map((w) => w.code).sort()).toEqual([ids.item(2), ids.item(3)].sort());
  });
});
