import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../../test/app.js';
import { backends, unique } from '../../../test/database.js';
import { epcisDocument, objectEvent, sgln } from '../../../test/factories.js';

describe.each(backends())('EPCIS named queries and browsing resources [%s]', (backend) => {
  const ctx = useApp(backend);
  const place = sgln(Math.floor(Math.random() * 90000) + 1000);

  beforeAll(async () => {
    await ctx.app.inject({
      method: 'POST',
      url: '/epcis/capture',
      headers: ctx.auth,
      payload: epcisDocument([
        objectEvent({ readPoint: { id: place }, bizStep: 'repairing' }),
        objectEvent({ readPoint: { id: place } }),
      ]),
    });
    await ctx.app.captureWorker.drain();
  });

  it('creates, runs, lists and deletes a named query', async () => {
    const name = `q-${unique()}`;
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/epcis/queries',
      headers: ctx.auth,
      payload: { name, query: { EQ_readPoint: [place], EQ_bizStep: ['repairing'] } },
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe(`/epcis/queries/${name}`);
    const again = await ctx.app.inject({
      method: 'POST',
      url: '/epcis/queries',
      headers: ctx.auth,
      payload: { name, query: {} },
    });
    expect(again.statusCode).toBe(409);
    const run = await ctx.app.inject({
      method: 'GET',
      url: `/epcis/queries/${name}/events`,
      headers: ctx.auth,
    });
    expect(run.json().epcisBody.queryResults.queryName).toBe(name);
    expect(
      run.json().epcisBody.queryResults.resultsBody.eventList.map((e: { bizStep: string }) => e.bizStep),
    ).toEqual(['repairing']);
    const other = await ctx.key(['query']);
    expect(
      (await ctx.app.inject({ method: 'GET', url: `/epcis/queries/${name}`, headers: other })).statusCode,
    ).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: '/epcis/queries', headers: other })).json()).toEqual(
      [],
    );
    expect(
      (await ctx.app.inject({ method: 'DELETE', url: `/epcis/queries/${name}`, headers: other })).statusCode,
    ).toBe(404);
    // names are per creator: another principal may use the same name, and learns nothing of ours
    const theirs = await ctx.app.inject({
      method: 'POST',
      url: '/epcis/queries',
      headers: other,
      payload: { name, query: { EQ_bizStep: ['shipping'] } },
    });
    expect(theirs.statusCode, theirs.body).toBe(201);
    expect(
      (await ctx.app.inject({ method: 'GET', url: `/epcis/queries/${name}`, headers: other })).json().query,
    ).toEqual({ EQ_bizStep: ['shipping'] });
    expect(
      (await ctx.app.inject({ method: 'GET', url: `/epcis/queries/${name}`, headers: ctx.auth })).json()
        .query,
    ).not.toEqual({ EQ_bizStep: ['shipping'] });
    expect(
      (await ctx.app.inject({ method: 'DELETE', url: `/epcis/queries/${name}`, headers: ctx.auth }))
        .statusCode,
    ).toBe(204);
    expect(
      (await ctx.app.inject({ method: 'GET', url: `/epcis/queries/${name}`, headers: ctx.auth })).statusCode,
    ).toBe(404);
  });

  it('refuses a named query with an unknown parameter', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/epcis/queries',
      headers: ctx.auth,
      payload: { name: `q-${unique()}`, query: { EQ_nonsense: ['x'] } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].pointer).toBe('EQ_nonsense');
  });

  it('lists and follows the browsing resources', async () => {
    const top = await ctx.app.inject({ method: 'GET', url: '/epcis/', headers: ctx.auth });
    expect(top.json().member).toContain('events');
    const types = await ctx.app.inject({ method: 'GET', url: '/epcis/eventTypes', headers: ctx.auth });
    expect(types.json()).toMatchObject({
      type: 'Collection',
      member: expect.arrayContaining(['ObjectEvent', 'AssociationEvent']),
    });
    const readPoints = await ctx.app.inject({ method: 'GET', url: '/epcis/readPoints', headers: ctx.auth });
    expect(readPoints.json().member).toContain(place);
    const steps = await ctx.app.inject({ method: 'GET', url: '/epcis/bizSteps', headers: ctx.auth });
    expect(steps.json().member).toContain('repairing');
    const events = await ctx.app.inject({
      method: 'GET',
      url: `/epcis/readPoints/${encodeURIComponent(place)}/events`,
      headers: ctx.auth,
    });
    expect(events.json().epcisBody.queryResults.resultsBody.eventList).toHaveLength(2);
    const step = await ctx.app.inject({
      method: 'GET',
      url: `/epcis/bizSteps/repairing/events?EQ_readPoint=${encodeURIComponent(place)}`,
      headers: ctx.auth,
    });
    expect(step.json().epcisBody.queryResults.resultsBody.eventList).toHaveLength(1);
    const unknownType = await ctx.app.inject({
      method: 'GET',
      url: '/epcis/eventTypes/FooEvent',
      headers: ctx.auth,
    });
    expect(unknownType.statusCode).toBe(404);
  });

  it('answers OPTIONS with the EPCIS and CBV versions and the capture limits', async () => {
    for (const url of ['/epcis/events', '/epcis/capture', '/epcis/queries']) {
      const response = await ctx.app.inject({ method: 'OPTIONS', url });
      expect(response.statusCode).toBe(204);
      expect(response.headers['gs1-epcis-version']).toBe('2.0.0');
      expect(response.headers['gs1-cbv-version']).toBe('2.0.0');
      expect(response.headers['gs1-extensions']).toBeDefined();
      expect(response.headers['gs1-epcis-capture-limit']).toBe('10000');
    }
  });
});
