import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/healthz',
    { config: { access: 'public' }, schema: { tags: ['health'], summary: 'Liveness' } },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: { tags: ['health'], summary: 'Readiness: the database answers' },
    },
    async (_request, reply) => {
      try {
        await sql`SELECT 1`.execute(app.database.db);
        return { status: 'ready', database: app.database.kind };
      } catch (error) {
        return reply
          .status(503)
          .send({ status: 'unavailable', database: app.database.kind, detail: String(error) });
      }
    },
  );
}
