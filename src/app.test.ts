import { describe, expect, it } from 'vitest';
import { useApp } from '../test/app.js';

describe('the application', () => {
  const ctx = useApp('pglite');

  it('answers liveness and readiness', async () => {
    expect((await ctx.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await ctx.app.inject('/readyz')).json()).toEqual({ status: 'ready', database: 'pglite' });
  });

  it('serves an OpenAPI 3.1 document generated from the routes, and a reference page', async () => {
    const document = (await ctx.app.inject('/openapi.json')).json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/epcis/capture', '/epcis/events', '/epcis/queries/{name}/events']),
    );
    const page = await ctx.app.inject('/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });

  it('gives every response a request id, and keeps a sane one sent by the client', async () => {
    const given = await ctx.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await ctx.app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown path with 404 problem+json', async () => {
    const response = await ctx.app.inject('/no/such/thing');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('refuses to register a route that declares no access', async () => {
    const { buildApp } = await import('./app.js');
    const { testConfig } = await import('../test/app.js');
    const app = await buildApp(testConfig(), { database: ctx.database, worker: false });
    expect(() => app.get('/open', async () => 'x')).toThrow(/declares no access/);
    await app.close();
  });
});

describe('home page and search', () => {
  const ctx = useApp('pglite');

  it('serves a Chinese home page with a search box', async () => {
    const page = await ctx.app.inject('/');
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('重要产品追溯平台');
    expect(page.body).toContain('action="/search"');
  });

  it('redirects a search to the resolver, whatever form the code is in', async () => {
    const cases: [string, string][] = [
      ['HNS7Q2MZ0K9XW4RTV', '/t/HNS7Q2MZ0K9XW4RTV'],
      ['https://example.com/01/06901234567892/21/X1', '/01/06901234567892/21/X1'],
      ['(01)06901234567892(10)L1(21)S9', '/01/06901234567892/10/L1/21/S9'],
    ];
    for (const [q, location] of cases) {
      const response = await ctx.app.inject(`/search?q=${encodeURIComponent(q)}`);
      expect(response.statusCode).toBe(302);
      expect(response.headers.location).toBe(location);
    }
  });
});
