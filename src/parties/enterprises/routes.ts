import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { withDb } from '../db.js';
import { changeFiling, filingHistory } from './filing.js';
import {
  CreditCodeParams,
  EnterpriseBody,
  EnterpriseListQuery,
  EnterprisePatch,
  FilingBody,
} from './schema.js';
import { createEnterprise, getEnterprise, listEnterprises, updateEnterprise } from './service.js';

const tags = ['Enterprises'];
const security = [{ apiKey: [] }];
type Params = Static<typeof CreditCodeParams>;

export async function enterpriseRoutes(app: FastifyInstance): Promise<void> {
  const code = (request: { params: unknown }) => (request.params as Params).creditCode.toUpperCase();

  app.post(
    '/enterprises',
    {
      config: { access: 'capture' },
      bodyLimit: 16384,
      schema: {
        tags,
        security,
        summary: 'Apply for filing (备案): the enterprise starts applied',
        body: EnterpriseBody,
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await withDb(request, (db) =>
            createEnterprise(db, request.principal, request.body as EnterpriseBody),
          ),
        ),
  );

  app.get(
    '/enterprises',
    {
      config: { access: 'query' },
      schema: {
        tags,
        security,
        summary: 'Enterprises you may see (all for admins), filtered and paged',
        querystring: EnterpriseListQuery,
      },
    },
    async (request) =>
      withDb(request, (db) => listEnterprises(db, request.principal, request.query as EnterpriseListQuery)),
  );

  app.get(
    '/enterprises/:creditCode',
    {
      config: { access: 'query' },
      schema: { tags, security, summary: 'One enterprise', params: CreditCodeParams },
    },
    async (request) => withDb(request, (db) => getEnterprise(db, request.principal, code(request))),
  );

  app.patch(
    '/enterprises/:creditCode',
    {
      config: { access: 'capture' },
      bodyLimit: 16384,
      schema: {
        tags,
        security,
        summary: 'Change master data (the credit code never changes)',
        params: CreditCodeParams,
        body: EnterprisePatch,
      },
    },
    async (request) =>
      withDb(request, (db) =>
        updateEnterprise(db, request.principal, code(request), request.body as EnterprisePatch),
      ),
  );

  app.post(
    '/enterprises/:creditCode/filing',
    {
      config: { access: 'user' },
      schema: {
        tags,
        security,
        summary: 'Change the filing status (approve, suspend, reinstate, cancel), with the reason',
        params: CreditCodeParams,
        body: FilingBody,
      },
    },
    async (request) =>
      withDb(request, (db) => changeFiling(db, request.principal, code(request), request.body as FilingBody)),
  );

  app.get(
    '/enterprises/:creditCode/filing',
    {
      config: { access: 'query' },
      schema: { tags, security, summary: 'Filing status and its history', params: CreditCodeParams },
    },
    async (request) => withDb(request, (db) => filingHistory(db, request.principal, code(request))),
  );
}
