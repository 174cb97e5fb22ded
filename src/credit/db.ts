import type { FastifyRequest } from 'fastify';
import type { ColumnType, Generated, Kysely } from 'kysely';
import type { ComplaintTables } from '../complaints/db.js';
import { scoped } from '../db/scoped.js';
import type { DB } from '../db/types.js';

// The tables of migration 0032, typed here (as src/parties does); reached through `creditDb(db)`.

type Day = ColumnType<string, string, string>;

export interface SpotCheckTable {
  id: Generated<string>;
  enterprise: string;
  checked_on: Day;
  subject: string;
  code: string | null;
  result: 'pass' | 'fail';
  findings: string | null;
  department: string | null;
  recorded_by: string;
  recorded_at: Generated<Date>;
}

export interface BlacklistTable {
  id: Generated<string>;
  enterprise: string;
  name: string;
  reason: string;
  listed_from: Day;
  listed_to: ColumnType<string | null, string | null, string | null>;
  region: string | null;
  added_by: string;
  added_at: Generated<Date>;
  removed_at: Date | null;
  removed_by: string | null;
  removal_reason: string | null;
}

export interface AlertTable {
  id: Generated<string>;
  title: string;
  body: string;
  category: string | null;
  region: string | null;
  products: ColumnType<string[], string[] | undefined, string[]>;
  published_by: string;
  published_at: Generated<Date>;
  withdrawn_at: Date | null;
}

export interface NoticeTable {
  id: Generated<string>;
  title: string;
  body: string;
  kind: Generated<'policy' | 'notice' | 'regulation'>;
  region: string | null;
  department: string | null;
  published_by: string;
  published_at: Generated<Date>;
  withdrawn_at: Date | null;
}

export type CreditTables = ComplaintTables & {
  spot_checks: SpotCheckTable;
  blacklist: BlacklistTable;
  alerts: AlertTable;
  notices: NoticeTable;
};

export type CreditDb = Kysely<DB & CreditTables>;

export function creditDb(db: Kysely<DB>): CreditDb {
  return db.withTables<CreditTables>() as unknown as CreditDb;
}

export function withCreditDb<T>(request: FastifyRequest, work: (db: CreditDb) => Promise<T>): Promise<T> {
  return scoped(request, (trx) => work(creditDb(trx)));
}
