import { type SelectQueryBuilder, sql } from 'kysely';
import { Type } from 'typebox';

export const pageQuery = {
  page: Type.Integer({ minimum: 1, maximum: 100000, default: 1, description: 'Page number, from 1' }),
  perPage: Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Rows per page' }),
};

export interface Paging {
  page: number;
  perPage: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  perPage: number;
}

/** Runs a filtered, ordered query for one page and counts every row the filters select. */
export async function paginate<DB, TB extends keyof DB, O, T>(
  query: SelectQueryBuilder<DB, TB, O>,
  paging: Paging,
  view: (row: O) => T,
): Promise<Page<T>> {
  const rows = await query
    .limit(paging.perPage)
    .offset((paging.page - 1) * paging.perPage)
    .execute();
  const counted = await query
    .clearSelect()
    .clearOrderBy()
    .select(sql<string>`count(*)`.as('total'))
    .executeTakeFirst();
  const total = Number((counted as { total?: string } | undefined)?.total ?? 0);
  return { items: rows.map(view), total, page: paging.page, perPage: paging.perPage };
}

/** A LIKE pattern matching the text anywhere, with the wildcards in it taken literally. */
export function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}
