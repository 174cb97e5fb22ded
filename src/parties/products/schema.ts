import { type Static, type TSchema, Type } from 'typebox';
import { pageQuery } from '../paging.js';
import { approvalTypes, keysOf } from '../vocabulary.js';

const nullable = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]));

const Approval = Type.Object(
  {
    type: Type.Enum(keysOf(approvalTypes)),
    number: Type.String({ minLength: 1, maxLength: 100, description: '批准文号, 农药登记证号 …' }),
  },
  { additionalProperties: false },
);

const fields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  category: Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'catalog key, e.g. edible-farm.crops.tea',
  }),
  specification: Type.String({ minLength: 1, maxLength: 200, description: '规格, e.g. 500g/袋' }),
  unit: Type.String({ minLength: 1, maxLength: 20, description: 'unit of trade, e.g. 袋, kg' }),
  shelfLifeDays: Type.Integer({ minimum: 1, maximum: 36500 }),
  approvals: Type.Array(Approval, { maxItems: 20 }),
  imageRef: Type.String({ minLength: 1, maxLength: 500, description: 'URL or file id' }),
};

export const ProductBody = Type.Object(
  {
    enterprise: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 40,
        description: "credit code; defaults to the key's enterprise",
      }),
    ),
    gtin: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    code: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z0-9._-]{1,40}$',
        description: 'own product code, when there is no GTIN',
      }),
    ),
    name: fields.name,
    category: fields.category,
    specification: Type.Optional(fields.specification),
    unit: Type.Optional(fields.unit),
    shelfLifeDays: Type.Optional(fields.shelfLifeDays),
    approvals: Type.Optional(fields.approvals),
    imageRef: Type.Optional(fields.imageRef),
  },
  { additionalProperties: false },
);
export type ProductBody = Static<typeof ProductBody>;

export const ProductPatch = Type.Object(
  {
    name: Type.Optional(fields.name),
    category: Type.Optional(fields.category),
    specification: nullable(fields.specification),
    unit: nullable(fields.unit),
    shelfLifeDays: nullable(fields.shelfLifeDays),
    approvals: Type.Optional(fields.approvals),
    imageRef: nullable(fields.imageRef),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ProductPatch = Static<typeof ProductPatch>;

export const ProductListQuery = Type.Object(
  {
    enterprise: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    category: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'a catalog key and below' }),
    ),
    gtin: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    approval: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'an approval number' })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'part of the name' })),
    ...pageQuery,
  },
  { additionalProperties: false },
);
export type ProductListQuery = Static<typeof ProductListQuery>;

export const ProductParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) });
