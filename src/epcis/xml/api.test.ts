import { describe, expect, it } from 'vitest';
import { useApp } from '../../../test/app.js';
import { backends, unique } from '../../../test/database.js';
import { xmlToDocument } from './index.js';

type Json = Record<string, unknown>;

/** A GLN-based SGLN URN that no other test uses (location reference from the random suffix). */
const place = (): string =>
  `urn:epc:id:sgln:0614141.${String(Number.parseInt(unique().slice(0, 6), 36) % 99999).padStart(5, '0')}.0`;
const serial = (): string => `urn:epc:id:sgtin:0614141.107346.X${unique()}`;

function objectEvent(readPoint: string, extra = '', bizStep = 'urn:epcglobal:cbv:bizstep:shipping'): string {
  return `<ObjectEvent>
    <eventTime>2026-06-01T08:00:00.000+08:00</eventTime><eventTimeZoneOffset>+08:00</eventTimeZoneOffset>
    <epcList><epc>${serial()}</epc></epcList><action>OBSERVE</action>
    <bizStep>${bizStep}</bizStep><readPoint><id>${readPoint}</id></readPoint>${extra}
  </ObjectEvent>`;
}

const xmlDocument = (events: string[]): string => `<?xml version="1.0" encoding="UTF-8"?>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:溯="https://suyuan.example.cn/ext/" schemaVersion="2.0" creationDate="2026-06-01T08:00:00Z">
  <EPCISBody><EventList>${events.join('')}</EventList></EPCISBody>
</epcis:EPCISDocument>`;

describe.each(backends())('EPCIS XML capture over HTTP [%s]', (backend) => {
  const ctx = useApp(backend, { SUYUAN_CAPTURE_LIMIT: '50', SUYUAN_CAPTURE_FILE_SIZE_LIMIT: '200000' });

  const post = (url: string, body: string, headers: Record<string, string> = {}) =>
    ctx.app.inject({
      method: 'POST',
      url,
      headers: { ...ctx.auth, 'content-type': 'application/xml', ...headers },
      payload: body,
    });

  async function finish(location: string): Promise<Json> {
    await ctx.app.captureWorker.drain();
    const response = await ctx.app.inject({ method: 'GET', url: location, headers: ctx.auth });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  async function eventsAt(readPoint: string): Promise<Json[]> {
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/epcis/events?EQ_readPoint=${encodeURIComponent(readPoint)}`,
      headers: { ...ctx.auth, 'GS1-EPC-Format': 'Always_EPC_URN' },
    });
    expect(response.statusCode).toBe(200);
    return response.json().epcisBody.queryResults.resultsBody.eventList;
  }

  async function countAt(readPoint: string): Promise<number> {
    const { rows } = await ctx.database.pool.query(
      "SELECT count(*)::int AS n FROM events WHERE doc->'readPoint'->>'id' = $1",
      [readPoint],
    );
    return (rows[0] as { n: number }).n;
  }

  it('captures an XML document (202, durable job) and returns its events as JSON-LD with their extensions', async () => {
    const readPoint = place();
    const response = await post(
      '/epcis/capture',
      xmlDocument([
        objectEvent(
          readPoint,
          '<溯:batch>B-1</溯:batch><溯:inspector><溯:name>李雷</溯:name></溯:inspector>',
        ),
        objectEvent(readPoint),
      ]),
    );
    expect(response.statusCode).toBe(202);
    expect(response.headers.location).toMatch(/^\/epcis\/capture\/[0-9a-f-]{36}$/);
    const job = await finish(response.headers.location as string);
    expect(job).toMatchObject({ running: false, success: true, eventCount: 2, storedCount: 2, errors: [] });
    const events = await eventsAt(readPoint);
    expect(events).toHaveLength(2);
    // 溯 is a fine XML prefix but not a URI scheme name, so the namespace gets the prefix ns
    const extended = events.find((e) => 'ns:batch' in e);
    expect(extended).toMatchObject({
      '@context': [expect.any(String), { ns: 'https://suyuan.example.cn/ext/' }],
      type: 'ObjectEvent',
      bizStep: 'shipping',
      'ns:batch': 'B-1',
      'ns:inspector': { 'ns:name': '李雷' },
    });
    expect(extended?.eventID).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
  });

  it('accepts text/xml with a charset', async () => {
    const readPoint = place();
    const response = await post('/epcis/capture', xmlDocument([objectEvent(readPoint)]), {
      'content-type': 'text/xml; charset=utf-8',
    });
    expect(response.statusCode).toBe(202);
    expect(await finish(response.headers.location as string)).toMatchObject({
      success: true,
      storedCount: 1,
    });
    expect(await countAt(readPoint)).toBe(1);
  });

  it('refuses a batch with one invalid event with problem+json at its pointer and writes nothing', async () => {
    const readPoint = place();
    const response = await post(
      '/epcis/capture',
      xmlDocument([
        objectEvent(readPoint),
        objectEvent(readPoint),
        objectEvent(readPoint, '', 'https://ref.gs1.org/cbv/BizStep-no_such_step'),
      ]),
    );
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    const problem = response.json();
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors).toEqual([expect.objectContaining({ pointer: '/epcisBody/eventList/2/bizStep' })]);
    await ctx.app.captureWorker.drain();
    expect(await countAt(readPoint)).toBe(0);
  });

  it('under GS1-Capture-Error-Behaviour: proceed stores the valid events of an XML batch', async () => {
    const readPoint = place();
    const response = await post(
      '/epcis/capture',
      xmlDocument([
        objectEvent(readPoint),
        objectEvent(readPoint, '', 'https://ref.gs1.org/cbv/BizStep-nope'),
      ]),
      { 'GS1-Capture-Error-Behaviour': 'proceed' },
    );
    expect(response.statusCode).toBe(202);
    const job = await finish(response.headers.location as string);
    expect(job).toMatchObject({ success: false, storedCount: 1 });
    expect(job.errors).toEqual([expect.objectContaining({ pointer: '/epcisBody/eventList/1/bizStep' })]);
    expect(await countAt(readPoint)).toBe(1);
  });

  it('refuses malformed XML, DTD entities and undeclared prefixes with problem+json', async () => {
    const readPoint = place();
    const cases = [
      xmlDocument([objectEvent(readPoint)]).replace('</EventList>', '</EventLst>'),
      `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>${xmlDocument([objectEvent(readPoint)]).replace('<?xml version="1.0" encoding="UTF-8"?>', '')}`,
      xmlDocument([objectEvent(readPoint, '<nope:x>1</nope:x>')]),
    ];
    for (const body of cases) {
      const response = await post('/epcis/capture', body);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.json()).toMatchObject({
        code: 'MALFORMED_XML',
        type: 'epcisException:ValidationException',
      });
    }
    expect(await countAt(readPoint)).toBe(0);
  });

  it('refuses an XML body over the capture size limit with 413', async () => {
    const pad = `<溯:pad>${'x'.repeat(210_000)}</溯:pad>`;
    const response = await post('/epcis/capture', xmlDocument([objectEvent(place(), pad)]));
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses documents that are not capture documents', async () => {
    const response = await post(
      '/epcis/capture',
      '<epcis:EPCISCaptureJob xmlns:epcis="urn:epcglobal:epcis:xsd:2"><running>false</running></epcis:EPCISCaptureJob>',
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
  });

  it('POST /epcis/events takes one XML event (201, then 409 for the same eventID)', async () => {
    const readPoint = place();
    const id = `urn:uuid:${crypto.randomUUID()}`;
    const event = objectEvent(readPoint, '<e:note xmlns:e="urn:example:e">单个事件</e:note>').replace(
      '<ObjectEvent>',
      `<ObjectEvent><eventID>${id}</eventID>`,
    );
    const first = await post('/epcis/events', event);
    expect(first.statusCode).toBe(201);
    expect(first.headers.location).toBe(`/epcis/events/${encodeURIComponent(id)}`);
    const back = await ctx.app.inject({
      method: 'GET',
      url: `/epcis/events/${encodeURIComponent(id)}`,
      headers: ctx.auth,
    });
    expect(back.json().epcisBody.queryResults.resultsBody.eventList[0]).toMatchObject({
      'e:note': '单个事件',
    });
    const again = await post('/epcis/events', event);
    expect(again.statusCode).toBe(409);
    expect(await countAt(readPoint)).toBe(1);
  });

  it('answers queries in XML when the client prefers it (Accept: application/xml)', async () => {
    const readPoint = place();
    const captured = await post(
      '/epcis/capture',
      xmlDocument([objectEvent(readPoint, '<溯:batch>B-9</溯:batch>')]),
    );
    await finish(captured.headers.location as string);
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/epcis/events?EQ_readPoint=${encodeURIComponent(readPoint)}`,
      headers: { ...ctx.auth, accept: 'application/xml', 'GS1-EPC-Format': 'Always_EPC_URN' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/xml/);
    expect(response.body).toContain(
      '<epcisq:EPCISQueryDocument xmlns:epcisq="urn:epcglobal:epcis-query:xsd:2"',
    );
    expect(response.body).toContain('<bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>');
    expect(response.body).toContain(`<readPoint><id>${readPoint}</id></readPoint>`);
    // and the XML reads back: the same event, with its extension in its namespace
    const back = xmlToDocument(response.body);
    const events = (back.epcisBody as { queryResults: { resultsBody: { eventList: Json[] } } }).queryResults
      .resultsBody.eventList;
    expect(events).toHaveLength(1);
    expect(back['@context']).toEqual([expect.any(String), { ns: 'https://suyuan.example.cn/ext/' }]);
    expect(events[0]).toMatchObject({ 'ns:batch': 'B-9', readPoint: { id: readPoint } });
  });

  it('does not take XML on routes outside capture', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/epcis/queries',
      headers: { ...ctx.auth, 'content-type': 'application/xml' },
      payload: '<query/>',
    });
    expect(response.statusCode).toBe(415);
  });
});
