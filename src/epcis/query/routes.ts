import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { Principal } from '../../auth/principal.js';
import { scoped } from '../../db/scoped.js';
import { DomainError } from '../../http/errors.js';
import { parseEventQuery } from './params.js';
import { sendEvents, storedQueryValues } from './respond.js';

type QueryValues = Record<string, string | string[] | undefined>;
const queryTags = { tags: ['Events'], security: [{ apiKey: [] }] };

const QueryDefinition = Type.Object(
  {
    name: Type.String({ pattern: '^[\\w.-]{1,100}$', description: 'Unique query name' }),
    query: Type.Record(
      Type.String(),
      Type.Union([Type.Array(Type.String()), Type.String(), Type.Number(), Type.Boolean()]),
    ),
  },
  { additionalProperties: false },
);

export async function queryRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/events',
    {
      config: { access: 'query' },
      schema: { ...queryTags, summary: 'Query events with the EPCIS 2.0 query parameters' },
    },
    async (request, reply) => sendEvents(request, reply, 'SimpleEventQuery', request.query as QueryValues),
  );

  app.get(
    '/events/:eventID',
    {
      config: { access: 'query' },
      schema: {
        ...queryTags,
        summary: 'One event by its eventID',
        params: Type.Object({ eventID: Type.String({ maxLength: 2048 }) }),
      },
    },
    async (request, reply) => {
      const { eventID } = request.params as { eventID: string };
      const exists = await scoped(request, (trx) =>
        trx.selectFrom('events').select('id').where('event_id', '=', eventID).executeTakeFirst(),
      );
      if (!exists) throw new DomainError('NOT_FOUND', `No event ${eventID}`);
      return sendEvents(request, reply, 'SimpleEventQuery', {}, [sql`e.id = ${exists.id}::bigint`]);
    },
  );

  app.post(
    '/queries',
    {
      config: { access: 'query' },
      schema: {
        tags: ['Queries'],
        security: [{ apiKey: [] }],
        summary: 'Create a named query',
        body: QueryDefinition,
      },
    },
    async (request, reply) => {
      const { name, query } = request.body as { name: string; query: Record<string, unknown> };
      const values = storedQueryValues(query);
      for (const key of ['nextPageToken', 'perPage']) delete values[key];
      parseEventQuery(values); // refuses unknown or malformed parameters now, not at every run
      const inserted = await app.database.db
        .insertInto('named_queries')
        .values({ name, owner: request.principal.id, query: JSON.stringify(query) })
        .onConflict((oc) => oc.columns(['owner', 'name']).doNothing())
        .returning('name')
        .executeTakeFirst();
      if (!inserted)
        throw new DomainError('QUERY_EXISTS', `You already have a query named ${name}`, [
          { pointer: '/name', message: 'already used' },
        ]);
      return reply.status(201).header('Location', `/epcis/queries/${name}`).send({ name, query });
    },
  );

  app.get(
    '/queries',
    {
      config: { access: 'query' },
      schema: { tags: ['Queries'], security: [{ apiKey: [] }], summary: 'Named queries' },
    },
    async (request) => {
      const admin = request.principal.scopes.has('admin');
      return app.database.db
        .selectFrom('named_queries')
        .select(['name', 'query'])
        .$if(!admin, (qb) => qb.where('owner', '=', request.principal.id))
        .orderBy('name')
        .limit(1000)
        .execute();
    },
  );

  const named = Type.Object({ name: Type.String({ maxLength: 100 }) });
  /**
   * A named query is its creator's, in the creator's own namespace: others get 404, so definitions
   * (the EPCs someone watches) and even names do not leak. An administrator reaches any, its own first.
   */
  const find = async (name: string, principal: Principal) => {
    const row = await app.database.db
      .selectFrom('named_queries')
      .selectAll()
      .where('name', '=', name)
      .$if(!principal.scopes.has('admin'), (qb) => qb.where('owner', '=', principal.id))
      .orderBy(sql`owner = ${principal.id}`, 'desc')
      .executeTakeFirst();
    if (!row) throw new DomainError('NOT_FOUND', `You have no query named ${name}`);
    return row;
  };

  app.get(
    '/queries/:name',
    {
      config: { access: 'query' },
      schema: { tags: ['Queries'], security: [{ apiKey: [] }], summary: 'A named query', params: named },
    },
    async (request) => {
      const row = await find((request.params as { name: string }).name, request.principal);
      return { name: row.name, query: row.query };
    },
  );

  app.delete(
    '/queries/:name',
    {
      config: { access: 'query' },
      schema: {
        tags: ['Queries'],
        security: [{ apiKey: [] }],
        summary: 'Delete a named query (its creator only)',
        params: named,
      },
    },
    async (request, reply) => {
      const row = await find((request.params as { name: string }).name, request.principal);
      await app.database.db
        .deleteFrom('named_queries')
        .where('name', '=', row.name)
        .where('owner', '=', row.owner)
        .execute();
      return reply.status(204).send();
    },
  );

  app.get(
    '/queries/:name/events',
    { config: { access: 'query' }, schema: { ...queryTags, summary: 'Run a named query', params: named } },
    async (request, reply) => {
      const row = await find((request.params as { name: string }).name, request.principal);
      const paging = request.query as QueryValues;
      const values = { ...storedQueryValues(row.query), ...pick(paging, ['perPage', 'nextPageToken']) };
      return sendEvents(request, reply, row.name, values);
    },
  );
}

function pick(values: QueryValues, keys: string[]): QueryValues {
  return Object.fromEntries(Object.entries(values).filter(([k]) => keys.includes(k)));
}
