import { sql } from 'kysely';
import type { Principal } from '../../auth/principal.js';
import { DomainError } from '../../http/errors.js';
import { enterprisesVisibleTo, notFound, ownerScope, writableEnterprise } from '../access.js';
import { refuseIf, uniqueViolation } from '../common.js';
import type { Enterprise, FilingStatus, PartiesDb } from '../db.js';
import { transact } from '../db.js';
import { containing, type Page, paginate } from '../paging.js';
import {
  type Checked,
  checkCoordinates,
  checkEnterpriseCode,
  checkGln,
  checkRegion,
  regionName,
} from './checks.js';
import type { EnterpriseBody, EnterpriseListQuery, EnterprisePatch } from './schema.js';

export function enterpriseView(row: Enterprise) {
  return {
    creditCode: row.credit_code,
    creditCodeCheckFailed: row.credit_code_check_failed,
    name: row.name,
    legalRepresentative: row.legal_representative,
    contact: { name: row.contact_name, phone: row.contact_phone, email: row.contact_email },
    region: row.region,
    regionName: regionName(row.region),
    address: row.address,
    coordinates: row.latitude === null ? null : { lat: row.latitude, lng: row.longitude },
    industries: row.industries,
    nodeTypes: row.node_types,
    gln: row.gln,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
export type EnterpriseView = ReturnType<typeof enterpriseView>;

function glnTaken(error: unknown): DomainError | undefined {
  const constraint = uniqueViolation(error);
  if (constraint === undefined) return undefined;
  if (constraint.includes('gln')) {
    return new DomainError('VALIDATION_FAILED', 'The GLN belongs to another enterprise', [
      { pointer: '/gln', message: 'is already the GLN of another enterprise' },
    ]);
  }
  return new DomainError('VALIDATION_FAILED', 'The enterprise is already filed', [
    { pointer: '/creditCode', message: 'an enterprise with this credit code is already filed' },
  ]);
}

/** Files an application (备案申请): the enterprise starts `applied`, with the first history entry. */
export async function createEnterprise(db: PartiesDb, principal: Principal, body: EnterpriseBody) {
  const out: Checked = { errors: [], warnings: [] };
  const { code, checkFailed } = checkEnterpriseCode(body.creditCode, out);
  checkRegion(body.region, '/region', out);
  const gln = checkGln(body.gln, '/gln', out);
  checkCoordinates(body.coordinates, '/coordinates', out);
  refuseIf(out.errors, 'The enterprise cannot be filed');
  const owner = ownerScope(principal);
  if (owner !== undefined && owner !== code) {
    throw new DomainError('FORBIDDEN', 'An API key may file only the enterprise it belongs to');
  }
  try {
    const row = await transact(db, async (trx) => {
      const existing = await trx
        .selectFrom('enterprises')
        .select('credit_code')
        .where('credit_code', '=', code)
        .executeTakeFirst();
      if (existing) throw glnTaken({ code: '23505', constraint: 'enterprises_pkey' });
      const inserted = await trx
        .insertInto('enterprises')
        .values({
          credit_code: code,
          credit_code_check_failed: checkFailed,
          name: body.name,
          legal_representative: body.legalRepresentative,
          contact_name: body.contact.name,
          contact_phone: body.contact.phone,
          contact_email: body.contact.email ?? null,
          region: body.region,
          address: body.address,
          latitude: body.coordinates?.lat ?? null,
          longitude: body.coordinates?.lng ?? null,
          industries: body.industries,
          node_types: body.nodeTypes,
          gln,
          created_by: principal.id,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('enterprise_filings')
        .values({
          enterprise: code,
          from_status: null,
          to_status: 'applied',
          reason: 'application filed',
          changed_by: principal.id,
        })
        .execute();
      return inserted;
    });
    return { ...enterpriseView(row), warnings: out.warnings };
  } catch (error) {
    throw glnTaken(error) ?? error;
  }
}

export async function updateEnterprise(
  db: PartiesDb,
  principal: Principal,
  creditCode: string,
  patch: EnterprisePatch,
) {
  const out: Checked = { errors: [], warnings: [] };
  if (patch.region !== undefined) checkRegion(patch.region, '/region', out);
  const gln = checkGln(patch.gln, '/gln', out);
  checkCoordinates(patch.coordinates, '/coordinates', out);
  refuseIf(out.errors, 'The enterprise cannot be changed');
  try {
    const row = await transact(db, async (trx) => {
      await writableEnterprise(trx, principal, creditCode);
      return trx
        .updateTable('enterprises')
        .set({
          name: patch.name,
          legal_representative: patch.legalRepresentative,
          contact_name: patch.contact?.name,
          contact_phone: patch.contact?.phone,
          contact_email: patch.contact ? (patch.contact.email ?? null) : undefined,
          region: patch.region,
          address: patch.address,
          latitude: patch.coordinates === undefined ? undefined : (patch.coordinates?.lat ?? null),
          longitude: patch.coordinates === undefined ? undefined : (patch.coordinates?.lng ?? null),
          industries: patch.industries,
          node_types: patch.nodeTypes,
          gln: patch.gln === undefined ? undefined : gln,
          updated_at: new Date(),
        })
        .where('credit_code', '=', creditCode)
        .returningAll()
        .executeTakeFirstOrThrow();
    });
    return { ...enterpriseView(row), warnings: out.warnings };
  } catch (error) {
    throw glnTaken(error) ?? error;
  }
}

export async function getEnterprise(db: PartiesDb, principal: Principal, creditCode: string) {
  const row = await enterprisesVisibleTo(db, principal)
    .selectAll()
    .where('credit_code', '=', creditCode.toUpperCase())
    .executeTakeFirst();
  if (!row) throw notFound(`enterprise ${creditCode}`);
  return enterpriseView(row);
}

/** A region filter: 46 or 460000 (province), 4601 or 460100 (city), or a county code. */
export function regionPrefix(region: string): string {
  if (region.length < 6) return region;
  if (region.endsWith('0000')) return region.slice(0, 2);
  if (region.endsWith('00')) return region.slice(0, 4);
  return region;
}

export async function listEnterprises(
  db: PartiesDb,
  principal: Principal,
  query: EnterpriseListQuery,
): Promise<Page<EnterpriseView>> {
  let rows = enterprisesVisibleTo(db, principal).selectAll();
  if (query.q) {
    const q = query.q;
    rows = rows.where((eb) =>
      eb.or([
        eb('name', 'ilike', containing(q)),
        eb('credit_code', 'like', `${q.toUpperCase().replace(/[\\%_]/g, '\\$&')}%`),
      ]),
    );
  }
  if (query.region) rows = rows.where('region', 'like', `${regionPrefix(query.region)}%`);
  if (query.industry) rows = rows.where('industries', '@>', sql<string[]>`ARRAY[${query.industry}]::text[]`);
  if (query.nodeType) rows = rows.where('node_types', '@>', sql<string[]>`ARRAY[${query.nodeType}]::text[]`);
  if (query.status) rows = rows.where('status', '=', query.status as FilingStatus);
  return paginate(rows.orderBy('created_at').orderBy('credit_code'), query, enterpriseView);
}
