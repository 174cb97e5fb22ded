import { sql } from 'kysely';
import type { Principal } from '../../auth/principal.js';
import { DomainError, type FieldError } from '../../http/errors.js';
import { parseGtin } from '../../identifiers/index.js';
import { enterpriseOfRequest, notFound, productsVisibleTo, writableEnterprise } from '../access.js';
import { refuseIf, uniqueViolation } from '../common.js';
import type { Enterprise, PartiesDb, Product } from '../db.js';
import { transact } from '../db.js';
import { containing, paginate } from '../paging.js';
import type { ProductBody, ProductListQuery, ProductPatch } from './schema.js';

type Row = Product;

function view(row: Row) {
  return {
    id: row.id,
    enterprise: row.enterprise,
    gtin: row.gtin,
    code: row.code,
    name: row.name,
    category: row.category,
    specification: row.specification,
    unit: row.unit,
    shelfLifeDays: row.shelf_life_days,
    approvals: row.approvals,
    imageRef: row.image_ref,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The category must be in the catalog, below an industry; outside the enterprise's industries warns. */
async function checkCategory(db: PartiesDb, key: string, enterprise: Enterprise, warnings: FieldError[]) {
  const node = await db.selectFrom('catalog_nodes').selectAll().where('key', '=', key).executeTakeFirst();
  if (!node) {
    refuseIf([{ pointer: '/category', message: `the catalog has no category ${key}` }], 'Unknown category');
  } else if (node.level === 'industry') {
    refuseIf(
      [{ pointer: '/category', message: `${key} is an industry; give a category or variety under it` }],
      'Category too broad',
    );
  }
  const industry = key.split('.')[0] ?? key;
  if (!enterprise.industries.includes(industry)) {
    warnings.push({ pointer: '/category', message: `the enterprise is not filed for industry ${industry}` });
  }
}

function duplicate(error: unknown): DomainError | undefined {
  const constraint = uniqueViolation(error);
  if (constraint === undefined) return undefined;
  const field = constraint.includes('gtin') ? 'gtin' : 'code';
  return new DomainError('VALIDATION_FAILED', 'The product is already recorded', [
    { pointer: `/${field}`, message: `this enterprise already has a product with this ${field}` },
  ]);
}

export async function createProduct(db: PartiesDb, principal: Principal, body: ProductBody) {
  const errors: FieldError[] = [];
  let gtin: string | null = null;
  if (body.gtin !== undefined) {
    const parsed = parseGtin(body.gtin);
    if (parsed.ok) gtin = parsed.value;
    else errors.push({ pointer: '/gtin', message: parsed.error });
  } else if (body.code === undefined) {
    errors.push({ pointer: '/gtin', message: 'give a GTIN or an own product code (code)' });
  }
  refuseIf(errors, 'The product is invalid');
  const code = enterpriseOfRequest(principal, body.enterprise);
  const warnings: FieldError[] = [];
  try {
    const row = await transact(db, async (trx) => {
      const enterprise = await writableEnterprise(trx, principal, code);
      await checkCategory(trx, body.category, enterprise, warnings);
      return trx
        .insertInto('products')
        .values({
          enterprise: code,
          gtin,
          code: body.code ?? null,
          name: body.name,
          category: body.category,
          specification: body.specification ?? null,
          unit: body.unit ?? null,
          shelf_life_days: body.shelfLifeDays ?? null,
          approvals: JSON.stringify(body.approvals ?? []),
          image_ref: body.imageRef ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
    return { ...view(row), warnings };
  } catch (error) {
    throw duplicate(error) ?? error;
  }
}

export async function updateProduct(db: PartiesDb, principal: Principal, id: string, patch: ProductPatch) {
  const warnings: FieldError[] = [];
  const row = await transact(db, async (trx) => {
    const current = await productsVisibleTo(trx, principal)
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound(`product ${id}`);
    const enterprise = await writableEnterprise(trx, principal, current.enterprise);
    if (patch.category !== undefined) await checkCategory(trx, patch.category, enterprise, warnings);
    return trx
      .updateTable('products')
      .set({
        name: patch.name,
        category: patch.category,
        specification: patch.specification,
        unit: patch.unit,
        shelf_life_days: patch.shelfLifeDays,
        approvals: patch.approvals === undefined ? undefined : JSON.stringify(patch.approvals),
        image_ref: patch.imageRef,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  return { ...view(row), warnings };
}

export async function getProduct(db: PartiesDb, principal: Principal, id: string) {
  const row = await productsVisibleTo(db, principal).selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`product ${id}`);
  return view(row);
}

export async function listProducts(db: PartiesDb, principal: Principal, query: ProductListQuery) {
  let rows = productsVisibleTo(db, principal).selectAll();
  if (query.enterprise) rows = rows.where('enterprise', '=', query.enterprise.toUpperCase());
  if (query.category) {
    const key = query.category;
    rows = rows.where((eb) =>
      eb.or([eb('category', '=', key), eb('category', 'like', `${containing(key).slice(1, -1)}.%`)]),
    );
  }
  if (query.gtin) {
    const parsed = parseGtin(query.gtin);
    rows = rows.where('gtin', '=', parsed.ok ? parsed.value : query.gtin);
  }
  if (query.code) rows = rows.where('code', '=', query.code);
  if (query.approval)
    rows = rows.where(sql`approvals`, '@>', sql`${JSON.stringify([{ number: query.approval }])}::jsonb`);
  if (query.q) rows = rows.where('name', 'ilike', containing(query.q));
  return paginate(rows.orderBy('enterprise').orderBy('id'), query, view);
}
