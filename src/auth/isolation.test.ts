import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { epcisDocument, gtin, objectEvent, sgln, sgtin } from '../../test/factories.js';
import { registerProduct } from '../../test/parties.js';
import { issueCodes } from '../codes/service.js';
import { asPrincipal } from '../db/scoped.js';

// Two enterprises registered in Haikou (4601…) and one in Sanya (4602…): positions 3–8 of a credit
// code are the registering authority's region.
const a = '91460100MA5TAAAA1X';
const b = '91460100MA5TBBBB2Y';
const sanya = '91460200MA5TCCCC3Z';

describe.each(backends())('isolation between enterprises, enforced by the database [%s]', (backend) => {
  const ctx = useApp(backend);
  const keys = {} as Record<'a' | 'b' | 'sanya', { authorization: string }>;
  const secret = sgtin(`SECRET${Date.now()}`, 21);
  const place = sgln(4242);
  let eventId = '';
  let captureLocation = '';

  beforeAll(async () => {
    keys.a = await ctx.key(['capture', 'query'], a);
    keys.b = await ctx.key(['capture', 'query'], b);
    keys.sanya = await ctx.key(['capture', 'query'], sanya);
    const event = objectEvent({
      eventID: `urn:uuid:${crypto.randomUUID()}`,
      epcList: [secret],
      readPoint: { id: place },
      bizLocation: { id: place },
      bizTransactionList: [{ type: 'po', bizTransaction: 'urn:example:po:SECRET-PO' }],
      ilmd: undefined,
      'ex:price': 12.5,
    });
    eventId = event.eventID as string;
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/epcis/capture',
      headers: keys.a,
      payload: epcisDocument([event], [{ ex: 'https://example.org/ns/' }]),
    });
    captureLocation = response.headers.location as string;
    await ctx.app.captureWorker.drain();
  });

  const events = async (auth: { authorization: string }, url: string) => {
    const response = await ctx.app.inject({ url, headers: auth });
    expect(response.statusCode, url).toBe(200);
    return response.json().epcisBody.queryResults.resultsBody.eventList as unknown[];
  };

  it('lets the owner read its event', async () => {
    expect(await events(keys.a, `/epcis/events?EQ_eventID=${encodeURIComponent(eventId)}`)).toHaveLength(1);
  });

  it.each([
    ['no filter', ''],
    ['EQ_eventID', `EQ_eventID=${encodeURIComponent('EVENT')}`],
    ['MATCH_epc', `MATCH_epc=${encodeURIComponent('SECRET')}`],
    ['MATCH_anyEPC', `MATCH_anyEPC=${encodeURIComponent('SECRET')}`],
    ['EQ_readPoint', `EQ_readPoint=${encodeURIComponent('PLACE')}`],
    ['WD_bizLocation', `WD_bizLocation=${encodeURIComponent('PLACE')}`],
    ['EQ_bizTransaction_po', 'EQ_bizTransaction_po=urn:example:po:SECRET-PO'],
    ['EQ_ex:price', 'EQ_ex:price=12.5'],
    ['eventType', 'eventType=ObjectEvent&perPage=1000'],
  ])('hides it from another enterprise queried by %s', async (_name, params) => {
    const url = `/epcis/events?${params.replace('EVENT', eventId).replace('SECRET', secret).replace('PLACE', place)}`;
    const seen = (await events(keys.b, url)) as { eventID: string }[];
    expect(seen.map((e) => e.eventID)).not.toContain(eventId);
  });

  it('hides it through every browsing resource and the event resource', async () => {
    const get = (url: string) => ctx.app.inject({ url, headers: keys.b });
    expect((await get(`/epcis/events/${encodeURIComponent(eventId)}`)).statusCode).toBe(404);
    expect(JSON.stringify((await get('/epcis/epcs?perPage=1000')).json())).not.toContain(secret);
    expect(JSON.stringify((await get('/epcis/readPoints')).json())).not.toContain(place);
    expect(JSON.stringify((await get('/epcis/bizLocations')).json())).not.toContain(place);
    expect(await events(keys.b, `/epcis/epcs/${encodeURIComponent(secret)}/events`)).toEqual([]);
    expect(await events(keys.b, `/epcis/readPoints/${encodeURIComponent(place)}/events`)).toEqual([]);
  });

  it('hides the capture job and its guessed id', async () => {
    expect((await ctx.app.inject({ url: captureLocation, headers: keys.b })).statusCode).toBe(404);
  });

  it('shows it to a partner once the partner handles the same code', async () => {
    const partner = await ctx.key(['capture', 'query'], '91460100MA5TDDDD4W');
    await ctx.app.inject({
      method: 'POST',
      url: '/epcis/capture',
      headers: partner,
      payload: epcisDocument([objectEvent({ bizStep: 'receiving', epcList: [secret] })]),
    });
    await ctx.app.captureWorker.drain();
    const seen = (await events(partner, `/epcis/events?MATCH_epc=${encodeURIComponent(secret)}`)) as Record<
      string,
      unknown
    >[];
    const theirs = seen.find((e) => e.eventID === eventId);
    expect(theirs).toMatchObject({ epcList: [secret], bizStep: 'shipping' });
    expect(theirs).not.toHaveProperty('ex:price'); // the owner's extensions are not a partner's business
    const own = (await events(keys.a, `/epcis/events?EQ_eventID=${encodeURIComponent(eventId)}`))[0];
    expect(own).toHaveProperty('ex:price', 12.5);
  });

  it('shows it to a regulator of its region and not to one of another region', async () => {
    const haikou = await ctx.login({ role: 'regulator', department: 'market', regionScope: '4601' });
    const sanyaRegulator = await ctx.login({ role: 'regulator', department: 'market', regionScope: '4602' });
    const url = `/epcis/events?EQ_eventID=${encodeURIComponent(eventId)}`;
    const read = async (cookie: string) =>
      (await ctx.app.inject({ url, headers: { cookie } })).json().epcisBody.queryResults.resultsBody
        .eventList;
    expect(await read(haikou.cookie)).toHaveLength(1);
    expect(await read(sanyaRegulator.cookie)).toHaveLength(0);
    const audit = await ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'GET /epcis/events')
      .execute();
    expect(audit.length).toBeGreaterThan(0); // regulator reads are audited
  });

  it('limits a regulator to its industries once the enterprise is filed', async () => {
    await registerProduct(ctx.database, a, gtin(91)); // files enterprise a in food
    const url = `/epcis/events?EQ_eventID=${encodeURIComponent(eventId)}`;
    const read = async (industries: string[]) => {
      const regulator = await ctx.login({
        role: 'regulator',
        department: 'market',
        regionScope: '4601',
        industries,
      });
      return (await ctx.app.inject({ url, headers: { cookie: regulator.cookie } })).json().epcisBody
        .queryResults.resultsBody.eventList;
    };
    expect(await read(['food'])).toHaveLength(1);
    expect(await read(['drug'])).toHaveLength(0);
  });

  it('binds the policies even to a query without any WHERE (the role is not the table owner)', async () => {
    const principal = {
      id: 'apikey:probe',
      kind: 'apikey' as const,
      scopes: new Set(['query' as const]),
      enterprise: b,
    };
    const rows = await asPrincipal(ctx.database, principal, async (trx) => {
      const { rows } = await sql<{
        event_id: string;
        who: string;
      }>`SELECT event_id, current_user AS who FROM events`.execute(trx);
      return rows;
    });
    expect(rows.map((r) => r.event_id)).not.toContain(eventId);
    const epcs = await asPrincipal(ctx.database, principal, async (trx) => {
      const { rows } = await sql<{ epc: string }>`SELECT epc FROM event_epcs WHERE epc = ${secret}`.execute(
        trx,
      );
      return rows;
    });
    expect(epcs).toEqual([]);
    const who = await asPrincipal(
      ctx.database,
      principal,
      async (trx) => (await sql<{ who: string }>`SELECT current_user AS who`.execute(trx)).rows[0]?.who,
    );
    expect(who).toBe('suyuan_app');
    const issued = await issueCodes(ctx.database.db, a, { scheme: 'suyuan', kind: 'item', count: 1 }, 'HN');
    const write = await asPrincipal(ctx.database, principal, (trx) =>
      sql`UPDATE codes SET owner = ${b} WHERE value = ${issued.codes[0]}`.execute(trx),
    );
    expect(write.numAffectedRows).toBe(0n); // another enterprise's code is invisible, so untouched
    const stolen = asPrincipal(ctx.database, principal, (trx) =>
      sql`INSERT INTO codes (value, uri, scheme, kind, owner, batch_id) VALUES ('X', 'x', 'suyuan', 'item', ${a}, 'b')`.execute(
        trx,
      ),
    );
    await expect(stolen).rejects.toThrow(/row-level security/);
    const sessions = await asPrincipal(
      ctx.database,
      principal,
      async (trx) => (await sql`SELECT * FROM sessions`.execute(trx)).rows,
    );
    expect(sessions).toEqual([]);
  });

  it('treats SQL in every kind of filter value as data', async () => {
    const evil = encodeURIComponent("x' OR '1'='1");
    for (const param of [
      'EQ_bizStep',
      'EQ_readPoint',
      'MATCH_epc',
      'EQ_eventID',
      'EQ_bizTransaction_po',
      'EQ_ILMD_ex:x',
      'EQ_ex:price',
    ]) {
      const response = await ctx.app.inject({ url: `/epcis/events?${param}=${evil}`, headers: keys.b });
      expect([200, 400]).toContain(response.statusCode);
      if (response.statusCode === 200) {
        expect(JSON.stringify(response.json())).not.toContain(eventId);
      }
    }
  });
});
