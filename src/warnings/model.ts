import type { Kysely, RawBuilder } from 'kysely';
import type { DB } from '../db/types.js';
import type { StoredEvent } from '../epcis/capture/checks.js';
import type { Severity } from './db.js';

export interface Lang {
  zh: string;
  en: string;
}

export type ParameterType = 'number' | 'text' | 'list' | 'boolean';

export interface Parameter {
  name: string;
  type: ParameterType;
  default: number | string | string[] | boolean;
  label: Lang;
  min?: number;
  max?: number;
}

/**
 * A warning a rule wants raised: the SELECT a rule returns yields these columns. `subject` is the
 * rule's key for "the same thing" (deduplication); `enterprise` the enterprise concerned; evidence
 * is jsonb {events, codes, parties, facts}.
 */
export interface CandidateColumns {
  subject: string;
  enterprise: string | null;
  code: string | null;
  message: string;
  evidence: unknown;
}

export interface RuleContext {
  trx: Kysely<DB>;
  /** The time the rule judges by (scheduled runs keep it across retries). */
  now: Date;
  /**
   * Scheduled runs: the judging time of the last finished run before this one (null: none, or at
   * capture). Rules over growing logs (receipts, public scans) look only at what is new since then.
   */
  since: Date | null;
  /**
   * A parameter's value as SQL for the enterprise named by the SQL expression `enterprise` (its
   * region and industries choose the settings). Numbers are float8, lists text[], booleans boolean.
   */
  param(name: string, enterprise: RawBuilder<unknown>): RawBuilder<unknown>;
}

export interface CaptureRuleContext extends RuleContext {
  /** The events just stored (events.id as text), and the events themselves. */
  events: StoredEvent[];
  pks: string[];
  /** The capturing enterprise (the owner of every event of the batch), if any. */
  enterprise: string | null;
}

/**
 * A warning rule (预警规则). `onCapture` runs in the capture transaction over the whole batch, as one
 * set-based statement (never one per event); `onSchedule` in the scheduled scan. Each returns a
 * SELECT of CandidateColumns, or undefined when there is nothing to look at.
 */
export interface Rule {
  id: string;
  name: Lang;
  description: Lang;
  severity: Severity;
  parameters: Parameter[];
  /** Cheap pre-check on the batch: skip the statement when no event can matter. */
  appliesTo?(events: StoredEvent[]): boolean;
  /**
   * At capture, a finer pre-check with the capturer's parameters (e.g. no event is late by the
   * limit, no reading is outside the range): skip the statement when it returns false.
   */
  worthLooking?(events: StoredEvent[], param: (name: string) => unknown): boolean;
  onCapture?(ctx: CaptureRuleContext): RawBuilder<CandidateColumns> | undefined;
  onSchedule?(ctx: RuleContext): RawBuilder<CandidateColumns> | undefined;
}

export const severities: readonly Severity[] = ['high', 'medium', 'low'];

export const severityLabels: Record<Severity, Lang> = {
  high: { zh: '高', en: 'High' },
  medium: { zh: '中', en: 'Medium' },
  low: { zh: '低', en: 'Low' },
};
