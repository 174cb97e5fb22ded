import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { scoped } from '../db/scoped.js';
import { DomainError } from '../http/errors.js';
import { templateCategories } from './model.js';
import { listTemplates } from './repository.js';
import { createTemplate, readTemplate } from './service.js';

const tags = ['Templates'];

/** Industry templates: listed and read by anyone, added by regulators and platform administrators. */
export async function templateRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/templates',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The industry templates (latest version of each), optionally of one category',
        querystring: Type.Object({
          category: Type.Optional(Type.String({ enum: Object.keys(templateCategories) })),
        }),
      },
    },
    async (request) => {
      const { category } = request.query as { category?: string };
      const templates = await scoped(request, (trx) => listTemplates(trx, category));
      return { categories: templateCategories, templates };
    },
  );

  app.get(
    '/templates/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One template with every CTE and field (latest version, or ?version=)',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }),
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const { version } = request.query as { version?: number };
      const found = await scoped(request, (trx) => readTemplate(trx, id, version));
      if (!found) {
        throw new DomainError(
          'NOT_FOUND',
          version === undefined ? `No template ${id}` : `No template ${id} version ${version}`,
        );
      }
      return found;
    },
  );

  app.get(
    '/templates/:id/:cte/example.json',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'An example record of one CTE, ready to send to POST /api/records',
        params: Type.Object({ id: Type.String({ maxLength: 64 }), cte: Type.String({ maxLength: 64 }) }),
        querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }),
      },
    },
    async (request) => {
      const { id, cte } = request.params as { id: string; cte: string };
      const { version } = request.query as { version?: number };
      const found = await scoped(request, (trx) => readTemplate(trx, id, version));
      const step = found?.ctes.find((c) => c.id === cte);
      if (!found || !step) throw new DomainError('NOT_FOUND', `No CTE ${cte} in template ${id}`);
      const fields: Record<string, unknown> = {};
      for (const f of step.fields) if (f.example !== undefined) fields[f.name] = f.example;
      return { template: `${found.id}@${found.version}`, cte, fields };
    },
  );

  app.post(
    '/templates',
    {
      config: { access: 'user' },
      bodyLimit: 512 * 1024,
      schema: {
        tags,
        summary: 'Add a template, or a new version of one (regulators and platform administrators)',
        description:
          'Any signed-in user or key reaches the route, but only a regulator (role regulator) or a platform administrator (scope admin) may add a template: anyone else gets 403 Forbidden as application/problem+json (type epcisException:SecurityException), without a body check. A definition that does not pass the template checks is 400 with a pointer per problem.',
        security: [{ apiKey: [] }],
        body: Type.Object({}, { additionalProperties: true }),
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      if (!principal.scopes.has('admin') && principal.role !== 'regulator') {
        throw new DomainError('FORBIDDEN', 'Only regulators and platform administrators add templates');
      }
      const created = await scoped(request, (trx) => createTemplate(trx, request.body, principal.id));
      return reply
        .status(201)
        .header('Location', `/api/templates/${created.id}?version=${created.version}`)
        .send(created);
    },
  );
}
