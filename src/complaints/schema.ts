import { type Static, Type } from 'typebox';
import { pageQuery } from '../parties/paging.js';

export const categories = [
  'quality', // 质量问题
  'safety', // 食品/药品安全
  'counterfeit', // 假冒伪劣
  'label', // 标签标识
  'expired', // 过期
  'price', // 价格
  'service', // 服务
  'other',
] as const;

export const ComplaintBody = Type.Object(
  {
    code: Type.Optional(
      Type.String({ maxLength: 512, description: 'The trace code the complaint is about' }),
    ),
    contact: Type.String({
      minLength: 3,
      maxLength: 100,
      description: 'Phone or e-mail; never shown publicly',
    }),
    description: Type.String({ minLength: 2, maxLength: 4000 }),
    category: Type.Optional(
      Type.Union(
        categories.map((c) => Type.Literal(c)),
        {
          description:
            'quality 质量, safety 安全, counterfeit 假冒, label 标签, expired 过期, price 价格, service 服务, other 其他',
        },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ComplaintBody = Static<typeof ComplaintBody>;

export const TicketParams = Type.Object({ ticket: Type.String({ pattern: '^TS[0-9A-Z]{8,20}$' }) });

export const TicketQuery = Type.Object(
  {
    contact: Type.Optional(
      Type.String({ maxLength: 100, description: 'The contact given: proves the ticket is yours' }),
    ),
  },
  { additionalProperties: false },
);

export const ComplaintListQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union([
        Type.Literal('received'),
        Type.Literal('acknowledged'),
        Type.Literal('answered'),
        Type.Literal('closed'),
      ]),
    ),
    overdue: Type.Optional(Type.Boolean({ description: 'Only complaints past a deadline' })),
    enterprise: Type.Optional(Type.String({ maxLength: 18 })),
    source: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('api'), Type.Literal('hotline')])),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    ...pageQuery,
  },
  { additionalProperties: false },
);
export type ComplaintListQuery = Static<typeof ComplaintListQuery>;

export const ActBody = Type.Object(
  {
    message: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
    public: Type.Optional(
      Type.Boolean({ description: 'Show the message on the public ticket page (default true for answers)' }),
    ),
    unfounded: Type.Optional(
      Type.Boolean({
        description:
          'Close only, regulators only: the complaint is unfounded (查无实据); it does not count against the enterprise’s credit',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ActBody = Static<typeof ActBody>;

export const DeadlineBody = Type.Object(
  {
    region: Type.String({
      pattern: '^\\d{0,6}$',
      description: 'GB/T 2260 prefix; empty = everywhere (administrators)',
    }),
    acknowledgeHours: Type.Integer({ minimum: 1, maximum: 720 }),
    answerDays: Type.Integer({ minimum: 1, maximum: 365 }),
  },
  { additionalProperties: false },
);
export type DeadlineBody = Static<typeof DeadlineBody>;

export const PhotoParams = Type.Object({
  ticket: Type.String({ pattern: '^TS[0-9A-Z]{8,20}$' }),
  n: Type.Integer({ minimum: 1, maximum: 3 }),
});
