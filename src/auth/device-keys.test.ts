import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { epcisDocument, objectEvent } from '../../test/factories.js';

const enterprise = '91460100MA5T0DDD4W';
const other = '91110000600037341L';

describe.each(backends())('device keys (设备接入) [%s]', (backend) => {
  const ctx = useApp(backend);
  const host = { host: 'localhost:80' };

  it('registers a trace scale, shows it offline until it reports, then online', async () => {
    const session = await ctx.login({ role: 'enterprise_admin', enterprise });
    const headers = { cookie: session.cookie, origin: session.origin, ...host };
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/apikeys',
      headers,
      payload: {
        name: '3号摊位追溯秤',
        scopes: ['capture'],
        device: { type: 'trace-scale', serial: 'TS-2026-0007', model: 'ACS-30', location: 'A区3号摊位' },
      },
    });
    expect(created.statusCode).toBe(201);
    const { id, key, kind } = created.json();
    expect(kind).toBe('device');
    const device = async () => {
      const list = await ctx.app.inject({ url: '/api/apikeys?kind=device', headers });
      expect(list.statusCode).toBe(200);
      const rows = list.json() as { id: string; device: { online: boolean; serial: string } }[];
      return rows.find((r) => r.id === id)?.device;
    };
    expect(await device()).toMatchObject({ serial: 'TS-2026-0007', type: 'trace-scale', online: false });

    const capture = await ctx.app.inject({
      method: 'POST',
      url: '/epcis/capture',
      headers: { authorization: `Bearer ${key}` },
      payload: epcisDocument([objectEvent()]),
    });
    expect(capture.statusCode).toBe(202);
    await ctx.app.captureWorker.drain();
    // last_used_at is written after the request, off its path
    await expect.poll(async () => (await device())?.online, { timeout: 5000 }).toBe(true);

    // client keys are not listed among devices
    const clients = await ctx.app.inject({ url: '/api/apikeys?kind=client', headers });
    expect((clients.json() as { id: string }[]).some((r) => r.id === id)).toBe(false);
  });

  it('refuses a second live key for the same device serial, and allows one after revoking', async () => {
    const session = await ctx.login({ role: 'enterprise_admin', enterprise });
    const headers = { cookie: session.cookie, origin: session.origin, ...host };
    const payload = { name: 'scanner', scopes: ['capture'], device: { type: 'scanner', serial: 'SC-1' } };
    const first = await ctx.app.inject({ method: 'POST', url: '/api/apikeys', headers, payload });
    expect(first.statusCode).toBe(201);
    const second = await ctx.app.inject({ method: 'POST', url: '/api/apikeys', headers, payload });
    expect(second.statusCode).toBe(409);
    expect(second.headers['content-type']).toContain('application/problem+json');
    expect(second.json().errors ?? second.json()).toBeDefined();
    await ctx.app.inject({ method: 'DELETE', url: `/api/apikeys/${first.json().id}`, headers });
    const third = await ctx.app.inject({ method: 'POST', url: '/api/apikeys', headers, payload });
    expect(third.statusCode).toBe(201);
  });

  it('refuses an unknown device type and an empty serial with the field named', async () => {
    const session = await ctx.login({ role: 'enterprise_admin', enterprise });
    const headers = { cookie: session.cookie, origin: session.origin, ...host };
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/api/apikeys',
      headers,
      payload: { name: 'x', scopes: ['capture'], device: { type: 'toaster', serial: '' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('/device/');
  });

  it("never lists another enterprise's devices", async () => {
    const mine = await ctx.login({ role: 'enterprise_admin', enterprise });
    const theirs = await ctx.login({ role: 'enterprise_admin', enterprise: other });
    const made = await ctx.app.inject({
      method: 'POST',
      url: '/api/apikeys',
      headers: { cookie: theirs.cookie, origin: theirs.origin, ...host },
      payload: { name: 'their scale', scopes: ['capture'], device: { type: 'trace-scale', serial: 'X-9' } },
    });
    expect(made.statusCode).toBe(201);
    const list = await ctx.app.inject({
      url: '/api/apikeys?kind=device',
      headers: { cookie: mine.cookie, origin: mine.origin, ...host },
    });
    expect(list.statusCode).toBe(200);
    expect(JSON.stringify(list.json())).not.toContain('X-9');
  });
});
