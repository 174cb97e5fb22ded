import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { creditCode, fileEnterprise } from '../parties/test-factories.js';
import { recordToEvent } from './engine.js';
import { exampleChain, exampleFields, exampleNow, freshCode } from './fixtures.js';
import { builtinTemplates } from './loader.js';
import type { RecordInput, Template } from './model.js';

type Json = Record<string, unknown>;
const template = (id: string) => builtinTemplates().find((t) => t.id === id) as Template;
const fields = (t: string, cte: string, overrides: Json = {}) => ({
  template: t,
  cte,
  fields: { ...exampleFields(template(t).ctes.find((c) => c.id === cte) as never), ...overrides },
});

describe.each(backends())('hard rules at capture [%s]', (backend) => {
  const ctx = useApp(backend);
  const enterprise = async () => {
    const code = creditCode();
    return { code, auth: await ctx.key(['capture', 'query'], code) };
  };
  const post = (auth: Json, records: unknown[]) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/records',
      headers: auth as never,
      payload: { records } as never,
    });
  const messages = (response: { json(): unknown }) =>
    ((response.json() as { errors?: { message: string }[] }).errors ?? []).map((e) => e.message).join(' | ');
  const epcisEvent = (auth: Json, event: Json) =>
    ctx.app.inject({
      method: 'POST',
      url: '/epcis/events',
      headers: { ...(auth as Record<string, string>), 'content-type': 'application/ld+json' },
      payload: event,
    });

  describe('gas cylinders', () => {
    async function cylinder(manufacture: Json = {}) {
      const station = await enterprise();
      const maker = await enterprise();
      const code = freshCode('CN46AWQ362584FSK');
      const made = await post(maker.auth, [
        fields('gas-cylinders', 'manufacture', { cylinderCode: code, ...manufacture }),
      ]);
      expect(made.statusCode, made.body).toBe(201);
      return { station, code };
    }
    const register = (auth: Json, code: string, unit: string) =>
      post(auth, [fields('gas-cylinders', 'registration', { cylinderCode: code, fillingUnit: unit })]);
    const fill = (auth: Json, code: string, at = '2026-11-20T10:12:00+08:00') =>
      post(auth, [
        fields('gas-cylinders', 'filling', { cylinderCode: code, filledAt: at, fillingUnit: null }),
      ]);

    it('fills a registered, inspected cylinder at its own filling unit', async () => {
      const { station, code } = await cylinder();
      expect((await register(station.auth, code, station.code)).statusCode).toBe(201);
      const filled = await fill(station.auth, code);
      expect(filled.statusCode, filled.body).toBe(201);
    });

    it('accepts a filling unit registered by its GLN or by one of its locations', async () => {
      const gln = (twelve: string) => {
        const sum = [...twelve].reduce((t, d, i) => t + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
        return `${twelve}${(10 - (sum % 10)) % 10}`;
      };
      const filed = await fileEnterprise(ctx);
      const station = { code: filed.code, auth: filed.auth };
      const own = gln(`69${String(Date.now()).slice(-10)}`);
      await sql`UPDATE enterprises SET gln = ${own} WHERE credit_code = ${station.code}`.execute(
        ctx.database.db,
      );
      const maker = await enterprise();
      const made = (code: string) =>
        post(maker.auth, [fields('gas-cylinders', 'manufacture', { cylinderCode: code })]);
      // registered by the GLN (417 party form)
      const byGln = freshCode('CN46AWQ362584FSK');
      expect((await made(byGln)).statusCode).toBe(201);
      expect((await register(station.auth, byGln, own)).statusCode).toBe(201);
      const filled = await fill(station.auth, byGln);
      expect(filled.statusCode, filled.body).toBe(201);
      // registered by a location of the station (its identifier)
      const byLocation = freshCode('CN46AWQ362584FSK');
      expect((await made(byLocation)).statusCode).toBe(201);
      const seq = 900 + (Date.now() % 1000);
      const place = `urn:suyuan:loc:${station.code}:${seq}`;
      await sql`INSERT INTO locations (enterprise, seq, identifier, name, kind)
        VALUES (${station.code}, ${seq}, ${place}, '充装站', 'site')`.execute(ctx.database.db);
      expect((await register(station.auth, byLocation, place)).statusCode).toBe(201);
      const again = await fill(station.auth, byLocation);
      expect(again.statusCode, again.body).toBe(201);
      // a GLN of nobody still does not stand for the station
      const elsewhere = freshCode('CN46AWQ362584FSK');
      expect((await made(elsewhere)).statusCode).toBe(201);
      expect((await register(station.auth, elsewhere, gln('690000000001'))).statusCode).toBe(201);
      const refused = await fill(station.auth, elsewhere);
      expect(refused.statusCode).toBe(400);
      expect(messages(refused)).toContain(`not to ${station.code}`);
    });

    it('refuses a cylinder registered to another unit, or to none', async () => {
      const { station, code } = await cylinder();
      const other = await enterprise();
      expect((await fill(station.auth, code)).statusCode).toBe(400);
      expect(messages(await fill(station.auth, code))).toContain('not registered to a filling unit');
      await register(station.auth, code, station.code);
      const foreign = await fill(other.auth, code);
      expect(foreign.statusCode).toBe(400);
      expect(messages(foreign)).toContain(`registered to filling unit ${station.code}, not to ${other.code}`);
    });

    it('refuses a cylinder whose inspection is overdue, until it is inspected', async () => {
      const { station, code } = await cylinder({
        manufacturedOn: '2022-10-01',
        nextInspectionDate: '2026-10-01',
      });
      await register(station.auth, code, station.code);
      const overdue = await fill(station.auth, code);
      expect(overdue.statusCode).toBe(400);
      expect(messages(overdue)).toContain('was due on 2026-10-01');
      const inspected = await post(station.auth, [
        fields('gas-cylinders', 'inspection', {
          cylinderCode: code,
          inspectedOn: '2026-11-02',
          nextInspectionDate: '2030-11-01',
        }),
      ]);
      expect(inspected.statusCode, inspected.body).toBe(201);
      expect((await fill(station.auth, code)).statusCode).toBe(201);
    });

    it('refuses a scrapped cylinder, and its code is never commissioned again', async () => {
      const { station, code } = await cylinder();
      await register(station.auth, code, station.code);
      expect(
        (await post(station.auth, [fields('gas-cylinders', 'scrapping', { cylinderCode: code })])).statusCode,
      ).toBe(201);
      const after = await fill(station.auth, code, '2026-11-23T09:00:00+08:00');
      expect(after.statusCode).toBe(400);
      expect(messages(after)).toContain('scrapped');
      const reused = await post(station.auth, [
        fields('gas-cylinders', 'manufacture', { cylinderCode: code }),
      ]);
      expect(messages(reused)).toContain('already commissioned');
    });
  });

  describe('drug codes', () => {
    it('refuses a drug code commissioned twice, on records and on EPCIS capture', async () => {
      const a = await enterprise();
      const b = await enterprise();
      const [x, y, z] = [
        freshCode('81234560000000000011'),
        freshCode('81234560000000000011'),
        freshCode('81234560000000000011'),
      ];
      expect((await post(a.auth, [fields('drugs', 'production', { unitCodes: [x, y] })])).statusCode).toBe(
        201,
      );
      const twice = await post(b.auth, [fields('drugs', 'production', { unitCodes: [y, z] })]);
      expect(twice.statusCode).toBe(400);
      expect(messages(twice)).toContain(`urn:suyuan:drug:${y} was already commissioned`);
      const sameRecord = await post(b.auth, [fields('drugs', 'production', { unitCodes: [z, z] })]);
      expect(messages(sameRecord)).toContain(`${z} is listed twice`);
      expect((await post(b.auth, [fields('drugs', 'production', { unitCodes: [z] })])).statusCode).toBe(201);
      // a plain EPCIS event, without any template marker: drug codes are never commissioned twice
      const plain = await epcisEvent(b.auth, {
        type: 'ObjectEvent',
        eventTime: '2026-11-20T08:00:00+08:00',
        eventTimeZoneOffset: '+08:00',
        epcList: [`urn:suyuan:drug:${x}`],
        action: 'ADD',
        bizStep: 'commissioning',
      });
      expect(plain.statusCode).toBe(400);
      expect(messages(plain)).toContain('already commissioned');
    });
  });

  describe('hazardous goods', () => {
    async function produced() {
      const seller = await enterprise();
      const codes = [freshCode('CN46S81718KT7WH8F98')];
      expect((await post(seller.auth, [fields('hazardous-goods', 'production', { codes })])).statusCode).toBe(
        201,
      );
      const event = recordToEvent(
        template('hazardous-goods'),
        'sale',
        { ...exampleFields(template('hazardous-goods').ctes[1] as never), codes },
        { enterprise: seller.code, now: exampleNow },
      );
      if (!event.ok) throw new Error('example sale');
      return { seller, event: event.event };
    }

    it("refuses a sale without the buyer's licence, also as plain EPCIS without a template marker", async () => {
      const { seller, event } = await produced();
      const { 'suyuan:template': _t, 'suyuan:cte': _c, bizTransactionList: _b, ...plain } = event;
      const refused = await epcisEvent(seller.auth, plain);
      expect(refused.statusCode).toBe(400);
      expect(messages(refused)).toContain('buyerLicence');
      const viaRecords = await post(seller.auth, [
        fields('hazardous-goods', 'sale', {
          codes: (event.epcList as string[]).map((c) => c.replace('urn:suyuan:code:', '')),
          buyerLicence: null,
        }),
      ]);
      expect(messages(viaRecords)).toContain('buyerLicence');
    });

    it('stores a licensed sale of goods the seller produced', async () => {
      const { seller, event } = await produced();
      const accepted = await epcisEvent(seller.auth, event);
      expect(accepted.statusCode, accepted.body).toBe(201);
    });
  });

  describe('sales of codes the seller never had', () => {
    it('refuses a wholesale trade of a batch that never entered the market, and stores it after entry', async () => {
      const market = await enterprise();
      const [entry, trade] = exampleChain(template('meat-vegetables'), ['meat-entry', 'trade']) as [
        RecordInput,
        RecordInput,
      ];
      const refused = await post(market.auth, [trade]);
      expect(refused.statusCode).toBe(400);
      expect(messages(refused)).toContain('the seller never received nor produced');
      expect((await post(market.auth, [entry])).statusCode).toBe(201);
      expect((await post(market.auth, [trade])).statusCode).toBe(201);
      // someone else cannot sell the same batch
      const other = await enterprise();
      expect((await post(other.auth, [trade])).statusCode).toBe(400);
      // the stall trader the market recorded the entry for may record its own trades
      const trader = String(entry.fields.trader);
      const traderKey = await ctx.key(['capture', 'query'], trader);
      const own = await post(traderKey, [
        { ...trade, fields: { ...trade.fields, voucherCode: freshCode('CN46BN4KPKYMBYYM') } },
      ]);
      expect(own.statusCode, own.body).toBe(201);
    });

    it('stores the rest under mode=proceed when a rule refuses one record', async () => {
      const market = await enterprise();
      const [entry, trade] = exampleChain(template('meat-vegetables'), ['vegetable-entry', 'trade']) as [
        RecordInput,
        RecordInput,
      ];
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/records?mode=proceed',
        headers: market.auth as never,
        payload: { records: [entry, trade] },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ stored: 1, errors: [{ pointer: '/records/1' }] });
      expect(messages(response)).toContain('never received nor produced');
    });

    it('lets a pharmacy dispense a unit it received inside a pallet, and no one else', async () => {
      const maker = await enterprise();
      const pharmacy = await enterprise();
      const chain = exampleChain(template('drugs'));
      const byCte = Object.fromEntries(chain.map((r) => [r.cte, r]));
      const made = await post(maker.auth, [
        byCte.production,
        byCte.packing,
        byCte.palletising,
        byCte.shipping,
      ]);
      expect(made.statusCode, made.body).toBe(201);
      expect((await post(pharmacy.auth, [byCte.receiving])).statusCode).toBe(201);
      const dispensed = await post(pharmacy.auth, [byCte.dispensing]);
      expect(dispensed.statusCode, dispensed.body).toBe(201);
      const stranger = await enterprise();
      const refused = await post(stranger.auth, [byCte.dispensing]);
      expect(refused.statusCode).toBe(400);
      expect(messages(refused)).toContain('never received nor produced');
    });
  });

  describe('EPCIS events bound to a template', () => {
    it('checks an event that names its template, and records the version it was checked against', async () => {
      const { code, auth } = await enterprise();
      const converted = recordToEvent(
        template('meat-vegetables'),
        'vegetable-entry',
        exampleChain(template('meat-vegetables'), ['vegetable-entry'])[0]?.fields as never,
        { enterprise: code, now: exampleNow },
      );
      if (!converted.ok) throw new Error('example');
      const { bizTransactionList: _b, ...withoutCertificate } = converted.event;
      const refused = await epcisEvent(auth, { ...withoutCertificate, eventID: undefined });
      expect(refused.statusCode).toBe(400);
      expect(messages(refused)).toContain('originCertificate');
      const mislabelled = await epcisEvent(auth, {
        ...converted.event,
        eventID: undefined,
        bizStep: 'shipping',
      });
      expect(messages(mislabelled)).toContain(
        'is an ObjectEvent with bizStep urn:suyuan:bizstep:market_entry, not an ObjectEvent with bizStep shipping',
      );
      const accepted = await epcisEvent(auth, { ...converted.event, 'suyuan:template': 'meat-vegetables' });
      expect(accepted.statusCode, accepted.body).toBe(201);
      const row = await ctx.database.db
        .selectFrom('events')
        .select(['template', 'template_cte'])
        .where('event_id', '=', accepted.json().eventID)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ template: 'meat-vegetables@1', template_cte: 'vegetable-entry' });
    });

    it('refuses an unknown template on asynchronous capture too', async () => {
      const { auth } = await enterprise();
      const document = {
        '@context': [
          'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
          { suyuan: 'https://suyuan.dev/ns/' },
        ],
        type: 'EPCISDocument',
        schemaVersion: '2.0',
        creationDate: '2026-11-20T08:00:00Z',
        epcisBody: {
          eventList: [
            {
              type: 'ObjectEvent',
              eventTime: '2026-11-20T08:00:00+08:00',
              eventTimeZoneOffset: '+08:00',
              epcList: ['urn:suyuan:code:CN46BGP1XF3A7QYR'],
              action: 'OBSERVE',
              'suyuan:template': 'no-such-template',
            },
          ],
        },
      };
      const submitted = await ctx.app.inject({
        method: 'POST',
        url: '/epcis/capture',
        headers: { ...(auth as Record<string, string>), 'content-type': 'application/ld+json' },
        payload: document,
      });
      expect(submitted.statusCode).toBe(202);
      await ctx.app.captureWorker.drain();
      const job = await ctx.app.inject({ url: String(submitted.headers.location), headers: auth as never });
      expect(job.json()).toMatchObject({
        success: false,
        storedCount: 0,
        errors: [
          { pointer: '/epcisBody/eventList/0/suyuan:template', message: 'unknown template no-such-template' },
        ],
      });
    });
  });
});
