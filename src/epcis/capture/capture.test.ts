import { describe, expect, it } from 'vitest';
import { useApp } from '../../../test/app.js';
import { backends, unique } from '../../../test/database.js';
import { epcisDocument, gtin, objectEvent, sgln, sgtin } from '../../../test/factories.js';

type Json = Record<string, unknown>;

describe.each(backends())('EPCIS capture [%s]', (backend) => {
  const ctx = useApp(backend, { SUYUAN_CAPTURE_LIMIT: '50', SUYUAN_CAPTURE_FILE_SIZE_LIMIT: '200000' });

  async function capture(document: unknown, headers: Record<string, string> = {}) {
    return ctx.app.inject({
      method: 'POST',
      url: '/epcis/capture',
      headers: { ...ctx.auth, 'content-type': 'application/ld+json', ...headers },
      payload: typeof document === 'string' ? document : JSON.stringify(document),
    });
  }

  async function finish(location: string): Promise<Json> {
    await ctx.app.captureWorker.drain();
    const response = await ctx.app.inject({ method: 'GET', url: location, headers: ctx.auth });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  async function countAt(readPoint: string): Promise<number> {
    const row = await ctx.database.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('read_point', '=', readPoint)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function byId(id: string): Promise<Json | undefined> {
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/epcis/events/${encodeURIComponent(id)}`,
      headers: ctx.auth,
    });
    if (response.statusCode === 404) return undefined;
    return (response.json().epcisBody.queryResults.resultsBody.eventList as Json[])[0];
  }

  it('accepts a document with 202 and a Location, then stores every event', async () => {
    const place = sgln(Number.parseInt(unique().slice(0, 5), 36) % 99999);
    const events = [objectEvent({ readPoint: { id: place } }), objectEvent({ readPoint: { id: place } })];
    const response = await capture(epcisDocument(events));
    expect(response.statusCode).toBe(202);
    expect(response.headers.location).toMatch(/^\/epcis\/capture\/[0-9a-f-]{36}$/);
    expect(response.headers['gs1-epcis-capture-limit']).toBe('50');
    const job = await finish(response.headers.location as string);
    expect(job).toMatchObject({
      running: false,
      success: true,
      captureErrorBehaviour: 'rollback',
      eventCount: 2,
      storedCount: 2,
      errors: [],
    });
    expect(await countAt(place)).toBe(2);
  });

  it('gives events without an eventID the CBV 2.0 hash and stores a repeated capture once', async () => {
    const event = objectEvent({ epcList: [sgtin(`H${unique()}`)] });
    const first = await finish((await capture(epcisDocument([event]))).headers.location as string);
    const second = await finish((await capture(epcisDocument([event]))).headers.location as string);
    expect(first.storedCount).toBe(1);
    expect(second).toMatchObject({ success: true, storedCount: 0 });
    const { rows } = await ctx.database.pool.query('SELECT event_id FROM events WHERE doc->$1 = $2::jsonb', [
      'epcList',
      JSON.stringify(event.epcList),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].event_id).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
  });

  it('keeps user extensions exactly and returns them', async () => {
    const id = `urn:uuid:${crypto.randomUUID()}`;
    const extension = { 'ex:grade': 'A', 'ex:nested': { 'ex:list': [1, 2.5, 'three'], 'ex:flag': false } };
    const event = objectEvent({ eventID: id, ...extension, ilmd: undefined });
    await finish(
      (await capture(epcisDocument([event], [{ ex: 'https://example.org/ns/' }]))).headers.location as string,
    );
    const back = await byId(id);
    expect(back).toMatchObject(extension);
    expect(back?.['@context']).toEqual([
      'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
      { ex: 'https://example.org/ns/' },
    ]);
  });

  it('refuses a document with one bad event under rollback and stores nothing', async () => {
    const place = sgln(90001);
    const before = await countAt(place);
    const bad = objectEvent({ readPoint: { id: place }, eventTimeZoneOffset: '+25:00' });
    const response = await capture(epcisDocument([objectEvent({ readPoint: { id: place } }), bad]));
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json();
    expect(problem.errors.map((e: Json) => e.pointer)).toContain(
      '/epcisBody/eventList/1/eventTimeZoneOffset',
    );
    expect(await countAt(place)).toBe(before);
  });

  it('stores the valid events and reports the rest under proceed', async () => {
    const place = sgln(90002);
    const wrongCheckDigit = `https://id.gs1.org/01/${gtin(7).slice(0, 13)}${(Number(gtin(7)[13]) + 1) % 10}/21/X1`;
    const events = [
      objectEvent({ readPoint: { id: place } }),
      objectEvent({ readPoint: { id: place }, epcList: [wrongCheckDigit] }),
    ];
    const response = await capture(epcisDocument(events), { 'GS1-Capture-Error-Behaviour': 'proceed' });
    expect(response.statusCode).toBe(202);
    const job = await finish(response.headers.location as string);
    expect(job).toMatchObject({
      running: false,
      success: false,
      captureErrorBehaviour: 'proceed',
      storedCount: 1,
    });
    expect((job.errors as Json[])[0]?.pointer).toBe('/epcisBody/eventList/1/epcList/0');
    expect(await countAt(place)).toBe(1);
  });

  it.each([
    ['a missing eventTime', { eventTime: undefined }, '/epcisBody/eventList/0/eventTime'],
    [
      'a missing eventTimeZoneOffset',
      { eventTimeZoneOffset: undefined },
      '/epcisBody/eventList/0/eventTimeZoneOffset',
    ],
    ['an invalid time zone', { eventTimeZoneOffset: '08:00' }, '/epcisBody/eventList/0/eventTimeZoneOffset'],
    ['an unknown event type', { type: 'TeleportEvent' }, '/epcisBody/eventList/0/type'],
    ['an identifier that does not parse', { epcList: ['not a uri'] }, '/epcisBody/eventList/0/epcList/0'],
    [
      'an ilmd on a non-ADD event',
      { action: 'OBSERVE', ilmd: { 'ex:lot': '1' } },
      '/epcisBody/eventList/0/ilmd',
    ],
  ])('refuses %s with a pointer to it', async (_name, overrides, pointer) => {
    const place = sgln(90003);
    const response = await capture(
      epcisDocument(
        [objectEvent({ readPoint: { id: place }, ...overrides })],
        [{ ex: 'https://example.org/ns/' }],
      ),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: Json) => e.pointer)).toContain(pointer);
    expect(await countAt(place)).toBe(0);
  });

  it('refuses a GTIN with a wrong check digit in a Digital Link', async () => {
    const good = gtin(3);
    const bad = good.slice(0, 13) + String((Number(good[13]) + 1) % 10);
    const response = await capture(
      epcisDocument([objectEvent({ epcList: [`https://example.com/01/${bad}/21/1`] })]),
    );
    expect(response.statusCode).toBe(400);
    const error = response.json().errors[0];
    expect(error.pointer).toBe('/epcisBody/eventList/0/epcList/0');
    expect(error.message).toMatch(/check digit/i);
  });

  it('refuses duplicate eventIDs inside one document', async () => {
    const id = `urn:uuid:${crypto.randomUUID()}`;
    const response = await capture(
      epcisDocument([objectEvent({ eventID: id }), objectEvent({ eventID: id })]),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].pointer).toBe('/epcisBody/eventList/1/eventID');
    expect(await byId(id)).toBeUndefined();
  });

  it('answers malformed JSON with 400 problem+json', async () => {
    const response = await capture('{"type": "EPCISDocument", ');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().code).toBe('MALFORMED_JSON');
  });

  it('answers a wrong content type with 415', async () => {
    const response = await capture(JSON.stringify(epcisDocument([objectEvent()])), {
      'content-type': 'text/plain',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a body over the size limit with 413', async () => {
    const events = Array.from({ length: 40 }, () => objectEvent({ 'ex:padding': 'x'.repeat(6000) }));
    const response = await capture(epcisDocument(events, [{ ex: 'https://example.org/ns/' }]));
    expect(response.statusCode).toBe(413);
  });

  it('answers more events than the capture limit with 413', async () => {
    const response = await capture(epcisDocument(Array.from({ length: 51 }, () => objectEvent())));
    expect(response.statusCode).toBe(413);
    expect(response.json().detail).toMatch(/at most 50/);
  });

  it('refuses an unknown GS1-Capture-Error-Behaviour', async () => {
    const response = await capture(epcisDocument([objectEvent()]), {
      'GS1-Capture-Error-Behaviour': 'sometimes',
    });
    expect(response.statusCode).toBe(400);
  });

  it('requires an API key with the capture scope', async () => {
    const anonymous = await ctx.app.inject({
      method: 'POST',
      url: '/epcis/capture',
      payload: epcisDocument([objectEvent()]),
    });
    expect(anonymous.statusCode).toBe(401);
    const queryOnly = await ctx.key(['query']);
    const forbidden = await ctx.app.inject({
      method: 'POST',
      url: '/epcis/capture',
      headers: queryOnly,
      payload: epcisDocument([objectEvent()]),
    });
    expect(forbidden.statusCode).toBe(403);
    const wrong = await ctx.app.inject({
      method: 'GET',
      url: '/epcis/events',
      headers: { authorization: 'Bearer sy_000000000000_notarealkeynotarealkeynotarealkey' },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('shows a capture job only to the key that submitted it', async () => {
    const response = await capture(epcisDocument([objectEvent()]));
    const other = await ctx.key(['capture']);
    const seen = await ctx.app.inject({
      method: 'GET',
      url: response.headers.location as string,
      headers: other,
    });
    expect(seen.statusCode).toBe(404);
    await ctx.app.captureWorker.drain();
  });

  it('stores one event with POST /epcis/events and refuses its eventID a second time with 409', async () => {
    const event = objectEvent({ eventID: `urn:uuid:${crypto.randomUUID()}` });
    const post = () =>
      ctx.app.inject({ method: 'POST', url: '/epcis/events', headers: ctx.auth, payload: event });
    const first = await post();
    expect(first.statusCode).toBe(201);
    expect(first.headers.location).toBe(`/epcis/events/${encodeURIComponent(event.eventID as string)}`);
    const second = await post();
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('EVENT_EXISTS');
  });

  it('applies an error declaration to the event captured earlier', async () => {
    const event = objectEvent({ eventID: `urn:uuid:${crypto.randomUUID()}` });
    await ctx.app.inject({ method: 'POST', url: '/epcis/events', headers: ctx.auth, payload: event });
    const declaration = {
      declarationTime: new Date().toISOString(),
      reason: 'urn:epcglobal:cbv:er:incorrect_data',
    };
    const response = await capture(epcisDocument([{ ...event, errorDeclaration: declaration }]));
    const job = await finish(response.headers.location as string);
    expect(job.success).toBe(true);
    const back = await byId(event.eventID as string);
    expect(back?.errorDeclaration).toMatchObject({ reason: 'incorrect_data' });
  });

  it('finishes a job interrupted by a crash, and reports one that keeps failing', async () => {
    const place = sgln(90004);
    const crashed = crypto.randomUUID();
    const document = epcisDocument([objectEvent({ readPoint: { id: place } })]);
    await ctx.database.db
      .insertInto('capture_jobs')
      .values({
        capture_id: crashed,
        status: 'running',
        error_behaviour: 'rollback',
        document: JSON.stringify(document),
        event_count: 1,
        captured_by: 'test',
        started_at: new Date(Date.now() - 600_000),
      })
      .execute();
    const hopeless = crypto.randomUUID();
    await ctx.database.db
      .insertInto('capture_jobs')
      .values({
        capture_id: hopeless,
        status: 'running',
        error_behaviour: 'rollback',
        document: JSON.stringify(document),
        event_count: 1,
        captured_by: 'test',
        attempts: 3,
        started_at: new Date(Date.now() - 600_000),
      })
      .execute();
    await ctx.app.captureWorker.drain();
    const rows = await ctx.database.db
      .selectFrom('capture_jobs')
      .select(['capture_id', 'status'])
      .where('capture_id', 'in', [crashed, hopeless])
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.capture_id, r.status]))).toEqual({
      [crashed]: 'success',
      [hopeless]: 'failed',
    });
    expect(await countAt(place)).toBe(1);
  });
});
