import type { FastifyRequest } from 'fastify';
import type { ColumnType, Generated, Kysely } from 'kysely';
import { scoped } from '../db/scoped.js';
import type { DB } from '../db/types.js';
import type { RecallTables } from '../recalls/db.js';

// The tables of migration 0031, typed here (as src/parties does); reached through `complaintsDb(db)`.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type ComplaintStatus = 'received' | 'acknowledged' | 'answered' | 'closed';

export interface ComplaintTable {
  id: Generated<string>;
  ticket: string;
  source: 'public' | 'api' | 'hotline';
  hotline_no: string | null;
  category: Generated<string>;
  code: string | null;
  uri: string | null;
  product: string | null;
  product_name: string | null;
  enterprise: string | null;
  region: string | null;
  description: string;
  contact: string;
  reporter: string;
  status: Generated<ComplaintStatus>;
  acknowledge_by: Timestamp;
  answer_by: Timestamp;
  acknowledged_at: Timestamp | null;
  answered_at: Timestamp | null;
  closed_at: Timestamp | null;
  overdue: 'acknowledge' | 'answer' | null;
  overdue_at: Timestamp | null;
  unfounded: Generated<boolean>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ComplaintPhotoTable {
  id: Generated<string>;
  complaint_id: string;
  position: number;
  media_type: string;
  size: number;
  sha256: string;
  data: Buffer;
}

export type ActorKind = 'reporter' | 'enterprise' | 'regulator' | 'system';
export type ComplaintAction =
  | 'received'
  | 'routed'
  | 'acknowledged'
  | 'answered'
  | 'closed'
  | 'overdue'
  | 'note';

export interface ComplaintEventTable {
  id: Generated<string>;
  complaint_id: string;
  at: ColumnType<Date, Date | string | undefined, Date | string>;
  actor: string;
  actor_kind: ActorKind;
  action: ComplaintAction;
  message: string | null;
  public: Generated<boolean>;
}

export interface ComplaintDeadlineTable {
  region: string;
  acknowledge_hours: number;
  answer_days: number;
  updated_by: string;
  updated_at: Generated<Date>;
}

export type ComplaintTables = RecallTables & {
  complaints: ComplaintTable;
  complaint_photos: ComplaintPhotoTable;
  complaint_events: ComplaintEventTable;
  complaint_deadlines: ComplaintDeadlineTable;
};

export type ComplaintsDb = Kysely<DB & ComplaintTables>;

export function complaintsDb(db: Kysely<DB>): ComplaintsDb {
  return db.withTables<ComplaintTables>() as unknown as ComplaintsDb;
}

export function withComplaintsDb<T>(
  request: FastifyRequest,
  work: (db: ComplaintsDb) => Promise<T>,
): Promise<T> {
  return scoped(request, (trx) => work(complaintsDb(trx)));
}
