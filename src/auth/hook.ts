import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.js';
import { DomainError } from '../http/errors.js';
import { sessionPrincipal } from '../users/service.js';
import { authenticateApiKey } from './api-keys.js';
import { type Access, anonymous, type Principal } from './principal.js';
import { recordRoute } from './routes-table.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal;
  }
}

export const sessionCookie = 'suyuan_session';

/** Routes of third-party plugins that serve only static documentation. */
const documentationPrefix = '/docs';
const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A cookie-authenticated write must come from our own pages: its Origin (or Referer) names this host. */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin ?? request.headers.referer;
  if (!origin) return false;
  try {
    const from = new URL(origin);
    return from.host === new URL(`${from.protocol}//${request.headers.host ?? ''}`).host;
  } catch {
    return false;
  }
}

function allowed(principal: Principal, access: Access): boolean {
  if (access === 'public') return true;
  if (principal.kind === 'anonymous') return false;
  if (principal.scopes.has('admin')) return true;
  if (access === 'user') return true;
  if (access === 'enterprise-admin') return principal.role === 'enterprise_admin';
  return principal.scopes.has(access);
}

export async function registerAuth(app: FastifyInstance, database: Database): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('principal', null as unknown as Principal); // set by the onRequest hook below
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(documentationPrefix)) {
      route.config = { ...route.config, access: 'public' };
      return;
    }
    if (!route.config?.access) throw new Error(`Route ${route.method} ${route.url} declares no access`);
    recordRoute(app, route.method, route.url, route.config.access);
  });
  app.addHook('onRequest', async (request) => {
    request.principal = anonymous;
    const header = request.headers.authorization;
    if (header) {
      const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      const principal = token ? await authenticateApiKey(database.db, token) : undefined;
      if (!principal)
        throw new DomainError('UNAUTHENTICATED', 'The API key is unknown, malformed or revoked');
      request.principal = principal;
    } else {
      const token = request.cookies[sessionCookie];
      if (token) {
        const principal = await sessionPrincipal(database.db, token);
        if (principal) {
          if (unsafe.has(request.method) && !sameOrigin(request)) {
            throw new DomainError(
              'FORBIDDEN',
              'A cookie-authenticated write must come from this site (Origin check)',
            );
          }
          request.principal = principal;
        }
      }
    }
    const access = request.routeOptions.config?.access ?? 'public';
    if (allowed(request.principal, access)) return;
    if (request.principal.kind === 'anonymous') {
      throw new DomainError(
        'UNAUTHENTICATED',
        'This resource needs a login or an API key (Authorization: Bearer …)',
      );
    }
    throw new DomainError('FORBIDDEN', `This needs the '${access}' permission`);
  });
}
