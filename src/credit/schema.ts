import { type Static, Type } from 'typebox';
import { Day } from '../parties/common.js';
import { pageQuery } from '../parties/paging.js';

const CreditCode = Type.String({ minLength: 18, maxLength: 18, description: '统一社会信用代码' });

export const PublicListQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 100 })), ...pageQuery },
  { additionalProperties: false },
);
export type PublicListQuery = Static<typeof PublicListQuery>;

export const AlertBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({ minLength: 1, maxLength: 20000 }),
    category: Type.Optional(Type.String({ maxLength: 100 })),
    region: Type.Optional(
      Type.String({ pattern: '^\\d{2,6}$', description: 'Where it applies (default: your region)' }),
    ),
    products: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type AlertBody = Static<typeof AlertBody>;

export const NoticeBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({ minLength: 1, maxLength: 50000 }),
    kind: Type.Optional(
      Type.Union([Type.Literal('policy'), Type.Literal('notice'), Type.Literal('regulation')]),
    ),
    region: Type.Optional(Type.String({ pattern: '^\\d{2,6}$' })),
  },
  { additionalProperties: false },
);
export type NoticeBody = Static<typeof NoticeBody>;

export const BlacklistBody = Type.Object(
  {
    enterprise: CreditCode,
    name: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'Required when the enterprise is not filed here',
      }),
    ),
    reason: Type.String({ minLength: 1, maxLength: 4000 }),
    from: Day,
    to: Type.Optional(Day),
  },
  { additionalProperties: false },
);
export type BlacklistBody = Static<typeof BlacklistBody>;

export const RemovalBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);

export const SpotCheckBody = Type.Object(
  {
    enterprise: CreditCode,
    checkedOn: Day,
    subject: Type.String({
      minLength: 1,
      maxLength: 500,
      description: 'What was checked (product, lot, ledger …)',
    }),
    code: Type.Optional(Type.String({ maxLength: 512 })),
    result: Type.Union([Type.Literal('pass'), Type.Literal('fail')]),
    findings: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);
export type SpotCheckBody = Static<typeof SpotCheckBody>;

export const SpotCheckQuery = Type.Object(
  {
    enterprise: Type.Optional(CreditCode),
    result: Type.Optional(Type.Union([Type.Literal('pass'), Type.Literal('fail')])),
    ...pageQuery,
  },
  { additionalProperties: false },
);
export type SpotCheckQuery = Static<typeof SpotCheckQuery>;

export const IdParams = Type.Object({ id: Type.String({ pattern: '^\\d{1,18}$' }) });
export const CreditCodeParams = Type.Object({ creditCode: Type.String({ minLength: 18, maxLength: 18 }) });
