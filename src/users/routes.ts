import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { audit } from '../audit/service.js';
import { sessionCookie } from '../auth/hook.js';
import type { Role } from '../auth/principal.js';
import { scoped } from '../db/scoped.js';
import { DomainError } from '../http/errors.js';
import { changePassword, createUser, login, logout, type NewUser, sessionHours } from './service.js';

const Login = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

const NewUserBody = Type.Object(
  {
    username: Type.String({ minLength: 3, maxLength: 64 }),
    displayName: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
    role: Type.Union(
      ['platform_admin', 'regulator', 'enterprise_admin', 'enterprise_operator'].map((r) => Type.Literal(r)),
    ),
    enterprise: Type.Optional(Type.String({ minLength: 18, maxLength: 18 })),
    department: Type.Optional(
      Type.String({ enum: ['commerce', 'agriculture', 'market', 'drug', 'emergency', 'police', 'customs'] }),
    ),
    regionScope: Type.Optional(Type.String({ maxLength: 6 })),
    industries: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 9 })),
  },
  { additionalProperties: false },
);

export async function userRoutes(app: FastifyInstance): Promise<void> {
  const tags = { tags: ['Users and sessions'] };
  await app.register(async (limited) => {
    await limited.register(rateLimit, { max: 10, timeWindow: '1 minute' });
    limited.post(
      '/session',
      {
        config: { access: 'public' },
        bodyLimit: 4096,
        schema: { ...tags, summary: 'Log in: sets an HTTP-only session cookie', body: Login },
      },
      async (request, reply) => {
        const { username, password } = request.body as { username: string; password: string };
        try {
          const { token, user } = await login(app.database.db, username, password);
          await audit(app.database.db, {
            principal: `user:${user.id}`,
            action: 'login',
            outcome: 'ok',
            ip: request.ip,
          });
          const secure = app.config.SUYUAN_PUBLIC_URL.startsWith('https://');
          void reply.setCookie(sessionCookie, token, {
            httpOnly: true,
            sameSite: 'lax',
            secure,
            path: '/',
            maxAge: sessionHours * 3600,
          });
          return {
            username: user.username,
            displayName: user.display_name,
            role: user.role,
            enterprise: user.enterprise,
          };
        } catch (error) {
          await audit(app.database.db, {
            principal: 'anonymous',
            action: 'login',
            target: username,
            outcome: 'denied',
            ip: request.ip,
          });
          throw error;
        }
      },
    );
  });

  app.get(
    '/session',
    { config: { access: 'user' }, schema: { ...tags, summary: 'Who is logged in' } },
    async (request) => {
      const p = request.principal;
      return {
        id: p.id,
        kind: p.kind,
        role: p.role ?? null,
        enterprise: p.enterprise ?? null,
        scopes: [...p.scopes],
        regionScope: p.regionScope ?? null,
      };
    },
  );

  app.delete(
    '/session',
    { config: { access: 'public' }, schema: { ...tags, summary: 'Log out' } },
    async (request, reply) => {
      const token = request.cookies[sessionCookie];
      if (token) await logout(app.database.db, token);
      return reply.clearCookie(sessionCookie, { path: '/' }).status(204).send();
    },
  );

  app.put(
    '/users/me/password',
    {
      config: { access: 'user' },
      bodyLimit: 4096,
      schema: {
        ...tags,
        summary: 'Change your password (ends your other sessions)',
        body: Type.Object({
          currentPassword: Type.String({ maxLength: 256 }),
          newPassword: Type.String({ maxLength: 256 }),
        }),
      },
    },
    async (request, reply) => {
      if (request.principal.kind !== 'user') throw new DomainError('FORBIDDEN', 'Only people have passwords');
      const { currentPassword, newPassword } = request.body as {
        currentPassword: string;
        newPassword: string;
      };
      await changePassword(
        app.database.db,
        request.principal.id.slice('user:'.length),
        currentPassword,
        newPassword,
      );
      return reply.status(204).send();
    },
  );

  app.post(
    '/users',
    {
      config: { access: 'enterprise-admin' },
      bodyLimit: 8192,
      schema: {
        ...tags,
        summary: 'Create a user (administrators: anyone; enterprise administrators: their own operators)',
        body: NewUserBody,
      },
    },
    async (request, reply) => {
      const body = request.body as NewUser;
      const p = request.principal;
      if (
        !p.scopes.has('admin') &&
        (body.role !== 'enterprise_operator' || body.enterprise !== p.enterprise)
      ) {
        throw new DomainError(
          'FORBIDDEN',
          'Enterprise administrators create operators of their own enterprise only',
        );
      }
      const id = await scoped(request, (trx) => createUser(trx, body));
      return reply.status(201).send({ id, username: body.username, role: body.role as Role });
    },
  );

  app.get(
    '/users',
    {
      config: { access: 'enterprise-admin' },
      schema: {
        ...tags,
        summary: 'Users (administrators: all; enterprise administrators: their enterprise)',
      },
    },
    async (request) => {
      return scoped(request, async (trx) => {
        let q = trx
          .selectFrom('users')
          .select([
            'id',
            'username',
            'display_name as displayName',
            'role',
            'enterprise',
            'department',
            'region_scope as regionScope',
            'created_at as createdAt',
            'disabled_at as disabledAt',
          ])
          .orderBy('username')
          .limit(1000);
        if (!request.principal.scopes.has('admin'))
          q = q.where('enterprise', '=', request.principal.enterprise ?? '-');
        return q.execute();
      });
    },
  );
}
