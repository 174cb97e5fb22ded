import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from './service.js';

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Every write, every refusal, and every read by a regulator goes to the audit log. */
function worthAuditing(request: FastifyRequest, status: number): boolean {
  if (unsafe.has(request.method)) return true;
  if (status === 401 || status === 403) return true;
  return request.principal?.role === 'regulator';
}

export function registerAudit(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    if (!worthAuditing(request, reply.statusCode)) return;
    const route = request.routeOptions.url ?? request.url.split('?')[0];
    try {
      await audit(app.database.db, {
        principal: request.principal?.id ?? 'anonymous',
        action: `${request.method} ${route}`,
        target: request.url.length > 500 ? request.url.slice(0, 500) : request.url,
        outcome:
          reply.statusCode < 400
            ? 'ok'
            : reply.statusCode === 401 || reply.statusCode === 403
              ? 'denied'
              : String(reply.statusCode),
        ip: request.ip,
        detail: { status: reply.statusCode, requestId: request.id },
      });
    } catch (error) {
      request.log.error({ err: error }, 'could not write the audit log');
    }
  });
}
