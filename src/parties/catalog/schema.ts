import { type Static, Type } from 'typebox';
import { Day } from '../common.js';
import { pageQuery } from '../paging.js';
import { industries, keysOf } from '../vocabulary.js';

export const CatalogQuery = Type.Object(
  { industry: Type.Optional(Type.Enum(keysOf(industries))) },
  { additionalProperties: false },
);
export type CatalogQuery = Static<typeof CatalogQuery>;

export const CatalogKeyParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 200 }) });

export const CatalogNodeBody = Type.Object(
  {
    parent: Type.String({ minLength: 1, maxLength: 200, description: 'an industry or a category key' }),
    key: Type.String({ pattern: '^[a-z0-9-]{1,40}$', description: 'the new last part of the key' }),
    nameZh: Type.String({ minLength: 1, maxLength: 100 }),
    nameEn: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type CatalogNodeBody = Static<typeof CatalogNodeBody>;

const ListKind = Type.Enum(['key', 'encouraged'], { description: 'key (重点) or encouraged (鼓励)' });

export const CatalogListBody = Type.Object(
  {
    region: Type.String({ pattern: '^[0-9]{6}$', description: 'GB/T 2260 code of the publishing region' }),
    kind: ListKind,
    effectiveFrom: Day,
    items: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
      minItems: 1,
      maxItems: 1000,
      uniqueItems: true,
    }),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type CatalogListBody = Static<typeof CatalogListBody>;

export const CatalogListQuery = Type.Object(
  {
    region: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
    kind: Type.Optional(ListKind),
    at: Type.Optional(Type.Union([Day], { description: 'lists in effect on this day (default today)' })),
    history: Type.Optional(Type.Boolean({ description: 'every version, superseded ones too' })),
    ...pageQuery,
  },
  { additionalProperties: false },
);
export type CatalogListQuery = Static<typeof CatalogListQuery>;

export const CatalogListParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) });
