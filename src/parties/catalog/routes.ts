import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { withDb } from '../db.js';
import { getList, listLists, publishList } from './lists.js';
import {
  CatalogKeyParams,
  CatalogListBody,
  CatalogListParams,
  CatalogListQuery,
  CatalogNodeBody,
  CatalogQuery,
} from './schema.js';
import { addCatalogNode, catalogNode, catalogTree, vocabularies } from './service.js';

const tags = ['Catalog'];
const security = [{ apiKey: [] }];

export async function catalogRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/catalog',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The product catalog: industry → category → variety',
        querystring: CatalogQuery,
      },
    },
    async (request) => withDb(request, (db) => catalogTree(db, request.query as CatalogQuery)),
  );

  app.post(
    '/catalog',
    {
      config: { access: 'admin' },
      schema: { tags, security, summary: 'Add a category or variety to the catalog', body: CatalogNodeBody },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await withDb(request, (db) =>
            addCatalogNode(db, request.principal, request.body as CatalogNodeBody),
          ),
        ),
  );

  app.get(
    '/catalog/lists',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'Per-region key (重点) and encouraged (鼓励) traced-product lists: in effect, or every version',
        querystring: CatalogListQuery,
      },
    },
    async (request) => withDb(request, (db) => listLists(db, request.query as CatalogListQuery)),
  );

  app.post(
    '/catalog/lists',
    {
      config: { access: 'admin' },
      schema: { tags, security, summary: 'Publish a new version of a region list', body: CatalogListBody },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await withDb(request, (db) => publishList(db, request.principal, request.body as CatalogListBody)),
        ),
  );

  app.get(
    '/catalog/lists/:id',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'One list version', params: CatalogListParams },
    },
    async (request) =>
      withDb(request, (db) => getList(db, (request.params as Static<typeof CatalogListParams>).id)),
  );

  app.get(
    '/catalog/vocabularies',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Industries, node types, licence types … with labels' },
    },
    async () => vocabularies(),
  );

  app.get(
    '/catalog/:key',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'One category and its children', params: CatalogKeyParams },
    },
    async (request) =>
      withDb(request, (db) => catalogNode(db, (request.params as Static<typeof CatalogKeyParams>).key)),
  );
}
