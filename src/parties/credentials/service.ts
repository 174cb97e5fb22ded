import type { Principal } from '../../auth/principal.js';
import { DomainError, type FieldError } from '../../http/errors.js';
import { credentialsVisibleTo, enterprisesVisibleTo, notFound, writableEnterprise } from '../access.js';
import { addDays, isCalendarDay, refuseIf, todayInChina, uniqueViolation } from '../common.js';
import type { Credential, PartiesDb } from '../db.js';
import { transact } from '../db.js';
import { containing, paginate } from '../paging.js';
import type {
  CredentialBody,
  CredentialKind,
  CredentialListQuery,
  CredentialPatch,
  CredentialStatus,
} from './schema.js';

/** A credential ending within this many days is `expiring`. */
export const expiringWithinDays = 30;

type Row = Credential;

export function credentialStatus(validTo: string | null, today = todayInChina()): CredentialStatus {
  if (validTo === null) return 'valid';
  if (validTo < today) return 'expired';
  return validTo <= addDays(today, expiringWithinDays) ? 'expiring' : 'valid';
}

function view(row: Row, today: string) {
  return {
    id: row.id,
    enterprise: row.enterprise,
    type: row.type,
    number: row.number,
    issuer: row.issuer,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    status: credentialStatus(row.valid_to, today),
    scope: row.scope,
    fileRef: row.file_ref,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function checkDates(validFrom: string, validTo: string | null | undefined): void {
  const errors: FieldError[] = [];
  if (!isCalendarDay(validFrom)) errors.push({ pointer: '/validFrom', message: 'is not a calendar day' });
  if (validTo && !isCalendarDay(validTo))
    errors.push({ pointer: '/validTo', message: 'is not a calendar day' });
  if (errors.length === 0 && validTo && validTo < validFrom) {
    errors.push({ pointer: '/validTo', message: `ends (${validTo}) before it starts (${validFrom})` });
  }
  refuseIf(errors, 'The validity period is invalid');
}

function duplicate(error: unknown, kind: CredentialKind): DomainError | undefined {
  if (uniqueViolation(error) === undefined) return undefined;
  return new DomainError('VALIDATION_FAILED', `The ${kind} is already recorded`, [
    { pointer: '/number', message: `this enterprise already has a ${kind} of this type and number` },
  ]);
}

export async function addCredential(
  db: PartiesDb,
  principal: Principal,
  kind: CredentialKind,
  enterprise: string,
  body: CredentialBody,
) {
  checkDates(body.validFrom, body.validTo);
  try {
    const row = await transact(db, async (trx) => {
      await writableEnterprise(trx, principal, enterprise);
      return trx
        .insertInto('credentials')
        .values({
          enterprise,
          kind,
          type: body.type,
          number: body.number,
          issuer: body.issuer,
          valid_from: body.validFrom,
          valid_to: body.validTo ?? null,
          scope: body.scope ?? null,
          file_ref: body.fileRef ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
    return view(row, todayInChina());
  } catch (error) {
    throw duplicate(error, kind) ?? error;
  }
}

export async function updateCredential(
  db: PartiesDb,
  principal: Principal,
  kind: CredentialKind,
  enterprise: string,
  id: string,
  patch: CredentialPatch,
) {
  try {
    const row = await transact(db, async (trx) => {
      await writableEnterprise(trx, principal, enterprise);
      const current = await trx
        .selectFrom('credentials')
        .selectAll()
        .where('enterprise', '=', enterprise)
        .where('kind', '=', kind)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!current) throw notFound(`${kind} ${id} of enterprise ${enterprise}`);
      checkDates(
        patch.validFrom ?? current.valid_from,
        patch.validTo === undefined ? current.valid_to : patch.validTo,
      );
      return trx
        .updateTable('credentials')
        .set({
          type: patch.type,
          number: patch.number,
          issuer: patch.issuer,
          valid_from: patch.validFrom,
          valid_to: patch.validTo,
          scope: patch.scope,
          file_ref: patch.fileRef,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    });
    return view(row, todayInChina());
  } catch (error) {
    throw duplicate(error, kind) ?? error;
  }
}

export async function getCredential(
  db: PartiesDb,
  principal: Principal,
  kind: CredentialKind,
  enterprise: string,
  id: string,
) {
  const row = await credentialsVisibleTo(db, principal)
    .selectAll()
    .where('enterprise', '=', enterprise)
    .where('kind', '=', kind)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(`${kind} ${id} of enterprise ${enterprise}`);
  return view(row, todayInChina());
}

export async function listCredentials(
  db: PartiesDb,
  principal: Principal,
  kind: CredentialKind,
  enterprise: string,
  query: CredentialListQuery,
  today = todayInChina(),
) {
  const owner = await enterprisesVisibleTo(db, principal)
    .select('credit_code')
    .where('credit_code', '=', enterprise)
    .executeTakeFirst();
  if (!owner) throw notFound(`enterprise ${enterprise}`);
  const horizon = addDays(today, expiringWithinDays);
  let rows = credentialsVisibleTo(db, principal)
    .selectAll()
    .where('enterprise', '=', enterprise)
    .where('kind', '=', kind);
  if (query.type) rows = rows.where('type', '=', query.type);
  if (query.q) {
    const q = containing(query.q);
    rows = rows.where((eb) => eb.or([eb('number', 'ilike', q), eb('issuer', 'ilike', q)]));
  }
  if (query.status === 'expired') rows = rows.where('valid_to', '<', today);
  if (query.status === 'expiring')
    rows = rows.where('valid_to', '>=', today).where('valid_to', '<=', horizon);
  if (query.status === 'valid') {
    rows = rows.where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', horizon)]));
  }
  return paginate(rows.orderBy('valid_to', (ob) => ob.asc().nullsLast()).orderBy('id'), query, (row) =>
    view(row, today),
  );
}
