import { type Kysely, sql } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { DomainError } from '../http/errors.js';

// Who may act, shared by recalls, complaints and credit. Row-level security decides on which rows;
// these decide the kind of caller, before any row is touched.

/** Row-level security refusing a write (42501) is the caller's lack of right, not a server fault. */
export function refusedByPolicy(error: unknown): boolean {
  return (error as { code?: string })?.code === '42501';
}

/** The error to throw instead of a row-level security refusal; any other error as it was. */
export function policyRefusal(error: unknown, message: string): unknown {
  return refusedByPolicy(error) ? new DomainError('FORBIDDEN', message) : error;
}

export function isRegulator(principal: Principal): boolean {
  return principal.role === 'regulator' || principal.scopes.has('admin');
}

export function refuseUnlessRegulator(principal: Principal): void {
  if (!isRegulator(principal)) throw new DomainError('FORBIDDEN', 'This is for regulators');
}

/**
 * Writes of an enterprise (open a recall, report, answer a complaint) need the capture scope, as
 * every other enterprise write does: a read-only (query) key may look, not act. Regulators act
 * with their role.
 */
export function refuseReadOnly(principal: Principal): void {
  if (isRegulator(principal) || principal.scopes.has('capture')) return;
  throw new DomainError('FORBIDDEN', "This needs the 'capture' permission (a read-only key may not act)");
}

/**
 * Whether the caller answers for an enterprise: itself, a regulator overseeing it, an administrator.
 * The same terms as the policies of migrations 0030 and 0032; run inside scoped().
 */
export async function mayOversee<DB>(db: Kysely<DB>, enterprise: string): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`
    SELECT suyuan_is_admin() OR ${enterprise} = suyuan_setting('enterprise') OR suyuan_regulates(${enterprise}) AS ok`.execute(
    db,
  );
  return rows[0]?.ok === true;
}
