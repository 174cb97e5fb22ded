import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testConfig, useApp } from '../../test/app.js';
import { backends, openTestDatabase } from '../../test/database.js';
import { buildApp } from '../app.js';
import { normaliseEvent } from '../epcis/capture/normalise.js';
import { checkCreditCode, lookupRegion, parseGtin } from '../identifiers/index.js';
import { industries } from '../parties/vocabulary.js';
import { runScan } from '../warnings/scan.js';
import { seedOnFirstStart } from './auto.js';
import { enterpriseSpecs } from './enterprises.js';
import { buildWorld } from './master.js';
import { regions } from './regions.js';
import { anchorOf, buildChains, defaultSeed, isEmptyDatabase, type SeedSummary, seedDemo } from './seed.js';
import { demoAccounts, demoPassword } from './users.js';
import { seedVolume } from './volume.js';

const today = '2026-11-24';

describe('the demo world (pure)', () => {
  it('is the same for the same seed and differs for another', () => {
    const a = buildChains(buildWorld(7), anchorOf(today), 'CN');
    const b = buildChains(buildWorld(7), anchorOf(today), 'CN');
    const c = buildChains(buildWorld(8), anchorOf(today), 'CN');
    expect(a.builder.codes.map((x) => x.value)).toEqual(b.builder.codes.map((x) => x.value));
    expect(a.builder.events.map((e) => e.eventId)).toEqual(b.builder.events.map((e) => e.eventId));
    expect(c.builder.codes[0]?.value).not.toBe(a.builder.codes[0]?.value);
  });

  it('gives every enterprise a valid credit code registered in its region', () => {
    const world = buildWorld(defaultSeed);
    for (const e of Object.values(world.enterprises)) {
      const result = checkCreditCode(e.creditCode);
      expect(result, e.creditCode).toMatchObject({ valid: true, warnings: [] });
      expect(e.creditCode.slice(2, 8)).toBe(regions[enterpriseSpecs[e.key].region].code);
    }
  });

  it('gives every product a valid GTIN with a Chinese prefix 690–695', () => {
    for (const p of Object.values(buildWorld(defaultSeed).products)) {
      expect(parseGtin(p.gtin).ok, p.gtin).toBe(true);
      expect(p.gtin).toMatch(/^69[0-5]\d{10}$/);
    }
  });

  it('matches the codes the README lists for the default seed', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const demo = readme.slice(readme.indexOf('## Demo'), readme.indexOf('## Configuration'));
    const listed = [...demo.matchAll(/<http:\/\/localhost:8080(\/t\/([0-9A-Z]+)|\/01\/[^>]+)>/g)].map((m) =>
      m[2] ? m[2] : `https://id.gs1.org${m[1]}`,
    );
    const { highlights } = buildChains(buildWorld(defaultSeed), anchorOf(today), 'CN');
    const codes = Object.values(highlights).map((h) => h.code);
    expect(listed.length).toBeGreaterThanOrEqual(15);
    for (const code of listed) expect(codes, code).toContain(code);
    for (const account of demoAccounts) expect(demo).toContain(`\`${account.username}\``);
    expect(demo).toContain(demoPassword);
  });

  it('uses real GB/T 2260 region codes only', () => {
    for (const r of Object.values(regions)) {
      const found = lookupRegion(r.code);
      expect(found.valid, r.code).toBe(true);
      expect(r.name.replace(/市|区|县/g, '')).toContain(
        found.region?.name.replace(/市|区|县/g, '').slice(0, 2),
      );
    }
  });
});

describe.each(backends())('suyuan seed --demo on %s', (backend) => {
  const ctx = useApp(backend);
  let first: SeedSummary;
  let second: SeedSummary;
  const seed = backend === 'pglite' ? defaultSeed : 9000 + Math.floor(Math.random() * 1000);
  const world = buildWorld(seed);
  const creditCodes = Object.values(world.enterprises).map((e) => e.creditCode);

  it('seeds small quickly, and a second run adds nothing', async () => {
    const started = performance.now();
    first = await seedDemo(ctx.database, { size: 'small', seed, prefix: 'CN', today });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `small demo seed on ${backend}: ${seconds.toFixed(1)} s, ${first.events} events, ${first.codes} codes`,
    );
    expect(first.chainsWritten).toBe(true);
    expect(first.refused).toEqual([]);
    expect(first.records).toBeGreaterThan(150);
    expect(first.events).toBeGreaterThan(300);
    if (backend === 'pglite') expect(seconds).toBeLessThan(30);
    const count = async () =>
      (
        await sql<{ n: string }>`SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM codes)
          + (SELECT count(*) FROM enterprises) + (SELECT count(*) FROM code_scans) + (SELECT count(*) FROM users)
          + (SELECT count(*) FROM credentials) + (SELECT count(*) FROM merchants) AS n`.execute(
          ctx.database.db,
        )
      ).rows[0]?.n;
    const before = await count();
    second = await seedDemo(ctx.database, { size: 'small', seed, prefix: 'CN', today });
    expect(second.chainsWritten).toBe(false);
    expect(await count()).toBe(before);
  });

  it('stores exactly the codes the pure build gives for the seed (deterministic)', async () => {
    const expected = buildChains(world, anchorOf(today), 'CN')
      .builder.codes.map((c) => c.value)
      .sort();
    const { rows } = await sql<{
      value: string;
    }>`SELECT value FROM codes WHERE owner = ANY(${creditCodes}::text[])
      ORDER BY value`.execute(ctx.database.db);
    expect(rows.map((r) => r.value).sort()).toEqual(expected);
    expect(second.highlights).toEqual(first.highlights);
  });

  it('files every enterprise with a valid credit code and real region, and valid product GTINs', async () => {
    const { rows } = await sql<{
      credit_code: string;
      region: string;
      status: string;
      check_failed: boolean;
    }>`
      SELECT credit_code, region, status, credit_code_check_failed AS check_failed FROM enterprises
      WHERE credit_code = ANY(${creditCodes}::text[])`.execute(ctx.database.db);
    expect(rows).toHaveLength(creditCodes.length);
    for (const r of rows) {
      expect(checkCreditCode(r.credit_code).valid).toBe(true);
      expect(r.check_failed).toBe(false);
      expect(lookupRegion(r.region).valid).toBe(true);
      expect(r.status).toBe('filed');
    }
    const products = await sql<{ gtin: string }>`SELECT gtin FROM products
      WHERE enterprise = ANY(${creditCodes}::text[])`.execute(ctx.database.db);
    expect(products.rows.length).toBeGreaterThan(10);
    for (const p of products.rows) expect(parseGtin(p.gtin).ok, p.gtin).toBe(true);
    const credentials = await sql<{ valid_to: string | null }>`SELECT valid_to::text FROM credentials
      WHERE enterprise = ANY(${creditCodes}::text[]) AND kind = 'licence'`.execute(ctx.database.db);
    const ends = credentials.rows.map((r) => r.valid_to).filter((d): d is string => d !== null);
    expect(ends.filter((d) => d < today)).toHaveLength(1);
    expect(ends.filter((d) => d >= today && d <= '2026-12-24').length).toBeGreaterThanOrEqual(2);
  });

  it('has a chain in every category', async () => {
    const { rows } = await sql<{ industry: string }>`
      SELECT DISTINCT unnest(en.industries) AS industry FROM events e
      JOIN enterprises en ON en.credit_code = e.owner_enterprise
      WHERE e.owner_enterprise = ANY(${creditCodes}::text[])`.execute(ctx.database.db);
    const { rows: byProduct } = await sql<{ category: string }>`
      SELECT DISTINCT split_part(p.category, '.', 1) AS category FROM codes c
      JOIN products p ON p.gtin = c.product AND p.enterprise = ANY(${creditCodes}::text[])
      JOIN event_epcs x ON x.epc = c.uri WHERE c.owner = ANY(${creditCodes}::text[])`.execute(
      ctx.database.db,
    );
    expect(rows.map((r) => r.industry).sort()).toEqual(Object.keys(industries).sort());
    expect(byProduct.map((r) => r.category).sort()).toEqual(Object.keys(industries).sort());
  });

  it('plants the problems the warnings and recalls should find', async () => {
    const h = first.highlights;
    const db = ctx.database.db;
    const uri = (key: string) => `urn:suyuan:code:${h[key]?.code}`;
    // a failed pesticide-residue test on one vegetable batch (market entry, rapid test)
    const failed = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM events e JOIN event_epcs x ON x.event_pk = e.id
      WHERE x.epc = ${uri('failedVegetables')} AND e.disposition = 'non_conformant'
        AND e.doc->>'suyuan:testResult' = 'fail'`.execute(db);
    expect(failed.rows[0]?.n).toBe('1');
    // a receiving without upstream shipment
    const orphan = await sql<{ receiving: string; shipping: string }>`SELECT
      count(*) FILTER (WHERE e.biz_step = 'receiving') AS receiving, count(*) FILTER (WHERE e.biz_step = 'shipping') AS shipping
      FROM events e JOIN event_epcs x ON x.event_pk = e.id WHERE x.epc = ${uri('orphanReceiving')}`.execute(
      db,
    );
    expect(orphan.rows[0]).toEqual({ receiving: '1', shipping: '0' });
    // a code scanned in three provinces
    const places = await sql<{
      provinces: string;
    }>`SELECT count(DISTINCT left(place, 2)) AS provinces FROM code_scans
      WHERE uri = ${uri('roamingCan')}`.execute(db);
    expect(Number(places.rows[0]?.provinces)).toBeGreaterThanOrEqual(3);
    // a late report: recorded more than five days after it happened
    const late = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM events e JOIN event_epcs x ON x.event_pk = e.id
      WHERE x.epc = ${uri('chemicalLot')} AND e.record_time - e.event_time > interval '5 days'`.execute(db);
    expect(late.rows[0]?.n).toBe('1');
    // an expired product still sold
    const expired = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM events e JOIN event_epcs x ON x.event_pk = e.id
      JOIN codes c ON c.uri = x.epc WHERE x.epc = ${uri('expiredOil')} AND e.biz_step = 'retail_selling'
        AND c.expiry_date < (e.event_time AT TIME ZONE 'Asia/Shanghai')::date`.execute(db);
    expect(expired.rows[0]?.n).toBe('1');
    // an elevator overdue for maintenance, a cylinder filled past its inspection date
    const elevator = await sql<{ last: Date }>`SELECT max(e.event_time) AS last FROM events e
      JOIN event_epcs x ON x.event_pk = e.id WHERE x.epc = ${uri('overdueElevator')}
        AND e.biz_step = 'urn:suyuan:bizstep:maintenance'`.execute(db);
    expect(anchorOf(today).getTime() - new Date(elevator.rows[0]?.last as Date).getTime()).toBeGreaterThan(
      15 * 86_400_000,
    );
    const cylinder = await sql<{ due: string; fillings: string; late: string }>`SELECT
      max(e.doc->>'suyuan:nextInspectionDate') AS due,
      count(*) FILTER (WHERE e.biz_step = 'urn:suyuan:bizstep:filling') AS fillings,
      count(*) FILTER (WHERE e.biz_step = 'urn:suyuan:bizstep:filling'
        AND (e.event_time AT TIME ZONE 'Asia/Shanghai')::date > (
          SELECT (m.doc->>'suyuan:nextInspectionDate')::date FROM events m JOIN event_epcs mx ON mx.event_pk = m.id
          WHERE mx.epc = x.epc AND m.biz_step = 'commissioning' LIMIT 1)) AS late
      FROM events e JOIN event_epcs x ON x.event_pk = e.id WHERE x.epc = ${uri('overdueCylinder')}
      GROUP BY x.epc`.execute(db);
    expect(String(cylinder.rows[0]?.due) < today).toBe(true);
    expect(Number(cylinder.rows[0]?.fillings)).toBeGreaterThan(0);
    expect(cylinder.rows[0]?.late).toBe('0');
  });

  it('raises the capture warnings for the planted problems, and no spurious late reports', async () => {
    const { rows } = await sql<{ rule: string; n: string }>`SELECT rule, count(*) AS n FROM warnings
      WHERE enterprise = ANY(${creditCodes}::text[]) GROUP BY rule`.execute(ctx.database.db);
    const count = Object.fromEntries(rows.map((r) => [r.rule, Number(r.n)]));
    expect(count['late-report']).toBe(1);
    expect(count['expired-sold']).toBeGreaterThanOrEqual(1);
    expect(count['failed-inspection']).toBeGreaterThanOrEqual(1);
    expect(count['cylinder-inspection-overdue']).toBeGreaterThanOrEqual(1);
    expect(count.oversold, JSON.stringify(count)).toBeUndefined();
    expect(count['cold-chain-temperature'], JSON.stringify(count)).toBeUndefined();
    const settings = await sql`SELECT 1 FROM warning_rule_settings WHERE updated_by = 'seed:demo'`.execute(
      ctx.database.db,
    );
    expect(settings.rows).toEqual([]);
  });

  it('lets the scheduled warning scan find each planted problem once, and nothing else', async () => {
    await runScan(
      ctx.database,
      `seed-test-${seed}`,
      new AbortController().signal,
      new Date(Date.now() + 60_000),
    );
    const { rows } = await sql<{ rule: string; n: string }>`SELECT rule, count(*) AS n FROM warnings
      WHERE enterprise = ANY(${creditCodes}::text[]) GROUP BY rule`.execute(ctx.database.db);
    expect(Object.fromEntries(rows.map((r) => [r.rule, Number(r.n)]))).toEqual({
      'credential-expired': 1, // the pesticide dealer's licence
      'cylinder-inspection-overdue': 1,
      'elevator-maintenance-gap': 1,
      'expired-sold': 1,
      'failed-inspection': 1, // the vegetable batch
      'late-report': 1, // the hazardous-chemical sale
      'public-scans': 1, // the can scanned in four provinces
      'unmatched-receipt': 1, // the pork nobody shipped
    });
  });

  it('resolves the demo codes at /t/{code} (and GS1 keys at their Digital Link path)', async () => {
    for (const [key, h] of Object.entries(first.highlights)) {
      const url = h.code.startsWith('https://id.gs1.org/')
        ? h.code.slice('https://id.gs1.org'.length)
        : `/t/${h.code}`;
      const response = await ctx.app.inject({ method: 'GET', url, headers: { accept: 'application/json' } });
      expect(response.statusCode, `${key} ${url}`).toBe(200);
      const body = response.json() as { issuedHere: boolean; events: { count: number }; warnings: string[] };
      expect(body.issuedHere, key).toBe(true);
      expect(body.events.count, key).toBeGreaterThan(0);
      expect(body.warnings, key).not.toContain('never_activated');
    }
  });

  it('writes bulk volume with COPY: events, lineage and codes as capture would, resumable and once', async () => {
    const options = { seed, prefix: 'CN', anchor: anchorOf(today), today, lots: 30, chunk: 8 };
    const volume = await seedVolume(ctx.database, world, options);
    expect(volume).toMatchObject({ events: 300, lots: 30, written: true });
    expect(await seedVolume(ctx.database, world, options)).toMatchObject({ written: false });
    const db = ctx.database.db;
    const { rows } = await sql<{ events: string; lineage: string; codes: string }>`SELECT
      (SELECT count(*) FROM events WHERE captured_by = 'seed:volume' AND owner_enterprise = ANY(${creditCodes}::text[])) AS events,
      (SELECT count(*) FROM lineage_movements m JOIN events e ON e.id = m.event_pk
        WHERE e.captured_by = 'seed:volume' AND e.owner_enterprise = ANY(${creditCodes}::text[])) AS lineage,
      (SELECT count(*) FROM codes WHERE lot LIKE 'V%' AND owner = ANY(${creditCodes}::text[])) AS codes`.execute(
      db,
    );
    expect(rows[0]).toEqual({ events: '300', lineage: '240', codes: '30' }); // 8 movements a lot
    // the stored rows are what the capture path would have made of the same document
    const stored = await sql<{ doc: Record<string, unknown>; id: string }>`SELECT doc, id FROM events
      WHERE captured_by = 'seed:volume' AND biz_step = 'shipping' AND owner_enterprise = ANY(${creditCodes}::text[])
      LIMIT 1`.execute(db);
    const doc = stored.rows[0]?.doc as Record<string, unknown>;
    const again = normaliseEvent(doc, doc['@context'], '');
    expect(again.ok).toBe(true);
    const epcs = await sql`SELECT role, is_class AS "isClass", epc, quantity, uom FROM event_epcs
      WHERE event_pk = ${stored.rows[0]?.id}`.execute(db);
    if (again.ok) expect(epcs.rows).toEqual(again.event.epcs);
    const lot = (again.ok ? again.event.epcs[0]?.epc : '') as string;
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/t/${lot.replace('urn:suyuan:code:', '')}`,
      headers: { accept: 'application/json' },
    });
    expect(response.json()).toMatchObject({ issuedHere: true, events: { count: 10 } });
  });

  it('links the chains: a voucher traces back through the market batch to the farm', async () => {
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'demo.admin', password: demoPassword },
      remoteAddress: '10.8.0.1',
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    const h = first.highlights;
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/trace/${h.mangoVoucher?.code}?direction=back`,
      headers: { cookie, origin: 'http://localhost:80' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const objects = (response.json() as { objects: { uri: string }[] }).objects.map((o) => o.uri);
    expect(objects).toContain(`urn:suyuan:code:${h.mangoLot?.code}`);
    const drug = await ctx.app.inject({
      method: 'GET',
      url: `/api/trace/${encodeURIComponent(h.drugPack?.code as string)}?direction=both`,
      headers: { cookie, origin: 'http://localhost:80' },
    });
    expect(drug.statusCode, drug.body).toBe(200);
    const containers = (drug.json() as { objects: { uri: string }[] }).objects.map((o) => o.uri);
    expect(containers).toContain(`urn:suyuan:code:${h.drugPallet?.code}`);
  });

  it('lets every demo account log in with the documented password', async () => {
    for (const account of demoAccounts) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: account.username, password: demoPassword },
        remoteAddress: `10.9.${demoAccounts.indexOf(account)}.${Math.floor(Math.random() * 250)}`,
      });
      expect(response.statusCode, account.username).toBe(200);
      expect(response.json()).toMatchObject({ role: account.role });
    }
  });
});

describe('the first start of an empty database', () => {
  it('seeds the small demo once on PGlite, never with SUYUAN_DEMO=0, never on PostgreSQL unless 1', async () => {
    const database = await openTestDatabase('pglite');
    const off = await buildApp(testConfig({ SUYUAN_DEMO: '0' }), { database, worker: false });
    const on = await buildApp(testConfig(), { database, worker: false });
    try {
      expect(await isEmptyDatabase(database.db)).toBe(true);
      expect(await seedOnFirstStart(off)).toBe(false);
      const fakePostgres = { ...database, kind: 'postgres' as const };
      on.database = fakePostgres; // the auto mode looks at the kind of database only
      expect(await seedOnFirstStart(on)).toBe(false);
      on.database = database;
      const started = performance.now();
      expect(await seedOnFirstStart(on)).toBe(true);
      console.log(`first-start demo seed on PGlite: ${((performance.now() - started) / 1000).toFixed(1)} s`);
      expect(await isEmptyDatabase(database.db)).toBe(false);
      expect(await seedOnFirstStart(on)).toBe(false);
    } finally {
      await off.close();
      await on.close();
      await database.close();
    }
  });
});

describe('SUYUAN_DEMO', () => {
  it('defaults to auto and accepts 0 and 1 only', () => {
    expect(testConfig().SUYUAN_DEMO).toBe('auto');
    expect(testConfig({ SUYUAN_DEMO: '0' }).SUYUAN_DEMO).toBe('0');
    expect(() => testConfig({ SUYUAN_DEMO: 'yes' })).toThrow(/SUYUAN_DEMO/);
  });
});
