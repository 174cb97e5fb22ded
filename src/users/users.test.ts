import { describe, expect, it } from 'vitest';
import { testPassword, useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { epcisDocument, objectEvent } from '../../test/factories.js';
import { createUser } from './service.js';

const enterprise = '91460100MA5T0DDD4W';

describe.each(backends())('users, sessions and API keys [%s]', (backend) => {
  const ctx = useApp(backend);
  const host = { host: 'localhost:80' };

  it('logs in with a password and sets an HTTP-only session cookie', async () => {
    await createUser(ctx.database.db, {
      username: 'alice-admin',
      displayName: 'Alice',
      password: testPassword,
      role: 'platform_admin',
    });
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'alice-admin', password: testPassword },
    });
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['set-cookie'])).toMatch(
      /suyuan_session=[\w-]{43}; .*HttpOnly; SameSite=Lax/,
    );
    const cookie = String(response.headers['set-cookie']).split(';')[0] as string;
    const me = await ctx.app.inject({ url: '/api/session', headers: { cookie } });
    expect(me.json()).toMatchObject({ kind: 'user', role: 'platform_admin' });
  });

  it('refuses a wrong password and locks the account after five failures', async () => {
    await createUser(ctx.database.db, {
      username: 'bob-ops',
      displayName: 'Bob',
      password: testPassword,
      role: 'enterprise_operator',
      enterprise,
    });
    const attempt = (password: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'bob-ops', password },
        remoteAddress: `10.1.0.${Math.floor(Math.random() * 200)}`,
      });
    for (let i = 0; i < 5; i++) expect((await attempt('wrong password!')).statusCode).toBe(401);
    expect((await attempt(testPassword)).statusCode).toBe(401); // locked now
    const audit = await ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'login')
      .where('target', '=', 'bob-ops')
      .execute();
    expect(audit.filter((a) => a.outcome === 'denied').length).toBeGreaterThanOrEqual(6);
  });

  it('answers an unknown username exactly like a wrong password', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'nobody-here', password: testPassword },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().detail).toBe('Wrong username or password, or the account is locked');
  });

  it('ends the session on logout and refuses an expired one', async () => {
    const session = await ctx.login({ role: 'enterprise_admin', enterprise });
    expect(
      (await ctx.app.inject({ url: '/api/session', headers: { cookie: session.cookie } })).statusCode,
    ).toBe(200);
    await ctx.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie: session.cookie, origin: session.origin, ...host },
    });
    expect(
      (await ctx.app.inject({ url: '/api/session', headers: { cookie: session.cookie } })).statusCode,
    ).toBe(401);
    const other = await ctx.login({ role: 'enterprise_admin', enterprise });
    await ctx.database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    expect(
      (await ctx.app.inject({ url: '/api/session', headers: { cookie: other.cookie } })).statusCode,
    ).toBe(401);
  });

  it('refuses a cookie-authenticated write from another site', async () => {
    const session = await ctx.login({ role: 'enterprise_admin', enterprise });
    const payload = { name: 'scale', scopes: ['capture'] };
    const foreign = await ctx.app.inject({
      method: 'POST',
      url: '/api/apikeys',
      headers: { cookie: session.cookie, origin: 'https://evil.example', ...host },
      payload,
    });
    expect(foreign.statusCode).toBe(403);
    const none = await ctx.app.inject({
      method: 'POST',
      url: '/api/apikeys',
      headers: { cookie: session.cookie, ...host },
      payload,
    });
    expect(none.statusCode).toBe(403);
    const own = await ctx.app.inject({
      method: 'POST',
      url: '/api/apikeys',
      headers: { cookie: session.cookie, origin: 'http://localhost:80', ...host },
      payload,
    });
    expect(own.statusCode).toBe(201);
  });

  it('lets an enterprise administrator create its keys, shown once, and revoke them', async () => {
    const session = await ctx.login({ role: 'enterprise_admin', enterprise });
    const headers = { cookie: session.cookie, origin: session.origin, ...host };
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/apikeys',
      headers,
      payload: { name: 'trace scale 7', scopes: ['capture'] },
    });
    const { id, key } = created.json();
    expect(key).toMatch(/^sy_[0-9a-f]{12}_/);
    const list = await ctx.app.inject({ url: '/api/apikeys', headers });
    // the secret is everything after `sy_<id>_`; it may itself hold '_' (base64url), so not split('_')
    const secret = key.slice('sy_'.length + 12 + 1);
    expect(secret.length).toBeGreaterThan(20);
    expect(JSON.stringify(list.json())).not.toContain(secret);
    const capture = () =>
      ctx.app.inject({
        method: 'POST',
        url: '/epcis/capture',
        headers: { authorization: `Bearer ${key}` },
        payload: epcisDocument([objectEvent()]),
      });
    expect((await capture()).statusCode).toBe(202);
    expect((await ctx.app.inject({ method: 'DELETE', url: `/api/apikeys/${id}`, headers })).statusCode).toBe(
      204,
    );
    expect((await capture()).statusCode).toBe(401);
    await ctx.app.captureWorker.drain();
  });

  it('lets an enterprise administrator add operators of its own enterprise only', async () => {
    const session = await ctx.login({ role: 'enterprise_admin', enterprise });
    const headers = { cookie: session.cookie, origin: session.origin, ...host };
    const operator = {
      username: `op${Date.now()}`,
      displayName: '操作员',
      password: testPassword,
      role: 'enterprise_operator',
      enterprise,
    };
    expect(
      (await ctx.app.inject({ method: 'POST', url: '/api/users', headers, payload: operator })).statusCode,
    ).toBe(201);
    const foreign = { ...operator, username: `op2${Date.now()}`, enterprise: '91460100MA5T0EEE5V' };
    expect(
      (await ctx.app.inject({ method: 'POST', url: '/api/users', headers, payload: foreign })).statusCode,
    ).toBe(403);
    const promote = {
      ...operator,
      username: `adm${Date.now()}`,
      role: 'platform_admin',
      enterprise: undefined,
    };
    expect(
      (await ctx.app.inject({ method: 'POST', url: '/api/users', headers, payload: promote })).statusCode,
    ).toBe(403);
  });

  it('changes a password and ends the other sessions', async () => {
    const username = `carol${Date.now()}`;
    const first = await ctx.login({ role: 'regulator', username, department: 'market', regionScope: '4601' });
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username, password: testPassword },
    });
    const second = String(response.headers['set-cookie']).split(';')[0] as string;
    const change = await ctx.app.inject({
      method: 'PUT',
      url: '/api/users/me/password',
      headers: { cookie: second, origin: 'http://localhost:80', ...host },
      payload: { currentPassword: testPassword, newPassword: 'a much better passphrase 2026' },
    });
    expect(change.statusCode).toBe(204);
    expect(
      (await ctx.app.inject({ url: '/api/session', headers: { cookie: first.cookie } })).statusCode,
    ).toBe(401);
  });

  it('refuses a weak password', async () => {
    await expect(
      createUser(ctx.database.db, {
        username: 'weak-one',
        displayName: 'W',
        password: 'short',
        role: 'platform_admin',
      }),
    ).rejects.toThrow(/invalid/);
  });

  it('keeps the audit log append-only and readable by administrators only', async () => {
    await expect(ctx.database.pool.query("UPDATE audit_log SET outcome = 'ok'")).rejects.toThrow(
      /append-only/,
    );
    await expect(ctx.database.pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    const operator = await ctx.login({ role: 'enterprise_operator', enterprise });
    expect(
      (await ctx.app.inject({ url: '/api/audit', headers: { cookie: operator.cookie } })).statusCode,
    ).toBe(403);
    const admin = await ctx.login({ role: 'platform_admin' });
    const log = await ctx.app.inject({
      url: '/api/audit?action=GET%20/api/audit',
      headers: { cookie: admin.cookie },
    });
    expect(log.statusCode).toBe(200);
    expect(log.json()[0]).toMatchObject({ action: 'GET /api/audit', outcome: 'denied' });
  });

  it('records refused requests in the audit log', async () => {
    await ctx.app.inject({
      method: 'POST',
      url: '/epcis/capture',
      headers: { authorization: 'Bearer sy_0123456789ab_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' },
      payload: {},
    });
    const rows = await ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'POST /epcis/capture')
      .where('outcome', '=', 'denied')
      .execute();
    expect(rows.length).toBeGreaterThan(0);
  });
});
