import { sql } from 'kysely';
import type { Principal } from '../../auth/principal.js';
import { DomainError, type FieldError } from '../../http/errors.js';
import { lookupRegion } from '../../identifiers/index.js';
import { isAdmin, notFound } from '../access.js';
import { isCalendarDay, refuseIf, todayInChina } from '../common.js';
import type { CatalogList, PartiesDb } from '../db.js';
import { transact } from '../db.js';
import { paginate } from '../paging.js';
import type { CatalogListBody, CatalogListQuery } from './schema.js';

// Per-region lists of key (重点) and encouraged (鼓励) traced products. Versions of one region and
// kind follow each other: publishing version n+1 ends version n on the day n+1 takes effect, and
// every version stays readable.

/** Publishing a region's list is a regulator's act for that region; until regulators exist, admins'. */
export function mayPublishList(principal: Principal, _region: string): boolean {
  return isAdmin(principal);
}

type Row = CatalogList;

async function withItems(db: PartiesDb, rows: Row[]) {
  const ids = rows.map((r) => r.id);
  const items = ids.length
    ? await db
        .selectFrom('catalog_list_items as i')
        .innerJoin('catalog_nodes as n', 'n.key', 'i.category')
        .select(['i.list_id', 'n.key', 'n.name_zh', 'n.name_en'])
        .where('i.list_id', 'in', ids)
        .orderBy('n.key')
        .execute()
    : [];
  return rows.map((row) => ({
    id: row.id,
    region: row.region,
    regionName: lookupRegion(row.region).region?.chain ?? [],
    kind: row.kind,
    version: row.version,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    note: row.note,
    publishedBy: row.published_by,
    publishedAt: row.published_at,
    items: items
      .filter((i) => i.list_id === row.id)
      .map((i) => ({ key: i.key, nameZh: i.name_zh, nameEn: i.name_en })),
  }));
}

export async function publishList(db: PartiesDb, principal: Principal, body: CatalogListBody) {
  if (!mayPublishList(principal, body.region)) {
    throw new DomainError(
      'FORBIDDEN',
      'Publishing a traced-product list needs a regulator of the region (today: admin)',
    );
  }
  const errors: FieldError[] = [];
  const region = lookupRegion(body.region);
  if (!region.valid) errors.push({ pointer: '/region', message: region.errors.join('; ') });
  if (!isCalendarDay(body.effectiveFrom))
    errors.push({ pointer: '/effectiveFrom', message: 'is not a calendar day' });
  const known = await db.selectFrom('catalog_nodes').select('key').where('key', 'in', body.items).execute();
  const found = new Set(known.map((k) => k.key));
  body.items.forEach((key, i) => {
    if (!found.has(key))
      errors.push({ pointer: `/items/${i}`, message: `the catalog has no category ${key}` });
  });
  refuseIf(errors, 'The list cannot be published');
  const row = await transact(db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`catalog_lists:${body.region}:${body.kind}`}))`.execute(
      trx,
    );
    const latest = await trx
      .selectFrom('catalog_lists')
      .selectAll()
      .where('region', '=', body.region)
      .where('kind', '=', body.kind)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (latest && body.effectiveFrom <= latest.effective_from) {
      refuseIf(
        [
          {
            pointer: '/effectiveFrom',
            message: `must be after ${latest.effective_from}, when version ${latest.version} took effect`,
          },
        ],
        'A new version must take effect after the current one',
      );
    }
    if (latest) {
      await trx
        .updateTable('catalog_lists')
        .set({ effective_to: body.effectiveFrom })
        .where('id', '=', latest.id)
        .execute();
    }
    const inserted = await trx
      .insertInto('catalog_lists')
      .values({
        region: body.region,
        kind: body.kind,
        version: (latest?.version ?? 0) + 1,
        effective_from: body.effectiveFrom,
        effective_to: null,
        note: body.note ?? null,
        published_by: principal.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('catalog_list_items')
      .values(body.items.map((category) => ({ list_id: inserted.id, category })))
      .execute();
    return inserted;
  });
  return (await withItems(db, [row]))[0];
}

export async function listLists(db: PartiesDb, query: CatalogListQuery) {
  let rows = db.selectFrom('catalog_lists').selectAll();
  if (query.region) rows = rows.where('region', '=', query.region);
  if (query.kind) rows = rows.where('kind', '=', query.kind);
  if (!query.history) {
    const at = query.at ?? todayInChina();
    rows = rows
      .where('effective_from', '<=', at)
      .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', at)]));
  }
  const page = await paginate(
    rows.orderBy('region').orderBy('kind').orderBy('version', 'desc'),
    query,
    (r) => r,
  );
  return { ...page, items: await withItems(db, page.items) };
}

export async function getList(db: PartiesDb, id: string) {
  const row = await db.selectFrom('catalog_lists').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`catalog list ${id}`);
  return (await withItems(db, [row]))[0];
}
