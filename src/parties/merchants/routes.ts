import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { withDb } from '../db.js';
import { CreditCodeParams } from '../enterprises/schema.js';
import { MerchantBody, MerchantListQuery, MerchantParams, MerchantPatch } from './schema.js';
import { getMerchant, listMerchants, registerMerchant, updateMerchant } from './service.js';

const tags = ['Merchants'];
const security = [{ apiKey: [] }];

export async function merchantRoutes(app: FastifyInstance): Promise<void> {
  const market = (request: { params: unknown }) =>
    (request.params as Static<typeof CreditCodeParams>).creditCode.toUpperCase();
  const id = (request: { params: unknown }) => (request.params as Static<typeof MerchantParams>).id;

  app.post(
    '/enterprises/:creditCode/merchants',
    {
      config: { access: 'capture' },
      schema: {
        tags,
        security,
        summary: 'Register a stall holder (实名登记) under a market operator',
        params: CreditCodeParams,
        body: MerchantBody,
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await withDb(request, (db) =>
            registerMerchant(db, request.principal, market(request), request.body as MerchantBody),
          ),
        ),
  );

  app.get(
    '/enterprises/:creditCode/merchants',
    {
      config: { access: 'query' },
      schema: {
        tags,
        security,
        summary: 'Merchants of a market; ID numbers masked, found by exact number',
        params: CreditCodeParams,
        querystring: MerchantListQuery,
      },
    },
    async (request) =>
      withDb(request, (db) =>
        listMerchants(db, request.principal, market(request), request.query as MerchantListQuery),
      ),
  );

  app.get(
    '/enterprises/:creditCode/merchants/:id',
    {
      config: { access: 'query' },
      schema: { tags, security, summary: 'One merchant', params: MerchantParams },
    },
    async (request) =>
      withDb(request, (db) => getMerchant(db, request.principal, market(request), id(request))),
  );

  app.patch(
    '/enterprises/:creditCode/merchants/:id',
    {
      config: { access: 'capture' },
      schema: {
        tags,
        security,
        summary: 'Change a merchant (or deactivate it: merchants are never deleted)',
        params: MerchantParams,
        body: MerchantPatch,
      },
    },
    async (request) =>
      withDb(request, (db) =>
        updateMerchant(db, request.principal, market(request), id(request), request.body as MerchantPatch),
      ),
  );
}
