import type { FastifyInstance } from 'fastify';
import { DomainError } from '../http/errors.js';
import { mayOversee } from '../recalls/rights.js';
import { creditDb, withCreditDb } from './db.js';
import {
  blacklistSubject,
  insertBlacklist,
  listAlerts,
  listBlacklist,
  listNotices,
  listSpotChecks,
  publishAlert,
  publishNotice,
  recordSpotCheck,
  removeFromBlacklist,
  withdraw,
} from './publish.js';
import {
  AlertBody,
  BlacklistBody,
  CreditCodeParams,
  IdParams,
  NoticeBody,
  PublicListQuery,
  RemovalBody,
  SpotCheckBody,
  SpotCheckQuery,
} from './schema.js';
import { creditOf } from './score.js';

const tags = ['Credit'];
const security = [{ apiKey: [] }];
type Id = { id: string };

/** Credit (信用): score, blacklist, consumer alerts, policy notices, spot checks, under /api. */
export async function creditRoutes(app: FastifyInstance): Promise<void> {
  const system = creditDb(app.database.db);

  const publicList = (
    url: string,
    summary: string,
    list: (db: typeof system, q: PublicListQuery) => Promise<unknown>,
  ) =>
    app.get(
      url,
      { config: { access: 'public' }, schema: { tags, summary, querystring: PublicListQuery } },
      async (request) => list(system, request.query as PublicListQuery),
    );
  publicList('/alerts', 'Consumer alerts (消费提示) published by regulators', listAlerts);
  publicList('/notices', 'Policy notices (政策公告) published by regulators', listNotices);
  publicList(
    '/blacklist',
    'The quality-dishonesty blacklist (质量失信黑名单) in force: enterprise, credit code, reason, period',
    listBlacklist,
  );

  app.post(
    '/alerts',
    {
      config: { access: 'user' },
      bodyLimit: 65536,
      schema: { tags, security, summary: 'Publish a consumer alert (regulators)', body: AlertBody },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await withCreditDb(request, (db) => publishAlert(db, request.principal, request.body as AlertBody)),
        ),
  );
  app.post(
    '/notices',
    {
      config: { access: 'user' },
      bodyLimit: 131072,
      schema: { tags, security, summary: 'Publish a policy notice (regulators)', body: NoticeBody },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await withCreditDb(request, (db) =>
            publishNotice(db, request.principal, request.body as NoticeBody),
          ),
        ),
  );
  for (const table of ['alerts', 'notices'] as const)
    app.delete(
      `/${table}/:id`,
      {
        config: { access: 'user' },
        schema: { tags, security, summary: `Withdraw one of the ${table}`, params: IdParams },
      },
      async (request, reply) => {
        await withCreditDb(request, (db) =>
          withdraw(db, request.principal, table, (request.params as Id).id),
        );
        return reply.status(204).send();
      },
    );

  app.post(
    '/blacklist',
    {
      config: { access: 'user' },
      bodyLimit: 16384,
      schema: {
        tags,
        security,
        summary: 'Put an enterprise on the blacklist for a period (its regulators)',
        body: BlacklistBody,
      },
    },
    async (request, reply) => {
      const body = request.body as BlacklistBody;
      const who = await blacklistSubject(system, request.principal, body);
      return reply
        .status(201)
        .send(await withCreditDb(request, (db) => insertBlacklist(db, request.principal, body, who)));
    },
  );
  app.post(
    '/blacklist/:id/removal',
    {
      config: { access: 'user' },
      bodyLimit: 4096,
      schema: {
        tags,
        security,
        summary: 'Take an entry off the blacklist, with the reason',
        params: IdParams,
        body: RemovalBody,
      },
    },
    async (request) => {
      const { reason } = request.body as { reason: string };
      await withCreditDb(request, (db) =>
        removeFromBlacklist(db, request.principal, (request.params as Id).id, reason),
      );
      return { removed: true };
    },
  );

  app.post(
    '/spotchecks',
    {
      config: { access: 'user' },
      bodyLimit: 16384,
      schema: {
        tags,
        security,
        summary: 'Record a spot check (随机抽查) and its result (regulators)',
        body: SpotCheckBody,
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await withCreditDb(request, (db) =>
            recordSpotCheck(db, request.principal, request.body as SpotCheckBody),
          ),
        ),
  );
  app.get(
    '/spotchecks',
    {
      config: { access: 'user' },
      schema: { tags, security, summary: 'Spot checks you may see', querystring: SpotCheckQuery },
    },
    async (request) => withCreditDb(request, (db) => listSpotChecks(db, request.query as SpotCheckQuery)),
  );

  app.get(
    '/enterprises/:creditCode/credit',
    {
      config: { access: 'user' },
      schema: {
        tags,
        security,
        summary:
          'The credit score of an enterprise with its terms and indicators (formula: src/credit/README.md)',
        params: CreditCodeParams,
      },
    },
    async (request) => {
      const enterprise = (request.params as { creditCode: string }).creditCode.toUpperCase();
      const allowed = await withCreditDb(request, (db) => mayOversee(db, enterprise));
      if (!allowed) throw new DomainError('NOT_FOUND', `No enterprise ${enterprise} you may see`);
      return creditOf(system, enterprise);
    },
  );
}
