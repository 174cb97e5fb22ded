import type { Principal } from '../auth/principal.js';
import { DomainError } from '../http/errors.js';
import type { Enterprise, EnterpriseTable, PartiesDb } from './db.js';

// Who may see and change which enterprise's master data. Every resource has exactly one function
// here that scopes its rows; routes and services never compare enterprises themselves, so the
// lead's row-level security can replace these functions one by one. Rows of other enterprises are
// answered as not found (404), never forbidden, so their ids cannot be probed.

export function isAdmin(principal: Principal): boolean {
  return principal.scopes.has('admin');
}

/** The one enterprise whose rows the principal may touch, or undefined for administrators (all). */
export function ownerScope(principal: Principal): string | undefined {
  if (isAdmin(principal)) return undefined;
  // A regulator reads across enterprises; row-level security (migration 0008) narrows it to its region.
  if (principal.role === 'regulator') return undefined;
  if (!principal.enterprise) {
    throw new DomainError('FORBIDDEN', 'This API key does not belong to an enterprise');
  }
  return principal.enterprise;
}

/** The enterprise a top-level write (a location, a product) is for: the one named, else the key's own. */
export function enterpriseOfRequest(principal: Principal, given: string | undefined): string {
  const enterprise = given?.toUpperCase() ?? principal.enterprise ?? ownerScope(principal);
  if (!enterprise) {
    throw new DomainError('VALIDATION_FAILED', 'Which enterprise?', [
      { pointer: '/enterprise', message: 'required when the API key belongs to no enterprise' },
    ]);
  }
  return enterprise;
}

export function notFound(what: string): DomainError {
  return new DomainError('NOT_FOUND', `No ${what}`);
}

export function enterprisesVisibleTo(db: PartiesDb, principal: Principal) {
  const owner = ownerScope(principal);
  const query = db.selectFrom('enterprises');
  return owner === undefined ? query : query.where('enterprises.credit_code', '=', owner);
}

export function merchantsVisibleTo(db: PartiesDb, principal: Principal) {
  const owner = ownerScope(principal);
  const query = db.selectFrom('merchants');
  return owner === undefined ? query : query.where('merchants.enterprise', '=', owner);
}

export function credentialsVisibleTo(db: PartiesDb, principal: Principal) {
  const owner = ownerScope(principal);
  const query = db.selectFrom('credentials');
  return owner === undefined ? query : query.where('credentials.enterprise', '=', owner);
}

export function locationsVisibleTo(db: PartiesDb, principal: Principal) {
  const owner = ownerScope(principal);
  const query = db.selectFrom('locations');
  return owner === undefined ? query : query.where('locations.enterprise', '=', owner);
}

export function productsVisibleTo(db: PartiesDb, principal: Principal) {
  const owner = ownerScope(principal);
  const query = db.selectFrom('products');
  return owner === undefined ? query : query.where('products.enterprise', '=', owner);
}

/**
 * The enterprise whose master data a write targets, locked for the transaction; not found when it
 * is not the principal's, refused when its filing is cancelled.
 */
export async function writableEnterprise(
  db: PartiesDb,
  principal: Principal,
  creditCode: string,
): Promise<Enterprise> {
  const row = await enterprisesVisibleTo(db, principal)
    .selectAll()
    .where('credit_code', '=', creditCode)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound(`enterprise ${creditCode}`);
  if (principal.role === 'regulator') {
    throw new DomainError('FORBIDDEN', 'Regulators change filings, not an enterprise’s master data');
  }
  if (row.status === 'cancelled') {
    throw new DomainError('FORBIDDEN', `The filing of enterprise ${creditCode} is cancelled`);
  }
  return row;
}

/**
 * Whether the principal may approve an enterprise's filing (applied or suspended → filed). The
 * documents give this to a regulator of the enterprise's region; until regulators exist (the users
 * and roles part of issue 4) only administrators may. The region and industry rule plugs in here.
 */
export function mayApproveFiling(
  principal: Principal,
  enterprise: Pick<EnterpriseTable, 'credit_code' | 'region' | 'industries'>,
): boolean {
  if (isAdmin(principal)) return true;
  if (principal.role !== 'regulator' || !principal.regionScope) return false;
  const industries = principal.industries ?? [];
  const inIndustry = industries.length === 0 || enterprise.industries.some((i) => industries.includes(i));
  return enterprise.region.startsWith(principal.regionScope) && inIndustry;
}

/** Suspending a filing is a regulator's act too; cancelling may also be asked by the enterprise itself. */
export function mayChangeFiling(
  principal: Principal,
  enterprise: Pick<EnterpriseTable, 'credit_code' | 'region' | 'industries'>,
  to: 'filed' | 'suspended' | 'cancelled',
): boolean {
  if (to === 'filed' || to === 'suspended') return mayApproveFiling(principal, enterprise);
  return isAdmin(principal) || principal.enterprise === enterprise.credit_code;
}
