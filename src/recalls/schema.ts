import { type Static, Type } from 'typebox';
import { pageQuery } from '../parties/paging.js';

const identifiers = (description: string) =>
  Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 512 }), { maxItems: 100, description }));

export const RecallBody = Type.Object(
  {
    enterprise: Type.Optional(
      Type.String({
        minLength: 18,
        maxLength: 18,
        description: 'Responsible enterprise (统一社会信用代码); an enterprise key recalls for itself',
      }),
    ),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    reason: Type.String({
      minLength: 1,
      maxLength: 4000,
      description: 'e.g. 农药残留超标 (failed residue test)',
    }),
    severity: Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3)], {
      description: '1 = 一级 (most serious), 2 = 二级, 3 = 三级',
    }),
    products: identifiers('GTINs or product codes: every lot and item of them'),
    lots: identifiers('Lots (GS1 Digital Link with AI 10, suyuan lot codes …)'),
    codes: identifiers('Single codes'),
    respondDays: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 90,
        description: 'Holders answer within (default 1/2/3 days by severity)',
      }),
    ),
    completeDays: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 365,
        description: 'Recall completed within (default 10/20/30 days)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type RecallBody = Static<typeof RecallBody>;

export const RecallParams = Type.Object({ id: Type.String({ pattern: '^\\d{1,18}$' }) });

export const ReportBody = Type.Object(
  {
    holder: Type.Optional(
      Type.String({
        pattern: '^\\d{1,18}$',
        description: 'Holder row, when the caller holds in several units or reports for another',
      }),
    ),
    found: Type.Number({
      minimum: 0,
      maximum: 1e12,
      description: 'Found so far (totals to date, not increments)',
    }),
    returned: Type.Number({ minimum: 0, maximum: 1e12 }),
    destroyed: Type.Number({ minimum: 0, maximum: 1e12 }),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    final: Type.Optional(Type.Boolean({ description: 'Nothing more to report: the holder is done' })),
  },
  { additionalProperties: false },
);
export type ReportBody = Static<typeof ReportBody>;

export const CloseBody = Type.Object(
  { summary: Type.String({ minLength: 1, maxLength: 8000, description: 'Closure report text' }) },
  { additionalProperties: false },
);
export type CloseBody = Static<typeof CloseBody>;

export const RecallListQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    ...pageQuery,
  },
  { additionalProperties: false },
);
export type RecallListQuery = Static<typeof RecallListQuery>;

export const NoticeListQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union([
        Type.Literal('notified'),
        Type.Literal('acknowledged'),
        Type.Literal('reported'),
        Type.Literal('completed'),
      ]),
    ),
    ...pageQuery,
  },
  { additionalProperties: false },
);
export type NoticeListQuery = Static<typeof NoticeListQuery>;

export const ReportListQuery = Type.Object(
  {
    holder: Type.Optional(Type.String({ pattern: '^\\d{1,18}$', description: 'One holder row only' })),
    ...pageQuery,
  },
  { additionalProperties: false },
);
export type ReportListQuery = Static<typeof ReportListQuery>;

export const WebhookBody = Type.Object(
  {
    url: Type.String({ format: 'uri', maxLength: 2000, pattern: '^https?://' }),
    events: Type.Optional(
      Type.Array(Type.Union([Type.Literal('recall.notice'), Type.Literal('recall.reminder')]), {
        minItems: 1,
        maxItems: 2,
      }),
    ),
  },
  { additionalProperties: false },
);
export type WebhookBody = Static<typeof WebhookBody>;

export const severityLabel: Record<number, string> = { 1: '一级', 2: '二级', 3: '三级' };

/** 食品召回管理办法: notify within 1/2/3 days and complete within 10/20/30 days by level. */
export const defaultDays: Record<number, { respond: number; complete: number }> = {
  1: { respond: 1, complete: 10 },
  2: { respond: 2, complete: 20 },
  3: { respond: 3, complete: 30 },
};
