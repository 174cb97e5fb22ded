import { sql } from 'kysely';
import type { Principal } from '../../auth/principal.js';
import { DomainError } from '../../http/errors.js';
import { enterpriseOfRequest, locationsVisibleTo, notFound, writableEnterprise } from '../access.js';
import { uniqueViolation } from '../common.js';
import type { Location, PartiesDb } from '../db.js';
import { transact } from '../db.js';
import { containing, paginate } from '../paging.js';
import { locationIdentifier } from './identifier.js';
import type { LocationBody, LocationListQuery, LocationPatch } from './schema.js';

type Row = Location;

function view(row: Row) {
  return {
    id: row.id,
    enterprise: row.enterprise,
    identifier: row.identifier,
    kind: row.kind,
    name: row.name,
    parent: row.parent_id,
    address: row.address,
    coordinates: row.latitude === null ? null : { lat: row.latitude, lng: row.longitude },
    active: row.active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function badParent(message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', 'The parent location is invalid', [
    { pointer: '/parent', message },
  ]);
}

async function parentOf(trx: PartiesDb, enterprise: string, id: string) {
  const parent = await trx
    .selectFrom('locations')
    .select(['id', 'identifier'])
    .where('enterprise', '=', enterprise)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!parent) throw badParent(`this enterprise has no location ${id}`);
  return parent;
}

/** Keeps location_parents (read by EPCIS WD_readPoint / WD_bizLocation) in step with parent_id. */
async function linkParent(
  trx: PartiesDb,
  identifier: string,
  oldParent?: string | null,
  newParent?: string | null,
) {
  if (oldParent) {
    await trx
      .deleteFrom('location_parents')
      .where('location', '=', identifier)
      .where('parent', '=', oldParent)
      .execute();
  }
  if (newParent) {
    await trx
      .insertInto('location_parents')
      .values({ location: identifier, parent: newParent })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

export async function createLocation(db: PartiesDb, principal: Principal, body: LocationBody) {
  const code = enterpriseOfRequest(principal, body.enterprise);
  try {
    const row = await transact(db, async (trx) => {
      const enterprise = await writableEnterprise(trx, principal, code);
      const parent = body.parent ? await parentOf(trx, code, body.parent) : undefined;
      const last = await trx
        .selectFrom('locations')
        .select(sql<number>`coalesce(max(seq), 0)`.as('seq'))
        .where('enterprise', '=', code)
        .executeTakeFirstOrThrow();
      const seq = Number(last.seq) + 1;
      const identifier = locationIdentifier({
        enterprise: code,
        enterpriseGln: enterprise.gln,
        seq,
        gln: body.gln,
        extension: body.extension,
      });
      const inserted = await trx
        .insertInto('locations')
        .values({
          enterprise: code,
          seq,
          identifier,
          kind: body.kind,
          name: body.name,
          parent_id: parent?.id ?? null,
          address: body.address ?? null,
          latitude: body.coordinates?.lat ?? null,
          longitude: body.coordinates?.lng ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await linkParent(trx, identifier, null, parent?.identifier);
      return inserted;
    });
    return view(row);
  } catch (error) {
    if (uniqueViolation(error) === undefined) throw error;
    throw new DomainError('VALIDATION_FAILED', 'The location identifier is taken', [
      {
        pointer: body.extension ? '/extension' : '/gln',
        message: 'another location already has this identifier',
      },
    ]);
  }
}

export async function updateLocation(db: PartiesDb, principal: Principal, id: string, patch: LocationPatch) {
  const row = await transact(db, async (trx) => {
    const current = await locationsVisibleTo(trx, principal)
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound(`location ${id}`);
    await writableEnterprise(trx, principal, current.enterprise);
    let parentIdentifier: string | null | undefined;
    if (patch.parent !== undefined && patch.parent !== current.parent_id) {
      if (patch.parent !== null) {
        const parent = await parentOf(trx, current.enterprise, patch.parent);
        const { rows } = await sql<{ id: string }>`
          WITH RECURSIVE up(id, parent_id) AS (
            SELECT id, parent_id FROM locations WHERE id = ${patch.parent}
            UNION SELECT l.id, l.parent_id FROM locations l JOIN up ON l.id = up.parent_id)
          SELECT id FROM up WHERE id = ${id}`.execute(trx);
        if (rows.length > 0)
          throw badParent('a location cannot be placed under itself or one of its children');
        parentIdentifier = parent.identifier;
      } else parentIdentifier = null;
      const old = current.parent_id ? await parentOf(trx, current.enterprise, current.parent_id) : undefined;
      await linkParent(trx, current.identifier, old?.identifier, parentIdentifier);
    }
    return trx
      .updateTable('locations')
      .set({
        kind: patch.kind,
        name: patch.name,
        parent_id: patch.parent,
        address: patch.address,
        latitude: patch.coordinates === undefined ? undefined : (patch.coordinates?.lat ?? null),
        longitude: patch.coordinates === undefined ? undefined : (patch.coordinates?.lng ?? null),
        active: patch.active,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  return view(row);
}

export async function getLocation(db: PartiesDb, principal: Principal, id: string) {
  const row = await locationsVisibleTo(db, principal).selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`location ${id}`);
  return view(row);
}

export async function listLocations(db: PartiesDb, principal: Principal, query: LocationListQuery) {
  let rows = locationsVisibleTo(db, principal).selectAll();
  if (query.enterprise) rows = rows.where('enterprise', '=', query.enterprise.toUpperCase());
  if (query.kind) rows = rows.where('kind', '=', query.kind);
  if (query.parent) rows = rows.where('parent_id', '=', query.parent);
  if (query.identifier) rows = rows.where('identifier', '=', query.identifier);
  if (query.q) rows = rows.where('name', 'ilike', containing(query.q));
  if (query.active !== undefined) rows = rows.where('active', '=', query.active);
  return paginate(rows.orderBy('enterprise').orderBy('seq'), query, view);
}
