import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { withDb } from '../db.js';
import { LocationBody, LocationListQuery, LocationParams, LocationPatch } from './schema.js';
import { createLocation, getLocation, listLocations, updateLocation } from './service.js';

const tags = ['Locations'];
const security = [{ apiKey: [] }];

export async function locationRoutes(app: FastifyInstance): Promise<void> {
  const id = (request: { params: unknown }) => (request.params as Static<typeof LocationParams>).id;

  app.post(
    '/locations',
    {
      config: { access: 'capture' },
      schema: {
        tags,
        security,
        summary: 'Add a site, warehouse, stall or read point; its identifier is what EPCIS events name',
        body: LocationBody,
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await withDb(request, (db) => createLocation(db, request.principal, request.body as LocationBody)),
        ),
  );

  app.get(
    '/locations',
    {
      config: { access: 'query' },
      schema: {
        tags,
        security,
        summary: 'Locations you may see, filtered and paged',
        querystring: LocationListQuery,
      },
    },
    async (request) =>
      withDb(request, (db) => listLocations(db, request.principal, request.query as LocationListQuery)),
  );

  app.get(
    '/locations/:id',
    {
      config: { access: 'query' },
      schema: { tags, security, summary: 'One location', params: LocationParams },
    },
    async (request) => withDb(request, (db) => getLocation(db, request.principal, id(request))),
  );

  app.patch(
    '/locations/:id',
    {
      config: { access: 'capture' },
      schema: {
        tags,
        security,
        summary: 'Change a location (its identifier never changes)',
        params: LocationParams,
        body: LocationPatch,
      },
    },
    async (request) =>
      withDb(request, (db) =>
        updateLocation(db, request.principal, id(request), request.body as LocationPatch),
      ),
  );
}
