import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/types.js';
import type { NormalisedEvent } from '../epcis/capture/normalise.js';
import { deriveLineage, type LinkRow, type MovementRow, type UnpackRow } from './derive.js';

type Keyed<T> = T & { pk: string };

/**
 * Writes the lineage of newly stored events inside the capture transaction. Events stored already
 * retracted (their errorDeclaration arrived first) get none. Called by the capture store.
 */
export async function updateLineage(
  trx: Kysely<DB>,
  stored: { pk: string; event: NormalisedEvent }[],
): Promise<void> {
  const links: Keyed<LinkRow>[] = [];
  const unpacks: Keyed<UnpackRow>[] = [];
  const movements: Keyed<MovementRow>[] = [];
  const parents = new Set<string>();
  const transformations = new Set<string>();
  for (const { pk, event } of stored) {
    if (event.errorDeclarationTime !== null) continue;
    const lineage = deriveLineage(event);
    for (const r of lineage.links) links.push({ pk, ...r });
    for (const r of lineage.unpacks) unpacks.push({ pk, ...r });
    for (const r of lineage.movements) movements.push({ pk, ...r });
    for (const p of lineage.parents) parents.add(p);
    if (event.eventType === 'TransformationEvent' && event.transformationId !== null)
      transformations.add(event.transformationId);
  }
  await insertLinks(trx, links);
  if (unpacks.length > 0) {
    const col = <K extends keyof Keyed<UnpackRow>>(k: K) => unpacks.map((r) => r[k]);
    await sql`INSERT INTO lineage_unpacks (event_pk, parent, child, at)
      SELECT * FROM unnest(${col('pk')}::bigint[], ${col('parent')}::text[], ${col('child')}::text[],
        ${col('at')}::timestamptz[])`.execute(trx);
  }
  if (movements.length > 0) {
    const col = <K extends keyof Keyed<MovementRow>>(k: K) => movements.map((r) => r[k]);
    await sql`INSERT INTO lineage_movements (event_pk, epc, kind, party, counterparty, quantity, uom, at, ilmd)
      SELECT * FROM unnest(${col('pk')}::bigint[], ${col('epc')}::text[], ${col('kind')}::text[],
        ${col('party')}::text[], ${col('counterparty')}::text[], ${col('quantity')}::float8[],
        ${col('uom')}::text[], ${col('at')}::timestamptz[], ${col('ilmd')}::text[]::jsonb[])`.execute(trx);
  }
  await rebuildTransformations(trx, [...transformations]);
  await recomputeMemberships(trx, [...parents]);
}

async function insertLinks(trx: Kysely<DB>, links: Keyed<LinkRow>[]): Promise<void> {
  if (links.length === 0) return;
  const col = <K extends keyof Keyed<LinkRow>>(k: K) => links.map((r) => r[k]);
  await sql`INSERT INTO lineage_links (event_pk, kind, source, target, source_quantity, target_quantity, uom, at)
    SELECT * FROM unnest(${col('pk')}::bigint[], ${col('kind')}::text[], ${col('source')}::text[],
      ${col('target')}::text[], ${col('sourceQuantity')}::float8[], ${col('targetQuantity')}::float8[],
      ${col('uom')}::text[], ${col('at')}::timestamptz[])`.execute(trx);
}

/**
 * Links every input to every output of the events sharing a transformationID (EPCIS 2.0 §7.4.6),
 * from the events that count now, so a group captured in pieces or out of order ends the same.
 */
async function rebuildTransformations(trx: Kysely<DB>, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`DELETE FROM lineage_links WHERE transformation_id = ANY(${ids}::text[])`.execute(trx);
  await sql`INSERT INTO lineage_links (event_pk, kind, source, target, source_quantity, target_quantity, uom, at,
      transformation_id)
    SELECT DISTINCT ON (i.epc, o.epc, eo.transformation_id) eo.id, 'transform', i.epc, o.epc,
      CASE WHEN i.is_class THEN i.quantity END, CASE WHEN o.is_class THEN o.quantity END,
      coalesce(o.uom, i.uom), eo.event_time, eo.transformation_id
    FROM events eo
    JOIN event_epcs o ON o.event_pk = eo.id AND o.role = 'output'
    JOIN events ei ON ei.transformation_id = eo.transformation_id AND ei.error_declaration_time IS NULL
      AND ei.event_type = 'TransformationEvent'
    JOIN event_epcs i ON i.event_pk = ei.id AND i.role = 'input'
    WHERE eo.transformation_id = ANY(${ids}::text[]) AND eo.error_declaration_time IS NULL
      AND eo.event_type = 'TransformationEvent'
    ORDER BY i.epc, o.epc, eo.transformation_id, eo.event_time, eo.id`.execute(trx);
}

/** Sets when each membership of these parents ended: the first later DELETE of the child or of all. */
async function recomputeMemberships(trx: Kysely<DB>, parents: string[]): Promise<void> {
  if (parents.length === 0) return;
  await sql`UPDATE lineage_links l SET valid_to = (
      SELECT min(u.at) FROM lineage_unpacks u
      WHERE u.parent = l.target AND (u.child = l.source OR u.child IS NULL) AND u.at > l.at)
    WHERE l.kind = 'contains' AND l.target = ANY(${parents}::text[])`.execute(trx);
}

/** An event was declared erroneous (EPCIS 2.0 §7.4.1.4): its lineage no longer counts. */
export async function retractLineage(trx: Kysely<DB>, eventId: string): Promise<void> {
  const event = await trx
    .selectFrom('events')
    .select(['id', 'transformation_id'])
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  if (!event) return;
  const { rows } = await sql<{ parent: string }>`
    SELECT target AS parent FROM lineage_links WHERE event_pk = ${event.id} AND kind = 'contains'
    UNION SELECT parent FROM lineage_unpacks WHERE event_pk = ${event.id}`.execute(trx);
  await sql`DELETE FROM lineage_links WHERE event_pk = ${event.id}`.execute(trx);
  await sql`DELETE FROM lineage_unpacks WHERE event_pk = ${event.id}`.execute(trx);
  await sql`DELETE FROM lineage_movements WHERE event_pk = ${event.id}`.execute(trx);
  if (event.transformation_id !== null) await rebuildTransformations(trx, [event.transformation_id]);
  await recomputeMemberships(
    trx,
    rows.map((r) => r.parent),
  );
}
