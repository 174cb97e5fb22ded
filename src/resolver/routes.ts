import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { DomainError } from '../http/errors.js';
import { AI_DEFINITIONS } from '../identifiers/gs1/ai-table.js';
import { Batcher } from './batcher.js';
import { FactsCache } from './cache.js';
import { EmbeddedEpoch } from './embedded-epoch.js';
import { SummaryTemplates } from './json-template.js';
import { EpochLease } from './lease.js';
import { linkset, linksOf, linkTypeTerm } from './links.js';
import { type CodeFacts, lookupCodes } from './lookup.js';
import { renderNotFound, renderPage } from './page.js';
import { ScanLog } from './scans.js';
import { summarise, targetOfCode, targetOfDigitalLink } from './service.js';
import { SummarySchema } from './summary.js';

/** GS1 Digital Link primary keys the resolver answers: every AI the syntax dictionary marks as one. */
const primaryKeys = AI_DEFINITIONS.filter((d) => d.dlQualifiers !== undefined).map((d) => d.ai);

const ResolveQuery = Type.Object({
  linkType: Type.Optional(
    Type.String({
      maxLength: 100,
      description:
        'GS1 link type: gs1:pip, gs1:traceability, gs1:epcis, gs1:recallStatus (redirect), linkset or all (the list)',
    }),
  ),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('html')])),
  place: Type.Optional(
    Type.String({ maxLength: 64, description: 'coarse place of the scan (region code or city)' }),
  ),
  channel: Type.Optional(Type.String({ pattern: '^[a-z]{1,16}$' })),
});

function wantsJson(request: FastifyRequest): boolean {
  const { format } = request.query as { format?: string };
  if (format) return format === 'json';
  const accept = request.headers.accept ?? '';
  return /application\/(ld\+)?json/.test(accept) && !/text\/html/.test(accept);
}

/** What a phone camera opens: /t/{code} and GS1 Digital Link paths, as HTML or as a JSON summary. */
export async function resolverRoutes(app: FastifyInstance): Promise<void> {
  const leaseMs = app.config.SUYUAN_RESOLVER_LEASE_MS;
  // the epoch without a query per request: a lease on PostgreSQL, this process's own notifications
  // on the embedded database
  const lease =
    app.database.kind === 'postgres' && leaseMs > 0
      ? new EpochLease(app.database.pool.options, app.log, { leaseMs })
      : app.database.pglite
        ? new EmbeddedEpoch(app.database.pglite, app.database.db)
        : undefined;
  if (lease) {
    app.addHook('onReady', async () => lease.start());
    app.addHook('onClose', async () => lease.stop());
  }
  const cache = new FactsCache(app.database.db, (uris) => lookupCodes(app.database.db, uris), { lease });
  const batcher = new Batcher<string, CodeFacts>((uris) => cache.get(uris));
  const scans = new ScanLog(app.database.db, app.log, (uri, n, first) => cache.addScans(uri, n, first));
  app.addHook('onClose', async () => scans.flush());

  const publicBase = app.config.SUYUAN_PUBLIC_URL.replace(/\/+$/, '');
  const templates = new SummaryTemplates();

  async function resolve(request: FastifyRequest, reply: FastifyReply, uri: string, raw: string) {
    const facts = cache.peek(uri) ?? (await batcher.get(uri));
    const json = wantsJson(request);
    const now = new Date();
    const { place, channel, linkType } = request.query as {
      place?: string;
      channel?: string;
      linkType?: string;
    };
    const counted = facts
      ? { count: facts.scans.count + scans.pendingFor(uri) + 1, first: facts.scans.first ?? now }
      : undefined;
    // the common case, a phone or a platform asking for JSON: the cached document's text
    const serialize =
      json && linkType === undefined ? reply.getSerializationFunction('200', 'application/json') : undefined;
    const text = facts && counted && serialize ? templates.render(facts, counted, now, serialize) : undefined;
    const summary = facts && counted && text === undefined ? summarise(facts, counted, now) : undefined;
    if (text === undefined && !summary) {
      if (json) throw new DomainError('NOT_FOUND', `${raw} was never issued here and appears in no event`);
      const page = renderNotFound(raw);
      const html = app.webApp?.page({ path: request.url.split('?')[0] as string, notFound: raw }, page);
      return reply
        .status(404)
        .type('text/html; charset=utf-8')
        .send(html ?? page);
    }
    scans.record({ uri, at: now, channel: channel ?? (json ? 'json' : 'web'), place: place ?? null });
    void reply.header('Cache-Control', 'no-store').header('Vary', 'Accept');
    // no summary built: the template gave the text
    if (summary === undefined) return reply.type('application/json; charset=utf-8').send(text);
    // the linkset also when asked for by its media type (RFC 9264), as GS1-Conformant resolvers do
    const term = linkType
      ? linkTypeTerm(linkType)
      : /application\/linkset\+json/i.test(request.headers.accept ?? '')
        ? 'linkset'
        : undefined;
    if (term) {
      const path = request.url.split('?')[0] as string;
      if (term === 'linkset')
        return reply
          .type('application/linkset+json')
          .send(JSON.stringify(linkset(summary, path, publicBase)));
      const link = linksOf(summary, path).find((l) => l.type === term);
      if (link && link.href !== path) return reply.redirect(link.href, 307);
    }
    if (json) return summary;
    const page = renderPage(summary);
    const html = app.webApp?.page({ path: request.url.split('?')[0] as string, summary }, page);
    return reply.type('text/html; charset=utf-8').send(html ?? page);
  }

  const schema = {
    tags: ['Resolver'],
    querystring: ResolveQuery,
    response: { 200: { content: { 'application/json': { schema: SummarySchema } } } },
  };
  app.get(
    '/t/:code',
    {
      config: { access: 'public' },
      schema: {
        ...schema,
        summary: 'Resolve a trace code (HTML page, or JSON with Accept: application/json)',
        params: Type.Object({ code: Type.String({ maxLength: 128 }) }),
      },
    },
    async (request, reply) => {
      const { code } = request.params as { code: string };
      return resolve(request, reply, targetOfCode(code), code);
    },
  );
  for (const key of primaryKeys) {
    app.get(
      `/${key}/*`,
      {
        config: { access: 'public' },
        schema: { ...schema, summary: `Resolve a GS1 Digital Link with primary key AI ${key}` },
      },
      async (request, reply) => {
        const path = request.url.split('?')[0] as string;
        if (path.length > 512)
          throw new DomainError('VALIDATION_FAILED', 'The Digital Link path is too long');
        return resolve(request, reply, targetOfDigitalLink(path), path);
      },
    );
  }
}
