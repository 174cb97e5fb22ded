import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { DB } from '../db/types.js';

// The tables of migration 0025, typed here (as src/parties/db.ts does) so the shared
// src/db/types.ts stays small; the warnings code reaches them through `warningsDb(db)`.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type Severity = 'high' | 'medium' | 'low';
export type WarningStatus = 'new' | 'acknowledged' | 'resolved' | 'dismissed';

export interface Evidence {
  events?: string[];
  codes?: string[];
  parties?: string[];
  facts?: Record<string, unknown>;
}

export interface WarningTable {
  id: Generated<string>;
  rule: string;
  severity: Severity;
  status: Generated<WarningStatus>;
  subject: string;
  enterprise: string | null;
  region: string | null;
  industries: ColumnType<string[], string[] | undefined, string[]>;
  code: string | null;
  message: string;
  evidence: ColumnType<Evidence, string, string>;
  source: 'capture' | 'schedule';
  raised_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface WarningHistoryTable {
  id: Generated<string>;
  warning_id: string;
  from_status: WarningStatus | null;
  to_status: WarningStatus;
  reason: string;
  changed_by: string;
  changed_at: Timestamp;
}

export interface WarningRuleSettingTable {
  id: Generated<string>;
  rule: string;
  region: string;
  industry: string;
  settings: ColumnType<Record<string, unknown>, string, string>;
  updated_by: string;
  updated_at: Timestamp;
}

export interface WarningRunTable {
  job_id: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  attempts: Generated<number>;
  scan_time: Timestamp;
}

export interface WarningRunRuleTable {
  job_id: string;
  rule: string;
  raised: number;
  finished_at: Timestamp;
}

export type WarningTables = {
  warnings: WarningTable;
  warning_history: WarningHistoryTable;
  warning_rule_settings: WarningRuleSettingTable;
  warning_runs: WarningRunTable;
  warning_run_rules: WarningRunRuleTable;
  enterprises: { credit_code: string; region: string; industries: string[]; status: string };
};

export type WarningsDb = Kysely<DB & WarningTables>;

export function warningsDb(db: Kysely<DB>): WarningsDb {
  return db.withTables<WarningTables>() as unknown as WarningsDb;
}

export type Warning = Selectable<WarningTable>;
export type WarningHistory = Selectable<WarningHistoryTable>;
export type RuleSetting = Selectable<WarningRuleSettingTable>;
