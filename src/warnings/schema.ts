import { type Static, Type } from 'typebox';
import { pageQuery } from '../parties/paging.js';
import { industries } from '../parties/vocabulary.js';

const Severity = Type.Enum(['high', 'medium', 'low'], { description: '高 / 中 / 低' });
const Status = Type.Enum(['new', 'acknowledged', 'resolved', 'dismissed']);
const Region = Type.String({
  pattern: '^([0-9]{2}){1,3}$',
  description: 'GB/T 2260 code or prefix (46, 4601, 460105)',
});
const Instant = Type.String({ format: 'date-time' });

export const WarningListQuery = Type.Object(
  {
    rule: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9-]{1,63}$' })),
    severity: Type.Optional(Severity),
    status: Type.Optional(Status),
    region: Type.Optional(Region),
    enterprise: Type.Optional(Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$' })),
    code: Type.Optional(
      Type.String({ minLength: 1, maxLength: 500, description: 'any form the resolver accepts' }),
    ),
    from: Type.Optional(Instant),
    to: Type.Optional(Instant),
    ...pageQuery,
  },
  { additionalProperties: false },
);
export type WarningListQuery = Static<typeof WarningListQuery>;

export const WarningParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) });

export const WarningPatch = Type.Object(
  {
    status: Type.Enum(['acknowledged', 'resolved', 'dismissed'], {
      description: 'new → acknowledged → resolved | dismissed',
    }),
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type WarningPatch = Static<typeof WarningPatch>;

export const StatsQuery = Type.Object(
  {
    rule: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9-]{1,63}$' })),
    status: Type.Optional(Status),
    region: Type.Optional(Region),
    from: Type.Optional(Instant),
    to: Type.Optional(Instant),
  },
  { additionalProperties: false },
);
export type StatsQuery = Static<typeof StatsQuery>;

export const RuleParams = Type.Object({ id: Type.String({ pattern: '^[a-z][a-z0-9-]{1,63}$' }) });

const Scope = {
  region: Type.Optional(
    Type.String({
      pattern: '^([0-9]{2}){0,3}$',
      default: '',
      description: "GB/T 2260 prefix; '' everywhere",
    }),
  ),
  industry: Type.Optional(
    Type.Enum(['', ...Object.keys(industries)], { default: '', description: "industry key; '' all" }),
  ),
};

export const RuleScopeQuery = Type.Object(Scope, { additionalProperties: false });
export type RuleScopeQuery = Static<typeof RuleScopeQuery>;

export const RuleSettingBody = Type.Object(
  {
    ...Scope,
    enabled: Type.Optional(Type.Boolean()),
    severity: Type.Optional(Severity),
    parameters: Type.Optional(
      Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 32 }),
    ),
  },
  { additionalProperties: false },
);
export type RuleSettingBody = Static<typeof RuleSettingBody>;
