import type { FastifyRequest } from 'fastify';
import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import { scoped } from '../db/scoped.js';
import type { DB } from '../db/types.js';

// The tables of migration 0005, typed here so the shared src/db/types.ts stays untouched; the
// parties code reaches them through `partiesDb(db)`.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Day = ColumnType<string, string, string>;

export interface EnterpriseTable {
  credit_code: string;
  credit_code_check_failed: boolean;
  name: string;
  legal_representative: string;
  contact_name: string;
  contact_phone: string;
  contact_email: string | null;
  region: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
  industries: string[];
  node_types: string[];
  gln: string | null;
  status: Generated<FilingStatus>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type FilingStatus = 'applied' | 'filed' | 'suspended' | 'cancelled';

export interface EnterpriseFilingTable {
  id: Generated<string>;
  enterprise: string;
  from_status: FilingStatus | null;
  to_status: FilingStatus;
  reason: string;
  changed_by: string;
  changed_at: Timestamp;
}

export interface MerchantTable {
  id: Generated<string>;
  enterprise: string;
  name: string;
  id_number_cipher: Buffer;
  id_number_hash: string;
  id_number_masked: string;
  stall: string | null;
  phone: string | null;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CredentialTable {
  id: Generated<string>;
  enterprise: string;
  kind: 'licence' | 'certification';
  type: string;
  number: string;
  issuer: string;
  valid_from: Day;
  valid_to: ColumnType<string | null, string | null, string | null>;
  scope: string | null;
  file_ref: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LocationTable {
  id: Generated<string>;
  enterprise: string;
  seq: number;
  identifier: string;
  kind: string;
  name: string;
  parent_id: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CatalogNodeTable {
  key: string;
  parent: string | null;
  level: 'industry' | 'category' | 'variety';
  name_zh: string;
  name_en: string;
  position: Generated<number>;
}

export interface Approval {
  type: string;
  number: string;
}

export interface ProductTable {
  id: Generated<string>;
  enterprise: string;
  gtin: string | null;
  code: string | null;
  name: string;
  category: string;
  specification: string | null;
  unit: string | null;
  shelf_life_days: number | null;
  approvals: ColumnType<Approval[], string, string>;
  image_ref: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CatalogListTable {
  id: Generated<string>;
  region: string;
  kind: 'key' | 'encouraged';
  version: number;
  effective_from: Day;
  effective_to: ColumnType<string | null, string | null, string | null>;
  note: string | null;
  published_by: string;
  published_at: Timestamp;
}

export interface CatalogListItemTable {
  list_id: string;
  category: string;
}

export interface SecretTable {
  name: string;
  value: Buffer;
  created_at: Timestamp;
}

export type PartiesTables = {
  enterprises: EnterpriseTable;
  enterprise_filings: EnterpriseFilingTable;
  merchants: MerchantTable;
  credentials: CredentialTable;
  locations: LocationTable;
  catalog_nodes: CatalogNodeTable;
  products: ProductTable;
  catalog_lists: CatalogListTable;
  catalog_list_items: CatalogListItemTable;
  secrets: SecretTable;
};

export type PartiesDb = Kysely<DB & PartiesTables>;

/** Runs a request's master-data work as its caller, under row-level security (see src/db/scoped.ts). */
export function withDb<T>(request: FastifyRequest, work: (db: PartiesDb) => Promise<T>): Promise<T> {
  return scoped(request, (trx) => work(partiesDb(trx)));
}

/** A transaction, or the caller's transaction when `db` already is one. */
export function transact<T>(db: PartiesDb, work: (trx: PartiesDb) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

export function partiesDb(db: Kysely<DB>): PartiesDb {
  return db.withTables<PartiesTables>() as unknown as PartiesDb;
}

export type Enterprise = Selectable<EnterpriseTable>;
export type EnterpriseFiling = Selectable<EnterpriseFilingTable>;
export type Merchant = Selectable<MerchantTable>;
export type Credential = Selectable<CredentialTable>;
export type Location = Selectable<LocationTable>;
export type Product = Selectable<ProductTable>;
export type CatalogList = Selectable<CatalogListTable>;
