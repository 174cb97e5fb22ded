import type { Principal } from '../../auth/principal.js';
import { DomainError } from '../../http/errors.js';
import { enterprisesVisibleTo, merchantsVisibleTo, notFound, writableEnterprise } from '../access.js';
import { refuseIf, uniqueViolation } from '../common.js';
import type { Merchant, PartiesDb } from '../db.js';
import { transact } from '../db.js';
import { containing, paginate } from '../paging.js';
import { marketOperatorTypes } from '../vocabulary.js';
import { checkIdNumber, maskIdNumber } from './id-number.js';
import { encryptIdNumber, idNumberHash, idNumberKeys } from './protect.js';
import type { MerchantBody, MerchantListQuery, MerchantPatch } from './schema.js';

type MerchantRow = Omit<Merchant, 'id_number_cipher' | 'id_number_hash'>;

const columns = [
  'id',
  'enterprise',
  'name',
  'id_number_masked',
  'stall',
  'phone',
  'active',
  'created_at',
  'updated_at',
] as const;

function merchantView(row: MerchantRow) {
  return {
    id: row.id,
    enterprise: row.enterprise,
    name: row.name,
    idNumber: row.id_number_masked,
    stall: row.stall,
    phone: row.phone,
    active: row.active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function validIdNumber(raw: string): string {
  const checked = checkIdNumber(raw);
  if (!checked.ok) refuseIf([{ pointer: '/idNumber', message: checked.error }], 'The ID number is invalid');
  return (checked as { value: string }).value;
}

function duplicate(error: unknown): DomainError | undefined {
  if (uniqueViolation(error) === undefined) return undefined;
  return new DomainError('VALIDATION_FAILED', 'The merchant is already registered', [
    { pointer: '/idNumber', message: 'a merchant with this ID number is already registered at this market' },
  ]);
}

async function protectedNumber(db: PartiesDb, enterprise: string, idNumber: string) {
  const keys = await idNumberKeys(db);
  return {
    id_number_cipher: encryptIdNumber(keys, enterprise, idNumber),
    id_number_hash: idNumberHash(keys, idNumber),
    id_number_masked: maskIdNumber(idNumber),
  };
}

export async function registerMerchant(
  db: PartiesDb,
  principal: Principal,
  market: string,
  body: MerchantBody,
) {
  const idNumber = validIdNumber(body.idNumber);
  const protectedId = await protectedNumber(db, market, idNumber);
  try {
    const row = await transact(db, async (trx) => {
      const enterprise = await writableEnterprise(trx, principal, market);
      if (!enterprise.node_types.some((t) => (marketOperatorTypes as readonly string[]).includes(t))) {
        throw new DomainError('VALIDATION_FAILED', `Enterprise ${market} does not operate a market`, [
          { pointer: '', message: `merchants belong to a ${marketOperatorTypes.join(', ')} operator` },
        ]);
      }
      return trx
        .insertInto('merchants')
        .values({
          enterprise: market,
          name: body.name,
          ...protectedId,
          stall: body.stall ?? null,
          phone: body.phone ?? null,
        })
        .returning(columns)
        .executeTakeFirstOrThrow();
    });
    return merchantView(row);
  } catch (error) {
    throw duplicate(error) ?? error;
  }
}

export async function updateMerchant(
  db: PartiesDb,
  principal: Principal,
  market: string,
  id: string,
  patch: MerchantPatch,
) {
  const idNumber = patch.idNumber === undefined ? undefined : validIdNumber(patch.idNumber);
  const protectedId = idNumber === undefined ? {} : await protectedNumber(db, market, idNumber);
  try {
    const row = await transact(db, async (trx) => {
      await writableEnterprise(trx, principal, market);
      return trx
        .updateTable('merchants')
        .set({
          name: patch.name,
          ...protectedId,
          stall: patch.stall,
          phone: patch.phone,
          active: patch.active,
          updated_at: new Date(),
        })
        .where('enterprise', '=', market)
        .where('id', '=', id)
        .returning(columns)
        .executeTakeFirst();
    });
    if (!row) throw notFound(`merchant ${id} at enterprise ${market}`);
    return merchantView(row);
  } catch (error) {
    throw duplicate(error) ?? error;
  }
}

async function assertVisibleMarket(db: PartiesDb, principal: Principal, market: string) {
  const found = await enterprisesVisibleTo(db, principal)
    .select('credit_code')
    .where('credit_code', '=', market)
    .executeTakeFirst();
  if (!found) throw notFound(`enterprise ${market}`);
}

export async function getMerchant(db: PartiesDb, principal: Principal, market: string, id: string) {
  const row = await merchantsVisibleTo(db, principal)
    .select(columns)
    .where('enterprise', '=', market)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(`merchant ${id} at enterprise ${market}`);
  return merchantView(row);
}

export async function listMerchants(
  db: PartiesDb,
  principal: Principal,
  market: string,
  query: MerchantListQuery,
) {
  await assertVisibleMarket(db, principal, market);
  let rows = merchantsVisibleTo(db, principal).select(columns).where('enterprise', '=', market);
  if (query.q) rows = rows.where('name', 'ilike', containing(query.q));
  if (query.stall) rows = rows.where('stall', '=', query.stall);
  if (query.active !== undefined) rows = rows.where('active', '=', query.active);
  if (query.idNumber) {
    const checked = checkIdNumber(query.idNumber);
    const hash = checked.ok ? idNumberHash(await idNumberKeys(db), checked.value) : 'none';
    rows = rows.where('id_number_hash', '=', hash);
  }
  return paginate(rows.orderBy('id'), query, merchantView);
}
