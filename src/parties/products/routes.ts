import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { withDb } from '../db.js';
import { ProductBody, ProductListQuery, ProductParams, ProductPatch } from './schema.js';
import { createProduct, getProduct, listProducts, updateProduct } from './service.js';

const tags = ['Products'];
const security = [{ apiKey: [] }];

export async function productRoutes(app: FastifyInstance): Promise<void> {
  const id = (request: { params: unknown }) => (request.params as Static<typeof ProductParams>).id;

  app.post(
    '/products',
    {
      config: { access: 'capture' },
      schema: {
        tags,
        security,
        summary: 'Add a product (GTIN or own code) in a catalog category',
        body: ProductBody,
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await withDb(request, (db) => createProduct(db, request.principal, request.body as ProductBody)),
        ),
  );

  app.get(
    '/products',
    {
      config: { access: 'query' },
      schema: {
        tags,
        security,
        summary: 'Products you may see, filtered and paged',
        querystring: ProductListQuery,
      },
    },
    async (request) =>
      withDb(request, (db) => listProducts(db, request.principal, request.query as ProductListQuery)),
  );

  app.get(
    '/products/:id',
    {
      config: { access: 'query' },
      schema: { tags, security, summary: 'One product', params: ProductParams },
    },
    async (request) => withDb(request, (db) => getProduct(db, request.principal, id(request))),
  );

  app.patch(
    '/products/:id',
    {
      config: { access: 'capture' },
      schema: {
        tags,
        security,
        summary: 'Change a product (GTIN and code never change)',
        params: ProductParams,
        body: ProductPatch,
      },
    },
    async (request) =>
      withDb(request, (db) =>
        updateProduct(db, request.principal, id(request), request.body as ProductPatch),
      ),
  );
}
