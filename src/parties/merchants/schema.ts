import { type Static, Type } from 'typebox';
import { CreditCodeParams } from '../enterprises/schema.js';
import { pageQuery } from '../paging.js';

const Phone = Type.String({ pattern: '^\\+?[0-9][0-9 ()-]{4,19}$' });

export const MerchantBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'real name (实名)' }),
    idNumber: Type.String({ minLength: 1, maxLength: 30, description: '居民身份证号; stored encrypted' }),
    stall: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'stall number (摊位号)' })),
    phone: Type.Optional(Phone),
  },
  { additionalProperties: false },
);
export type MerchantBody = Static<typeof MerchantBody>;

export const MerchantPatch = Type.Object(
  {
    name: Type.Optional(MerchantBody.properties.name),
    idNumber: Type.Optional(MerchantBody.properties.idNumber),
    stall: Type.Optional(Type.Union([MerchantBody.properties.stall, Type.Null()])),
    phone: Type.Optional(Type.Union([Phone, Type.Null()])),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type MerchantPatch = Static<typeof MerchantPatch>;

export const MerchantListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'part of the name' })),
    stall: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    idNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 30, description: 'exact ID number' })),
    active: Type.Optional(Type.Boolean()),
    ...pageQuery,
  },
  { additionalProperties: false },
);
export type MerchantListQuery = Static<typeof MerchantListQuery>;

export const MerchantParams = Type.Object({
  creditCode: CreditCodeParams.properties.creditCode,
  id: Type.String({ pattern: '^[0-9]{1,18}$' }),
});
