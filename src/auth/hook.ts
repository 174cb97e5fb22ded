import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.js';
import { DomainError } from '../http/errors.js';
import { authenticateApiKey } from './api-keys.js';
import { type Access, anonymous, type Principal } from './principal.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal;
  }
}

/** Routes of third-party plugins that serve only static documentation. */
const documentationPrefix = '/docs';

export function registerAuth(app: FastifyInstance, database: Database): void {
  app.decorateRequest('principal', null as unknown as Principal); // set by the onRequest hook below
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(documentationPrefix)) {
      route.config = { ...route.config, access: 'public' };
      return;
    }
    if (!route.config?.access) throw new Error(`Route ${route.method} ${route.url} declares no access`);
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
    }
    const access = request.routeOptions.config?.access ?? 'public';
    if (access === 'public') return;
    if (request.principal.kind === 'anonymous') {
      throw new DomainError('UNAUTHENTICATED', 'This resource needs an API key (Authorization: Bearer …)');
    }
    if (!request.principal.scopes.has(access) && !request.principal.scopes.has('admin')) {
      throw new DomainError('FORBIDDEN', `This API key lacks the '${access}' scope`);
    }
  });
}
