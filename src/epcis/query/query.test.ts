import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../../test/app.js';
import { backends } from '../../../test/database.js';
import {
  aggregationEvent,
  epcisDocument,
  gln,
  gtin,
  objectEvent,
  sgln,
  sgtin,
} from '../../../test/factories.js';

type Json = Record<string, unknown>;

describe.each(backends())('EPCIS query [%s]', (backend) => {
  const ctx = useApp(backend, { SUYUAN_GCP_LENGTHS: '6901234=7' });
  // Every event of this file is read at its own place, and every query is scoped to it.
  const place = sgln(Math.floor(Math.random() * 90000) + 1000);
  const scope = `EQ_readPoint=${encodeURIComponent(place)}`;
  const lot = `https://id.gs1.org/01/${gtin(5)}/10/LOT${Date.now() % 100000}`;
  const parent = `urn:epc:id:sscc:6901234.0${String(Date.now() % 1e9).padStart(9, '0')}`;
  const serials = [sgtin('Q1'), sgtin('Q2'), sgtin('Q3', 2)];
  const events: Json[] = [];

  beforeAll(async () => {
    events.push(
      objectEvent({
        readPoint: { id: place },
        action: 'ADD',
        bizStep: 'commissioning',
        disposition: 'active',
        epcList: [serials[0]],
        ilmd: { 'ex:origin': '460100', 'ex:weight': 12.5 },
      }),
      objectEvent({
        readPoint: { id: place },
        bizStep: 'urn:epcglobal:cbv:bizstep:shipping',
        epcList: [serials[1]],
        bizTransactionList: [{ type: 'po', bizTransaction: 'urn:epcglobal:cbv:bt:0614141000005:PO-1' }],
        sourceList: [{ type: 'owning_party', source: `https://id.gs1.org/417/${gln(1)}` }],
        destinationList: [{ type: 'owning_party', destination: `https://id.gs1.org/417/${gln(2)}` }],
        'ex:temperature': 4,
      }),
      objectEvent({
        readPoint: { id: place },
        bizStep: 'https://ref.gs1.org/cbv/BizStep-receiving',
        disposition: 'in_progress',
        epcList: [serials[2]],
        bizLocation: { id: sgln(3) },
      }),
      objectEvent({
        readPoint: { id: place },
        bizStep: 'inspecting',
        epcList: undefined,
        quantityList: [{ epcClass: lot, quantity: 200, uom: 'KGM' }],
      }),
      aggregationEvent(parent, [serials[0] as string, serials[1] as string], { readPoint: { id: place } }),
    );
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/epcis/capture',
      headers: { ...ctx.auth, 'content-type': 'application/json' },
      payload: epcisDocument(events, [{ ex: 'https://example.org/ns/' }]),
    });
    expect(response.statusCode).toBe(202);
    await ctx.app.captureWorker.drain();
  });

  async function query(params: string, headers: Record<string, string> = {}) {
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/epcis/events?${scope}&${params}`,
      headers: { ...ctx.auth, ...headers },
    });
    return response;
  }

  async function steps(params: string): Promise<string[]> {
    const response = await query(params);
    expect(response.statusCode, response.body).toBe(200);
    const list = response.json().epcisBody.queryResults.resultsBody.eventList as Json[];
    return list.map((e) => `${e.type}:${e.bizStep}`);
  }

  it('returns the events of a place in capture order as an EPCISQueryDocument', async () => {
    const response = await query('');
    expect(response.headers['content-type']).toMatch(/application\/ld\+json/);
    const body = response.json();
    expect(body.type).toBe('EPCISQueryDocument');
    expect(body.epcisBody.queryResults.resultsBody.eventList).toHaveLength(5);
  });

  it.each([
    ['eventType=AggregationEvent', ['AggregationEvent:packing']],
    [
      'eventType=AggregationEvent|ObjectEvent&EQ_bizStep=packing|inspecting',
      ['ObjectEvent:inspecting', 'AggregationEvent:packing'],
    ],
    ['EQ_action=ADD', ['ObjectEvent:commissioning', 'AggregationEvent:packing']],
    ['EQ_bizStep=urn:epcglobal:cbv:bizstep:receiving', ['ObjectEvent:receiving']],
    ['EQ_disposition=active', ['ObjectEvent:commissioning']],
    [`EQ_bizLocation=${encodeURIComponent(sgln(3))}`, ['ObjectEvent:receiving']],
    [
      `MATCH_epc=${encodeURIComponent(serials[0] as string)}`,
      ['ObjectEvent:commissioning', 'AggregationEvent:packing'],
    ],
    [
      `MATCH_epc=${encodeURIComponent(`urn:epc:id:sgtin:6901234.0${gtin(1).slice(8, 13)}.Q2`)}`,
      ['ObjectEvent:shipping', 'AggregationEvent:packing'],
    ],
    [
      `MATCH_epc=${encodeURIComponent(`urn:epc:idpat:sgtin:6901234.0${gtin(1).slice(8, 13)}.*`)}`,
      ['ObjectEvent:commissioning', 'ObjectEvent:shipping', 'AggregationEvent:packing'],
    ],
    [`MATCH_parentID=${encodeURIComponent(parent)}`, ['AggregationEvent:packing']],
    [`MATCH_anyEPC=${encodeURIComponent(parent)}`, ['AggregationEvent:packing']],
    [`MATCH_epcClass=${encodeURIComponent(lot)}`, ['ObjectEvent:inspecting']],
    [`MATCH_anyEPCClass=${encodeURIComponent(lot)}`, ['ObjectEvent:inspecting']],
    ['EQ_bizTransaction_po=urn:epcglobal:cbv:bt:0614141000005:PO-1', ['ObjectEvent:shipping']],
    [
      `EQ_source_owning_party=${encodeURIComponent(`https://id.gs1.org/417/${gln(1)}`)}`,
      ['ObjectEvent:shipping'],
    ],
    [
      `EQ_destination_owning_party=${encodeURIComponent(`https://id.gs1.org/417/${gln(2)}`)}`,
      ['ObjectEvent:shipping'],
    ],
    ['EQ_ILMD_ex:origin=460100', ['ObjectEvent:commissioning']],
    ['GE_ILMD_ex:weight=12', ['ObjectEvent:commissioning']],
    ['EQ_ex:temperature=4', ['ObjectEvent:shipping']],
    ['EXISTS_ex:temperature', ['ObjectEvent:shipping']],
    ['EXISTS_errorDeclaration', []],
    [
      'eventType=ObjectEvent&orderBy=eventTime&orderDirection=DESC&eventCountLimit=2',
      ['ObjectEvent:inspecting', 'ObjectEvent:receiving'],
    ],
  ])('selects by %s', async (params, expected) => {
    expect(await steps(params)).toEqual(expected);
  });

  it('selects by event time and record time windows', async () => {
    const t = new Date(String(events[2]?.eventTime));
    const after = encodeURIComponent(t.toISOString());
    expect(
      await steps(
        `GE_eventTime=${after}&LT_eventTime=${encodeURIComponent(new Date(t.getTime() + 1).toISOString())}`,
      ),
    ).toEqual(['ObjectEvent:receiving']);
    expect(
      await steps(`GE_recordTime=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`),
    ).toEqual([]);
    expect(await steps('GE_eventTime=2000-01-01T00:00:00+08:00')).toHaveLength(5); // '+' arrives as a space
  });

  it('selects an event by its eventID', async () => {
    const all = (await query('')).json().epcisBody.queryResults.resultsBody.eventList as Json[];
    const id = String(all[1]?.eventID);
    expect(await steps(`EQ_eventID=${encodeURIComponent(id)}`)).toEqual(['ObjectEvent:shipping']);
  });

  it('pages with perPage, nextPageToken and a Link header, without gaps or repeats', async () => {
    const seen: string[] = [];
    let url: string | undefined = `/epcis/events?${scope}&perPage=2`;
    let pages = 0;
    while (url) {
      const response = await ctx.app.inject({ method: 'GET', url, headers: ctx.auth });
      expect(response.statusCode).toBe(200);
      seen.push(
        ...(response.json().epcisBody.queryResults.resultsBody.eventList as Json[]).map((e) =>
          String(e.eventID),
        ),
      );
      const link = response.headers.link as string | undefined;
      url = link ? /^<([^>]+)>; rel="next"$/.exec(link)?.[1] : undefined;
      pages++;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
  });

  it('refuses a nextPageToken of another query', async () => {
    const first = await query('perPage=1');
    const token = /nextPageToken=([^&>]+)/.exec(first.headers.link as string)?.[1];
    const response = await query(`perPage=1&EQ_bizStep=shipping&nextPageToken=${token}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].pointer).toBe('nextPageToken');
  });

  it('returns canonical Digital Links and bare CBV terms by default, EPC URNs on request', async () => {
    const dl = (await query('EQ_bizStep=shipping')).json().epcisBody.queryResults.resultsBody.eventList[0];
    expect(dl.bizStep).toBe('shipping');
    expect(dl.epcList).toEqual([serials[1]]);
    const urn = (await query('EQ_bizStep=shipping', { 'GS1-EPC-Format': 'Always_EPC_URN' })).json().epcisBody
      .queryResults.resultsBody.eventList[0];
    expect(urn.epcList).toEqual([`urn:epc:id:sgtin:6901234.0${gtin(1).slice(8, 13)}.Q2`]);
    expect(urn.readPoint.id).toMatch(/^urn:epc:id:sgln:6901234\./);
  });

  it.each([
    ['an unknown parameter', 'EQ_colour=red', 'EQ_colour'],
    ['a malformed time', 'GE_eventTime=yesterday', 'GE_eventTime'],
    ['a wrong type for perPage', 'perPage=many', 'perPage'],
    ['an unknown event type', 'eventType=MagicEvent', 'eventType'],
    ['an unparseable EPC pattern', 'MATCH_epc=urn:epc:idpat:sgtin:bad', 'MATCH_epc'],
    ['a wrong action', 'EQ_action=SHOUT', 'EQ_action'],
  ])('answers %s with 400 naming the parameter', async (_name, params, parameter) => {
    const response = await query(params);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().errors.map((e: Json) => e.pointer)).toContain(parameter);
  });

  it('treats SQL in filter values as data', async () => {
    const response = await query(
      `EQ_bizStep=${encodeURIComponent("shipping' OR '1'='1")}&EQ_ILMD_ex:origin=${encodeURIComponent("x'; DROP TABLE events; --")}`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.json().epcisBody.queryResults.resultsBody.eventList).toEqual([]);
    expect((await query('')).json().epcisBody.queryResults.resultsBody.eventList).toHaveLength(5);
  });

  it('answers maxEventCount exceeded with 413', async () => {
    const response = await query('maxEventCount=2');
    expect(response.statusCode).toBe(413);
  });

  it('requires the query scope', async () => {
    const captureOnly = await ctx.key(['capture']);
    const response = await ctx.app.inject({ method: 'GET', url: '/epcis/events', headers: captureOnly });
    expect(response.statusCode).toBe(403);
  });
});
