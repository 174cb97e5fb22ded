import type { Principal } from '../src/auth/principal.js';
import type { Database } from '../src/db/database.js';
import { partiesDb } from '../src/parties/db.js';
import type { EnterpriseBody } from '../src/parties/enterprises/schema.js';
import { createEnterprise } from '../src/parties/enterprises/service.js';
import type { ProductBody } from '../src/parties/products/schema.js';
import { createProduct } from '../src/parties/products/service.js';
import { enterpriseBody } from '../src/parties/test-factories.js';

const operator: Principal = { id: 'test', kind: 'user', scopes: new Set(['admin']) };

/** Files the enterprise (once) and registers a product with this GTIN for it. */
export async function registerProduct(
  database: Database,
  enterprise: string,
  gtin: string,
  name = '测试产品',
): Promise<void> {
  const db = partiesDb(database.db);
  const exists = await db
    .selectFrom('enterprises')
    .select('credit_code')
    .where('credit_code', '=', enterprise)
    .executeTakeFirst();
  if (!exists)
    await createEnterprise(
      db,
      operator,
      enterpriseBody({ creditCode: enterprise, industries: ['food'] }) as EnterpriseBody,
    );
  await createProduct(db, operator, {
    enterprise,
    gtin,
    name,
    category: 'food.processed',
    unit: '盒',
  } as ProductBody);
}
