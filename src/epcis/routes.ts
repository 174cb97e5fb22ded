import type { FastifyInstance } from 'fastify';
import { captureRoutes } from './capture/routes.js';
import { versionHeaders } from './headers.js';
import { queryRoutes } from './query/routes.js';
import { resourceRoutes } from './resources/routes.js';

/** Everything under /epcis: the GS1 EPCIS 2.0 REST binding. */
export async function epcisRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('onSend', async (_request, reply) => versionHeaders(reply, app.config));
  app.options(
    '/*',
    {
      config: { access: 'public' },
      schema: { tags: ['Discovery'], summary: 'Versions, extensions and capture limits' },
    },
    async (_request, reply) => reply.status(204).header('Allow', 'GET, POST, DELETE, OPTIONS').send(),
  );
  app.options('/', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    reply.status(204).header('Allow', 'GET, OPTIONS').send(),
  );
  await app.register(captureRoutes);
  await app.register(queryRoutes);
  await app.register(resourceRoutes);
}
