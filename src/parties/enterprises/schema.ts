import { type Static, Type } from 'typebox';
import { Coordinates } from '../common.js';
import { pageQuery } from '../paging.js';
import { industries, keysOf, nodeTypes } from '../vocabulary.js';

export const IndustryKey = Type.Enum(keysOf(industries), { description: 'one of the nine categories' });
export const NodeTypeKey = Type.Enum(keysOf(nodeTypes));
export const FilingStatusKey = Type.Enum(['applied', 'filed', 'suspended', 'cancelled']);

const Contact = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    phone: Type.String({ pattern: '^\\+?[0-9][0-9 ()-]{4,19}$', description: 'mobile or landline' }),
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Null()])),
  },
  { additionalProperties: false },
);

const fields = {
  name: Type.String({ minLength: 1, maxLength: 200, description: 'registered name' }),
  legalRepresentative: Type.String({ minLength: 1, maxLength: 100, description: '法定代表人' }),
  contact: Contact,
  region: Type.String({ pattern: '^[0-9]{6}$', description: 'GB/T 2260 county-level code' }),
  address: Type.String({ minLength: 1, maxLength: 500 }),
  coordinates: Type.Optional(Type.Union([Coordinates, Type.Null()])),
  industries: Type.Array(IndustryKey, { minItems: 1, uniqueItems: true }),
  nodeTypes: Type.Array(NodeTypeKey, { minItems: 1, uniqueItems: true }),
  gln: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 20 }), Type.Null()])),
};

export const EnterpriseBody = Type.Object(
  {
    creditCode: Type.String({ minLength: 1, maxLength: 40, description: '统一社会信用代码 (GB 32100)' }),
    ...fields,
  },
  { additionalProperties: false },
);
export type EnterpriseBody = Static<typeof EnterpriseBody>;

export const EnterprisePatch = Type.Object(
  {
    name: Type.Optional(fields.name),
    legalRepresentative: Type.Optional(fields.legalRepresentative),
    contact: Type.Optional(fields.contact),
    region: Type.Optional(fields.region),
    address: Type.Optional(fields.address),
    coordinates: fields.coordinates,
    industries: Type.Optional(fields.industries),
    nodeTypes: Type.Optional(fields.nodeTypes),
    gln: fields.gln,
  },
  { additionalProperties: false, minProperties: 1 },
);
export type EnterprisePatch = Static<typeof EnterprisePatch>;

export const EnterpriseListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'name or credit code' })),
    region: Type.Optional(
      Type.String({ pattern: '^[0-9]{2}([0-9]{2}([0-9]{2})?)?$', description: 'region code or prefix' }),
    ),
    industry: Type.Optional(IndustryKey),
    nodeType: Type.Optional(NodeTypeKey),
    status: Type.Optional(FilingStatusKey),
    ...pageQuery,
  },
  { additionalProperties: false },
);
export type EnterpriseListQuery = Static<typeof EnterpriseListQuery>;

export const CreditCodeParams = Type.Object({ creditCode: Type.String({ minLength: 1, maxLength: 40 }) });

export const FilingBody = Type.Object(
  {
    to: Type.Enum(['filed', 'suspended', 'cancelled']),
    reason: Type.String({ minLength: 1, maxLength: 1000, description: 'why; kept in the history' }),
  },
  { additionalProperties: false },
);
export type FilingBody = Static<typeof FilingBody>;
