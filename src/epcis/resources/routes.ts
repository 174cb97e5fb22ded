import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { Type } from 'typebox';
import { scoped } from '../../db/scoped.js';
import type { DB } from '../../db/types.js';
import { DomainError } from '../../http/errors.js';
import { canonicalEpc } from '../../identifiers/epc.js';
import { cbvBare, cbvTerms } from '../cbv.js';
import { epcisContext } from '../format/event.js';
import { sendEvents } from '../query/respond.js';

type QueryValues = Record<string, string | string[] | undefined>;
const eventTypes = [
  'ObjectEvent',
  'AggregationEvent',
  'TransactionEvent',
  'TransformationEvent',
  'AssociationEvent',
];

const collection = (member: string[]) => ({ '@context': [epcisContext], type: 'Collection', member });

interface Resource {
  path: string;
  /** The query parameter a member's /events applies. */
  parameter: string;
  /** Members: the values seen in stored events (most used first), plus standard terms. */
  members: (db: Kysely<DB>, limit: number) => Promise<string[]>;
  normalise: (value: string) => string;
}

async function distinct(
  db: Kysely<DB>,
  column: 'biz_step' | 'disposition' | 'read_point' | 'biz_location',
  limit: number,
) {
  const { rows } = await sql<{
    v: string;
  }>`SELECT ${sql.ref(column)} AS v FROM events WHERE ${sql.ref(column)} IS NOT NULL
    GROUP BY 1 ORDER BY count(*) DESC LIMIT ${limit}`.execute(db);
  return rows.map((r) => r.v);
}

const asId = (value: string) => {
  const parsed = canonicalEpc(value);
  if (!parsed.ok)
    throw new DomainError('BAD_QUERY_PARAMETER', `${value}: ${parsed.error}`, [
      { pointer: 'path', message: parsed.error },
    ]);
  return parsed.value;
};

const resources: Resource[] = [
  {
    path: 'eventTypes',
    parameter: 'eventType',
    members: async () => eventTypes,
    normalise: (v) => {
      if (!eventTypes.includes(v)) throw new DomainError('NOT_FOUND', `No event type ${v}`);
      return v;
    },
  },
  {
    path: 'bizSteps',
    parameter: 'EQ_bizStep',
    members: async (db, limit) => [
      ...new Set([...cbvTerms('bizStep'), ...(await distinct(db, 'biz_step', limit))]),
    ],
    normalise: (v) => cbvBare('bizStep', v),
  },
  {
    path: 'dispositions',
    parameter: 'EQ_disposition',
    members: async (db, limit) => [
      ...new Set([...cbvTerms('disposition'), ...(await distinct(db, 'disposition', limit))]),
    ],
    normalise: (v) => cbvBare('disposition', v),
  },
  {
    path: 'readPoints',
    parameter: 'EQ_readPoint',
    members: (db, limit) => distinct(db, 'read_point', limit),
    normalise: asId,
  },
  {
    path: 'bizLocations',
    parameter: 'EQ_bizLocation',
    members: (db, limit) => distinct(db, 'biz_location', limit),
    normalise: asId,
  },
  {
    path: 'epcs',
    parameter: 'MATCH_anyEPC',
    members: async (db, limit) => {
      const { rows } = await sql<{ v: string }>`SELECT DISTINCT epc AS v FROM event_epcs WHERE NOT is_class
        ORDER BY 1 LIMIT ${limit}`.execute(db);
      return rows.map((r) => r.v);
    },
    normalise: asId,
  },
];

const limitQuery = Type.Object({
  perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1000 })),
});
const valueParams = Type.Object({ value: Type.String({ minLength: 1, maxLength: 2048 }) });

/** The browsing resources of the EPCIS 2.0 REST binding (HATEOAS discovery). */
export async function resourceRoutes(app: FastifyInstance): Promise<void> {
  const tags = { tags: ['Top-level resources'], security: [{ apiKey: [] }] };
  app.get(
    '/',
    { config: { access: 'query' }, schema: { ...tags, summary: 'The top-level resources' } },
    async () =>
      collection([
        'events',
        'eventTypes',
        'epcs',
        'bizSteps',
        'bizLocations',
        'readPoints',
        'dispositions',
        'capture',
        'queries',
      ]),
  );
  for (const r of resources) {
    app.get(
      `/${r.path}`,
      {
        config: { access: 'query' },
        schema: { ...tags, summary: `Known ${r.path}`, querystring: limitQuery },
      },
      async (request) =>
        collection(
          await scoped(request, (trx) =>
            r.members(trx, (request.query as { perPage?: number }).perPage ?? 1000),
          ),
        ),
    );
    app.get(
      `/${r.path}/:value`,
      {
        config: { access: 'query' },
        schema: { ...tags, summary: `One of ${r.path}: its sub-resources`, params: valueParams },
      },
      async (request) => {
        r.normalise((request.params as { value: string }).value);
        return collection(['events']);
      },
    );
    app.get(
      `/${r.path}/:value/events`,
      {
        config: { access: 'query' },
        schema: { ...tags, summary: `Events of one of ${r.path}`, params: valueParams },
      },
      async (request, reply) => {
        const value = r.normalise((request.params as { value: string }).value);
        const query = { ...(request.query as QueryValues), [r.parameter]: value };
        return sendEvents(request, reply, 'SimpleEventQuery', query);
      },
    );
  }
}
