import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface CaptureJobTable {
  capture_id: string;
  status: 'queued' | 'running' | 'success' | 'failed';
  error_behaviour: 'rollback' | 'proceed';
  document: string | null;
  event_count: Generated<number>;
  stored_count: Generated<number>;
  errors: ColumnType<unknown[], string | undefined, string>;
  attempts: Generated<number>;
  captured_by: string;
  created_at: Generated<Date>;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  enterprise: string | null;
}

export interface EventTable {
  id: Generated<string>;
  event_id: string;
  event_type: string;
  event_time: Timestamp;
  event_time_zone_offset: string;
  record_time: Generated<Date>;
  action: string | null;
  biz_step: string | null;
  disposition: string | null;
  read_point: string | null;
  biz_location: string | null;
  transformation_id: string | null;
  error_declaration_time: Timestamp | null;
  error_reason: string | null;
  capture_id: string | null;
  captured_by: string;
  doc: Json<Record<string, unknown>>;
  owner_enterprise: string | null;
  /** The template version (id@version) and CTE the event was checked against (migration 0010). */
  template: ColumnType<string | null, string | null | undefined, string | null>;
  template_cte: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface EventEpcTable {
  event_pk: string;
  role: 'epc' | 'parent' | 'child' | 'input' | 'output';
  is_class: boolean;
  epc: string;
  quantity: number | null;
  uom: string | null;
}

export interface EventBizTransactionTable {
  event_pk: string;
  type: string;
  value: string;
}

export interface EventPartyTable {
  event_pk: string;
  direction: 'source' | 'destination';
  type: string;
  value: string;
}

export interface EventSensorReportTable {
  event_pk: string;
  element_index: number;
  report_index: number;
  type: string | null;
  device_id: string | null;
  time: Timestamp | null;
  value: number | null;
  min_value: number | null;
  max_value: number | null;
  mean_value: number | null;
  uom: string | null;
  string_value: string | null;
  boolean_value: boolean | null;
  microorganism: string | null;
  chemical_substance: string | null;
  exception: string | null;
}

export interface LocationParentTable {
  location: string;
  parent: string;
}

export interface NamedQueryTable {
  name: string;
  owner: string;
  query: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
}

export interface SchemaMigrationTable {
  version: string;
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}

export interface DB {
  capture_jobs: CaptureJobTable;
  events: EventTable;
  event_epcs: EventEpcTable;
  event_biz_transactions: EventBizTransactionTable;
  event_parties: EventPartyTable;
  event_sensor_reports: EventSensorReportTable;
  location_parents: LocationParentTable;
  named_queries: NamedQueryTable;
  schema_migrations: SchemaMigrationTable;
  api_keys: ApiKeyTable;
  codes: CodeTable;
  code_scans: CodeScanTable;
  code_scan_totals: CodeScanTotalTable;
  users: UserTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  imports: ImportTable;
  templates: TemplateTable;
}

export interface ApiKeyTable {
  id: string;
  name: string;
  secret_hash: string;
  scopes: string[];
  created_at: Generated<Date>;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
  enterprise: string | null;
  kind: Generated<'client' | 'device'>;
  device_type: string | null;
  device_serial: string | null;
  device_model: string | null;
  device_location: string | null;
}

export interface CodeTable {
  id: Generated<string>;
  value: string;
  uri: string;
  scheme: 'suyuan' | 'gs1';
  kind: 'lot' | 'item' | 'logisticUnit' | 'asset';
  owner: string;
  product: string | null;
  product_name: string | null;
  lot: string | null;
  production_date: ColumnType<string | null, string | null, string | null>;
  expiry_date: ColumnType<string | null, string | null, string | null>;
  batch_id: string;
  state: 'issued' | 'active' | 'closed' | 'void';
  issued_at: Generated<Date>;
  activated_at: Timestamp | null;
  closed_at: Timestamp | null;
  voided_at: Timestamp | null;
  state_reason: string | null;
}

export interface CodeScanTable {
  id: Generated<string>;
  uri: string;
  scanned_at: Timestamp;
  channel: string;
  place: string | null;
  /** Scans of the code from this channel and place within the row's minute (migration 0053). */
  scans: Generated<number>;
}

export interface CodeScanTotalTable {
  uri: string;
  scans: string;
  first_scan: Timestamp;
  last_scan: Timestamp;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: 'platform_admin' | 'regulator' | 'enterprise_admin' | 'enterprise_operator';
  enterprise: string | null;
  department: string | null;
  region_scope: string | null;
  industry_scopes: ColumnType<string[], string[] | undefined, string[]>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  password_changed_at: Generated<Date>;
  created_at: Generated<Date>;
  disabled_at: Timestamp | null;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  principal: string;
  action: string;
  target: string | null;
  outcome: string;
  ip: string | null;
  detail: ColumnType<unknown, string | null, never>;
}

/** Excel / CSV imports (migration 0020). */
export interface ImportTable {
  id: string;
  enterprise: string | null;
  created_by: string;
  template: string | null;
  template_version: number | null;
  cte: string | null;
  format: 'xlsx' | 'csv';
  file_name: string | null;
  file: Buffer | null;
  file_size: number;
  mode: 'rollback' | 'proceed';
  status: ColumnType<'queued' | 'running' | 'succeeded' | 'failed', string | undefined, string>;
  rows_total: number | null;
  rows_checked: Generated<number>;
  rows_stored: Generated<number>;
  rows_skipped: Generated<number>;
  rows_invalid: Generated<number>;
  problem: string | null;
  errors: ColumnType<unknown[], string | undefined, string>;
  /** Store rows equal to earlier imports as new events (migration 0059). */
  repeat: Generated<boolean>;
  /** Rows taken as already imported: [{sheet, from, to}] runs (migration 0059). */
  already_imported: ColumnType<unknown[], string | undefined, string>;
  attempts: Generated<number>;
  created_at: Generated<Date>;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

/** Industry template versions (migration 0010). */
export interface TemplateTable {
  id: string;
  version: number;
  category: string;
  body: Json<unknown>;
  builtin: Generated<boolean>;
  created_by: string;
  created_at: Generated<Date>;
}
