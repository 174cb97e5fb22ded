import type { FastifyInstance } from 'fastify';
import { catalogRoutes } from './catalog/routes.js';
import { credentialRoutes } from './credentials/routes.js';
import { enterpriseRoutes } from './enterprises/routes.js';
import { locationRoutes } from './locations/routes.js';
import { merchantRoutes } from './merchants/routes.js';
import { productRoutes } from './products/routes.js';

/** Parties and master data under /api: enterprises and what they own, products, the catalog. */
export async function partyRoutes(app: FastifyInstance): Promise<void> {
  await app.register(enterpriseRoutes);
  await app.register(merchantRoutes);
  await app.register(credentialRoutes);
  await app.register(locationRoutes);
  await app.register(productRoutes);
  await app.register(catalogRoutes);
}
