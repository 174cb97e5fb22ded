import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';

export interface AuditEntry {
  principal: string;
  action: string;
  target?: string | null;
  outcome: string;
  ip?: string | null;
  detail?: Record<string, unknown> | null;
}

/** Appends to the audit log (the table refuses updates and deletes). */
export async function audit(db: Kysely<DB>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      principal: entry.principal,
      action: entry.action,
      target: entry.target ?? null,
      outcome: entry.outcome,
      ip: entry.ip ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .execute();
}
