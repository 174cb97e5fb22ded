import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The JSON body as received, kept so a capture job can store it without serialising it again. */
    rawBody?: string;
  }
}

/** EPCIS documents arrive as application/json or application/ld+json; both parse as JSON (proto-poisoning safe). */
export function registerJsonParsers(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    ['application/json', 'application/ld+json', 'application/problem+json'],
    { parseAs: 'string' },
    (request, body, done) => {
      request.rawBody = body as string;
      void parse(request, body as string, done);
    },
  );
}
