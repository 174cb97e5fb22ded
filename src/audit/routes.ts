import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { scoped } from '../db/scoped.js';

/** The audit log, for administrators: filter by principal, action and time; newest first. */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/audit',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['Audit'],
        summary: 'Query the audit log',
        querystring: Type.Object({
          principal: Type.Optional(Type.String({ maxLength: 100 })),
          action: Type.Optional(Type.String({ maxLength: 200 })),
          outcome: Type.Optional(Type.String({ maxLength: 20 })),
          since: Type.Optional(Type.String({ format: 'date-time' })),
          before: Type.Optional(Type.Integer({ minimum: 1, description: 'id to page below' })),
          perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
        }),
      },
    },
    async (request) => {
      const q = request.query as {
        principal?: string;
        action?: string;
        outcome?: string;
        since?: string;
        before?: number;
        perPage?: number;
      };
      return scoped(request, async (trx) => {
        let query = trx
          .selectFrom('audit_log')
          .selectAll()
          .orderBy('id', 'desc')
          .limit(q.perPage ?? 100);
        if (q.principal) query = query.where('principal', '=', q.principal);
        if (q.action)
          query = query.where('action', 'like', `${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
        if (q.outcome) query = query.where('outcome', '=', q.outcome);
        if (q.since) query = query.where('at', '>=', new Date(q.since));
        if (q.before) query = query.where('id', '<', String(q.before));
        return query.execute();
      });
    },
  );
}
