import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAudit } from './audit/hook.js';
import { auditRoutes } from './audit/routes.js';
import { apiKeyRoutes } from './auth/api-key-routes.js';
import { registerAuth } from './auth/hook.js';
import { codeRoutes } from './codes/routes.js';
import { complaintRoutes } from './complaints/routes.js';
import type { Config } from './config/config.js';
import { creditRoutes } from './credit/routes.js';
import { type Database, openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { CaptureWorker } from './epcis/capture/worker.js';
import { epcisRoutes } from './epcis/routes.js';
import { registerErrorHandler } from './http/error-handler.js';
import { healthRoutes } from './http/health.js';
import { homeRoutes } from './http/home.js';
import { registerJsonParsers } from './http/parsers.js';
import { importRoutes } from './imports/routes.js';
import { type Jobs, startJobs } from './jobs/jobs.js';
import { partyRoutes } from './parties/routes.js';
import { recallRoutes } from './recalls/routes.js';
import { recordRoutes } from './records/routes.js';
import { registerResolverFreshness } from './resolver/freshness.js';
import { resolverRoutes } from './resolver/routes.js';
import { syncBuiltinTemplates } from './templates/repository.js';
import { templateRoutes } from './templates/routes.js';
import { traceRoutes } from './trace/routes.js';
import { userRoutes } from './users/routes.js';
import { warningRoutes } from './warnings/routes.js';
import { registerWeb } from './web/routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    captureWorker: CaptureWorker;
    jobs: Jobs;
  }
}

export interface BuildOptions {
  /** Use this database instead of opening one from the config (tests share one). */
  database?: Database;
  /** Start the background workers: capture and the job queue's handlers (default true). */
  worker?: boolean;
}

/**
 * Which X-Forwarded-For hops are believed (request.ip: rate limits, the audit log). By default
 * none: behind a reverse proxy every client would otherwise share the proxy's address, so one
 * shopper's mistyped logins would lock out a whole city; name the proxies to believe them.
 */
export function trustProxyOf(value: string): boolean | string[] {
  if (value === '') return false;
  if (value === 'true') return true;
  return value.split(',');
}

/** Builds the whole application without listening. server.ts, the CLI and tests call it. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const ownsDatabase = !options.database;
  const database =
    options.database ?? (await openDatabase({ url: config.DATABASE_URL, dataDir: config.SUYUAN_DATA_DIR }));
  try {
    if (ownsDatabase) await migrate(database.pool);
    await syncBuiltinTemplates(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  const app = Fastify({
    logger: { level: config.LOG_LEVEL },
    bodyLimit: config.SUYUAN_CAPTURE_FILE_SIZE_LIMIT,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : crypto.randomUUID();
    },
    requestIdHeader: false,
    trustProxy: trustProxyOf(config.SUYUAN_TRUST_PROXY),
    ajv: { customOptions: { coerceTypes: 'array', allErrors: true, removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('config', config);
  app.decorate('database', database);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  registerErrorHandler(app);
  registerJsonParsers(app);
  await registerAuth(app, database);
  registerAudit(app);
  if (database.kind === 'postgres') registerResolverFreshness(app, config.SUYUAN_RESOLVER_LEASE_MS);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'suyuan 溯源 API',
        version: '0.1.0',
        description:
          'Important-product traceability platform. The EPCIS 2.0 interface under /epcis follows GS1 EPCIS 2.0 / CBV 2.0 (ISO/IEC 19987).',
      },
      components: {
        securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'API key: sy_…' } },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.register(healthRoutes);
  await registerWeb(app);
  await app.register(homeRoutes);
  const worker = new CaptureWorker(
    database,
    app.log,
    config.SUYUAN_CAPTURE_WORKERS,
    config.SUYUAN_RESOLVER_LEASE_MS,
  );
  app.decorate('captureWorker', worker);
  const jobs = await startJobs(database, app.log, options.worker !== false);
  app.decorate('jobs', jobs);
  await app.register(epcisRoutes, { prefix: '/epcis' });
  await app.register(codeRoutes, { prefix: '/api' });
  await app.register(userRoutes, { prefix: '/api' });
  await app.register(apiKeyRoutes, { prefix: '/api' });
  await app.register(auditRoutes, { prefix: '/api' });
  await app.register(resolverRoutes);
  await app.register(traceRoutes, { prefix: '/api' });
  await app.register(partyRoutes, { prefix: '/api' });
  await app.register(templateRoutes, { prefix: '/api' });
  await app.register(recordRoutes, { prefix: '/api' });
  await app.register(importRoutes, { prefix: '/api' });
  await app.register(recallRoutes, { prefix: '/api' });
  await app.register(complaintRoutes, { prefix: '/api' });
  await app.register(creditRoutes, { prefix: '/api' });
  await app.register(warningRoutes, { prefix: '/api' });

  app.addHook('onReady', async () => {
    if (options.worker !== false) worker.start();
  });
  app.addHook('onClose', async () => {
    await worker.stop();
    await jobs.stop();
    if (ownsDatabase) await database.close();
  });
  return app;
}
