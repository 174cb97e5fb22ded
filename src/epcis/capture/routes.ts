import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { scoped } from '../../db/scoped.js';
import { DomainError } from '../../http/errors.js';
import { awaitResolvers } from '../../resolver/freshness.js';
import { isXml, registerXmlParser } from '../xml/http.js';
import { xmlToDocument, xmlToEvent } from '../xml/index.js';
import { captureJobView, getCaptureJob, listCaptureJobs } from './jobs.js';
import { captureEvent, type ErrorBehaviour, submitCapture } from './service.js';

const jsonTypes = /^application\/(ld\+)?json\b/i;

function requireJson(contentType: string | undefined): void {
  if (!contentType || !(jsonTypes.test(contentType) || isXml(contentType))) {
    throw new DomainError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Content-Type must be application/json, application/ld+json or application/xml, not ${contentType ?? '(none)'}`,
    );
  }
}

function errorBehaviour(header: string | string[] | undefined): ErrorBehaviour {
  const value = (Array.isArray(header) ? header[0] : header)?.trim().toLowerCase() ?? 'rollback';
  if (value === 'rollback' || value === 'proceed') return value;
  throw new DomainError('VALIDATION_FAILED', 'GS1-Capture-Error-Behaviour must be rollback or proceed', [
    { pointer: 'GS1-Capture-Error-Behaviour', message: `unknown value ${value}` },
  ]);
}

const CaptureJob = Type.Object({
  captureID: Type.String(),
  createdAt: Type.String(),
  finishedAt: Type.Optional(Type.String()),
  running: Type.Boolean(),
  success: Type.Boolean(),
  captureErrorBehaviour: Type.String(),
  eventCount: Type.Integer(),
  storedCount: Type.Integer(),
  errors: Type.Array(Type.Object({ pointer: Type.String(), message: Type.String() })),
});

export async function captureRoutes(app: FastifyInstance): Promise<void> {
  registerXmlParser(app); // EPCIS 2.0 XML binding (src/epcis/xml), in this scope only
  app.post(
    '/capture',
    {
      config: { access: 'capture' },
      bodyLimit: app.config.SUYUAN_CAPTURE_FILE_SIZE_LIMIT,
      schema: {
        tags: ['Capture'],
        summary: 'Capture an EPCISDocument asynchronously (202 with the capture job)',
        security: [{ apiKey: [] }],
      },
    },
    async (request, reply) => {
      requireJson(request.headers['content-type']);
      const behaviour = errorBehaviour(request.headers['gs1-capture-error-behaviour']);
      const xml = isXml(request.headers['content-type']);
      const id = await submitCapture(
        app.database,
        xml ? xmlToDocument(request.body as string) : request.body,
        behaviour,
        request.principal,
        {
          maxEvents: app.config.SUYUAN_CAPTURE_LIMIT,
        },
        xml ? undefined : request.rawBody,
      );
      app.captureWorker.wake();
      return reply.status(202).header('Location', `/epcis/capture/${id}`).send({ captureID: id });
    },
  );

  app.get(
    '/capture',
    {
      config: { access: 'capture' },
      schema: {
        tags: ['Capture'],
        summary: 'Your recent capture jobs',
        querystring: Type.Object({
          perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 30 })),
        }),
        security: [{ apiKey: [] }],
      },
    },
    async (request) => {
      const { perPage } = request.query as { perPage?: number };
      const jobs = await scoped(request, (trx) => listCaptureJobs(trx, request.principal.id, perPage ?? 30));
      return jobs.map(captureJobView);
    },
  );

  app.get(
    '/capture/:captureID',
    {
      config: { access: 'capture' },
      schema: {
        tags: ['Capture'],
        summary: 'State of one capture job',
        params: Type.Object({ captureID: Type.String({ maxLength: 64 }) }),
        response: { 200: CaptureJob },
        security: [{ apiKey: [] }],
      },
    },
    async (request) => {
      const { captureID } = request.params as { captureID: string };
      const job = await scoped(request, (trx) => getCaptureJob(trx, captureID, request.principal.id));
      if (!job) throw new DomainError('NOT_FOUND', `No capture job ${captureID}`);
      // a finished capture that recalled or destroyed goods: resolvers have it before we say so
      if (job.finished_at && app.database.kind === 'postgres')
        await awaitResolvers(app.database.db, app.config.SUYUAN_RESOLVER_LEASE_MS);
      return captureJobView(job);
    },
  );

  app.post(
    '/events',
    {
      config: { access: 'capture' },
      schema: {
        tags: ['Capture'],
        summary: 'Capture one event synchronously (201 with its location, 409 if its eventID exists)',
        security: [{ apiKey: [] }],
      },
    },
    async (request, reply) => {
      requireJson(request.headers['content-type']);
      const body = isXml(request.headers['content-type']) ? xmlToEvent(request.body as string) : request.body;
      const id = await captureEvent(app.database, body, request.principal);
      return reply
        .status(201)
        .header('Location', `/epcis/events/${encodeURIComponent(id)}`)
        .send({ eventID: id });
    },
  );
}
