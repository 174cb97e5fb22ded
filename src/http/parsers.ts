import type { FastifyInstance } from 'fastify';

/** EPCIS documents arrive as application/json or application/ld+json; both parse as JSON. */
export function registerJsonParsers(app: FastifyInstance): void {
  app.addContentTypeParser(
    ['application/ld+json', 'application/problem+json'],
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'error'),
  );
}
