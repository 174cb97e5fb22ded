import type { FastifyInstance } from 'fastify';

/** application/xml and text/xml (with or without parameters such as charset). */
export const xmlTypes = /^(application|text)\/xml\b/i;

export const isXml = (contentType: string | undefined): boolean =>
  contentType !== undefined && xmlTypes.test(contentType);

/**
 * Accepts XML bodies in the calling plugin's scope only (the capture routes): the body stays a string
 * (the route converts it with xmlToDocument / xmlToEvent); the size limit is the route's bodyLimit.
 */
export function registerXmlParser(app: FastifyInstance): void {
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );
}
