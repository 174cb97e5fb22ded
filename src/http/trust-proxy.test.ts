import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { trustProxyOf } from '../app.js';
import { loadConfig } from '../config/config.js';

/** Eleven wrong logins through the proxy at 127.0.0.1 (inject's peer), the client named by X-Forwarded-For. */
async function wrongLogins(ctx: ReturnType<typeof useApp>, client: string, n: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'nobody-here', password: 'wrong password' },
      headers: { 'x-forwarded-for': client },
    });
    statuses.push(response.statusCode);
  }
  return statuses;
}

describe('SUYUAN_TRUST_PROXY', () => {
  it('reads addresses, CIDRs and true, and refuses anything else', () => {
    expect(trustProxyOf('')).toBe(false);
    expect(trustProxyOf('true')).toBe(true);
    expect(trustProxyOf('10.0.0.1,192.168.0.0/16,::1')).toEqual(['10.0.0.1', '192.168.0.0/16', '::1']);
    expect(() => loadConfig({ SUYUAN_TRUST_PROXY: 'everyone' })).toThrow(/SUYUAN_TRUST_PROXY/);
  });
});

describe.each(backends())('behind a trusted reverse proxy [%s]', (backend) => {
  const ctx = useApp(backend, { SUYUAN_TRUST_PROXY: '127.0.0.1' });

  it('rate-limits each client the proxy forwards, not the proxy', async () => {
    const first = await wrongLogins(ctx, '203.0.113.7', 11);
    expect(first.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(first[10]).toBe(429);
    // another shopper behind the same proxy is not locked out by the first one's mistakes
    expect(await wrongLogins(ctx, '198.51.100.23', 1)).toEqual([401]);
  });
});

describe.each(backends())('without a trusted proxy [%s]', (backend) => {
  const ctx = useApp(backend);

  it('ignores X-Forwarded-For: a client cannot pick its own rate-limit bucket', async () => {
    const statuses = [
      ...(await wrongLogins(ctx, '203.0.113.8', 5)),
      ...(await wrongLogins(ctx, '203.0.113.9', 5)),
      ...(await wrongLogins(ctx, '203.0.113.10', 1)),
    ];
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
