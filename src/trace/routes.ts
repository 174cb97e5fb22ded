import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { Principal } from '../auth/principal.js';
import { scoped } from '../db/scoped.js';
import { DomainError } from '../http/errors.js';
import { excelType, impactWorkbook } from './excel.js';
import { holdings, scopePrefix } from './holdings.js';
import { impactOf } from './impact.js';
import { withPublicElements } from './public-elements.js';
import { HoldersQuery, ImpactQuery, TraceQuery } from './schema.js';
import { identifierOf, traceGraph } from './service.js';
import { mayAssessImpact, visibleTrace } from './visibility.js';

function refuseUnlessAssessor(principal: Principal): void {
  if (!mayAssessImpact(principal))
    throw new DomainError('FORBIDDEN', 'Holders and impact assessment are for regulators');
}

const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 512 }) });
const date = (v: string | undefined) => (v === undefined ? undefined : new Date(v));

/** Trace back and forward (来源可查、去向可追), holders, and impact assessment (销售范围及影响评估). */
export async function traceRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;
  app.get(
    '/trace/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Trace'],
        summary: 'Trace a code back and/or forward: objects, relations, parties and events',
        description:
          'Anonymous callers get the public subset (no party beyond the producer, no event IDs or locations); API keys get the full graph.',
        params: CodeParams,
        querystring: TraceQuery,
      },
    },
    async (request) => {
      const { code } = request.params as { code: string };
      const q = request.query as {
        direction: 'back' | 'forward' | 'both';
        depth: number;
        at?: string;
        limit: number;
      };
      const graph = await traceGraph(db, identifierOf(code), {
        direction: q.direction,
        depth: q.depth,
        at: date(q.at),
        limit: q.limit,
      });
      if (request.principal.kind === 'anonymous') {
        const visible = visibleTrace(graph, request.principal);
        return { ...visible, events: await withPublicElements(db, graph.events, visible.events) };
      }
      if (request.principal.scopes.has('admin')) return visibleTrace(graph, request.principal);
      const ids = graph.events.flatMap((e) => (e.eventId ? [e.eventId] : []));
      const readable =
        ids.length === 0
          ? []
          : await scoped(request, (trx) =>
              // = ANY(array): one parameter however many events a wide graph holds
              trx
                .selectFrom('events')
                .select('event_id')
                .where(sql<boolean>`event_id = ANY(${ids}::text[])`)
                .execute(),
            );
      return visibleTrace(graph, request.principal, new Set(readable.map((r) => r.event_id)));
    },
  );

  app.get(
    '/trace/:code/holders',
    {
      config: { access: 'query' },
      schema: {
        tags: ['Trace'],
        summary: 'Who holds how much of a lot or product now (received − shipped − sold − destroyed)',
        params: CodeParams,
        querystring: HoldersQuery,
      },
    },
    async (request) => {
      refuseUnlessAssessor(request.principal);
      const { code } = request.params as { code: string };
      const { at } = request.query as { at?: string };
      const uri = identifierOf(code);
      const holders = await holdings(db, [uri], { at: date(at), prefix: scopePrefix(uri) });
      return { uri, at: at ?? null, holders };
    },
  );

  const impactSchema = {
    tags: ['Trace'],
    querystring: ImpactQuery,
  };
  type ImpactParams = { lot: string[]; from?: string; to?: string };
  app.get(
    '/impact',
    {
      config: { access: 'query' },
      schema: {
        ...impactSchema,
        summary: 'Impact of problem lots: downstream codes, parties with quantities, public scans',
      },
    },
    async (request) => {
      refuseUnlessAssessor(request.principal);
      const q = request.query as ImpactParams;
      return impactOf(db, q.lot, { from: date(q.from), to: date(q.to) });
    },
  );
  app.get(
    '/impact.xlsx',
    {
      config: { access: 'query' },
      schema: { ...impactSchema, summary: 'The impact assessment as an Excel workbook (Chinese headers)' },
    },
    async (request, reply) => {
      refuseUnlessAssessor(request.principal);
      const q = request.query as ImpactParams;
      const impact = await impactOf(db, q.lot, { from: date(q.from), to: date(q.to) });
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .type(excelType)
        .header('Content-Disposition', `attachment; filename="impact-${stamp}.xlsx"`)
        .send(await impactWorkbook(impact));
    },
  );
}
