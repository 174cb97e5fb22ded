import type { FastifyRequest } from 'fastify';
import type { ColumnType, Generated, Kysely } from 'kysely';
import { scoped } from '../db/scoped.js';
import type { DB } from '../db/types.js';
import type { PartiesTables } from '../parties/db.js';

// The tables of migration 0030, typed here (as src/parties does) so the shared src/db/types.ts
// stays small; reached through `recallsDb(db)`.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface RecallTable {
  id: Generated<string>;
  enterprise: string;
  region: string | null;
  ordered_by: 'enterprise' | 'regulator';
  opened_by: string;
  title: string;
  reason: string;
  severity: number;
  targets: Json<{ products: string[]; lots: string[]; codes: string[] }>;
  lots: string[];
  impact: Json<ImpactSummary>;
  respond_days: number;
  complete_days: number;
  status: Generated<'open' | 'closed'>;
  opened_at: Generated<Date>;
  closed_at: Timestamp | null;
  closed_by: string | null;
  closure: string | null;
}

export interface ImpactSummary {
  objects: number;
  codes: number;
  parties: number;
  scans: number;
  lots: string[];
  regions: string[];
}

export interface RecallCodeTable {
  recall_id: string;
  uri: string;
}

export type HolderStatus = 'notified' | 'acknowledged' | 'reported' | 'completed';

export interface RecallHolderTable {
  id: Generated<string>;
  recall_id: string;
  party: string;
  enterprise: string | null;
  region: string | null;
  latitude: number | null;
  longitude: number | null;
  uom: string | null;
  held: number;
  received: number;
  objects: number;
  status: Generated<HolderStatus>;
  notified_at: Generated<Date>;
  due_at: Timestamp;
  acknowledged_at: Timestamp | null;
  reminders: Generated<number>;
  last_reminded_at: Timestamp | null;
  found: Generated<number>;
  returned: Generated<number>;
  destroyed: Generated<number>;
  webhook_queued: Generated<boolean>;
}

export interface RecallReportTable {
  id: Generated<string>;
  recall_id: string;
  holder_id: string;
  found: number;
  returned: number;
  destroyed: number;
  note: string | null;
  reported_by: string;
  reported_at: Generated<Date>;
}

export interface RecallActionTable {
  id: Generated<string>;
  recall_id: string;
  at: Generated<Date>;
  actor: string;
  action: string;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface WebhookTable {
  id: Generated<string>;
  enterprise: string;
  url: string;
  secret: string;
  events: string[];
  active: Generated<boolean>;
  created_by: string;
  created_at: Generated<Date>;
}

export interface WebhookDeliveryTable {
  id: Generated<string>;
  webhook_id: string;
  event: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  status: Generated<'pending' | 'delivered' | 'failed'>;
  attempts: Generated<number>;
  last_status: number | null;
  last_error: string | null;
  created_at: Generated<Date>;
  delivered_at: Timestamp | null;
}

export type RecallTables = PartiesTables & {
  recalls: RecallTable;
  recall_codes: RecallCodeTable;
  recall_holders: RecallHolderTable;
  recall_reports: RecallReportTable;
  recall_actions: RecallActionTable;
  webhooks: WebhookTable;
  webhook_deliveries: WebhookDeliveryTable;
};

export type RecallsDb = Kysely<DB & RecallTables>;

export function recallsDb(db: Kysely<DB>): RecallsDb {
  return db.withTables<RecallTables>() as unknown as RecallsDb;
}

/** A request's recall work as its caller, under row-level security. */
export function withRecallsDb<T>(request: FastifyRequest, work: (db: RecallsDb) => Promise<T>): Promise<T> {
  return scoped(request, (trx) => work(recallsDb(trx)));
}
