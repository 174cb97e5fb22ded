import { type Selectable, sql } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { DomainError } from '../http/errors.js';
import { impactOf } from '../trace/impact.js';
import type { ImpactSummary, RecallHolderTable, RecallsDb } from './db.js';
import { enterprisesOfParties, regionOf } from './parties.js';
import { policyRefusal, refuseReadOnly } from './rights.js';
import { defaultDays, type RecallBody } from './schema.js';
import { codesOfLots, ownersOf, startIdentifiers } from './targets.js';

const day = 86_400_000;

async function responsibleEnterprise(
  system: RecallsDb,
  principal: Principal,
  body: RecallBody,
  starts: string[],
): Promise<string> {
  const owners = await ownersOf(system, starts);
  if (principal.enterprise) {
    const foreign = starts.filter((u) => owners.get(u) !== principal.enterprise);
    if (foreign.length > 0)
      throw new DomainError(
        'FORBIDDEN',
        `An enterprise recalls only its own products: ${foreign.slice(0, 5).join(', ')} are not shown to be yours`,
      );
    return principal.enterprise;
  }
  if (body.enterprise) {
    // A regulator names the responsible enterprise; it may not put another enterprise's goods
    // under a stop-trading order by naming an enterprise it oversees.
    const given = body.enterprise.toUpperCase();
    const foreign = starts.filter((u) => owners.has(u) && owners.get(u) !== given);
    if (foreign.length > 0)
      throw new DomainError('VALIDATION_FAILED', `The targets are not all of enterprise ${given}`, [
        {
          pointer: '/enterprise',
          message: `${foreign.slice(0, 5).join(', ')} belong to another enterprise: recall them in its name`,
        },
      ]);
    return given;
  }
  const named = new Set(owners.values());
  if (named.size === 1) return [...named][0] as string;
  throw new DomainError('VALIDATION_FAILED', 'Which enterprise answers for this recall?', [
    { pointer: '/enterprise', message: 'required: the targets do not name one responsible enterprise' },
  ]);
}

/** What a recall will write, computed as the owner before the caller's transaction (PGlite has one connection). */
export interface RecallPlan {
  body: RecallBody;
  enterprise: string;
  region: string | null;
  starts: string[];
  affected: string[];
  impact: ImpactSummary;
  holders: Pick<
    Selectable<RecallHolderTable>,
    'party' | 'enterprise' | 'region' | 'latitude' | 'longitude' | 'uom' | 'held' | 'received' | 'objects'
  >[];
}

/**
 * Plans a recall (召回): voluntary by an enterprise on its own products, or ordered by a regulator.
 * The impact assessment gives the affected codes (recalled at once: resolver banner, stop-trading
 * check at capture) and the holders. Read-only system work: lineage has no row policies and the
 * holders are other enterprises; who may open it is decided by row-level security in writeRecall.
 */
export async function planRecall(
  system: RecallsDb,
  principal: Principal,
  body: RecallBody,
  mayOpen: (enterprise: string) => Promise<boolean>,
): Promise<RecallPlan> {
  if (!principal.enterprise && principal.role !== 'regulator' && !principal.scopes.has('admin'))
    throw new DomainError('FORBIDDEN', 'Recalls are opened by an enterprise or ordered by a regulator');
  refuseReadOnly(principal);
  const starts = await startIdentifiers(system, body);
  const enterprise = await responsibleEnterprise(system, principal, body, starts);
  // Refused before the impact assessment (the costly part); row-level security checks again on write.
  if (!(await mayOpen(enterprise)))
    throw new DomainError('FORBIDDEN', `You may not open a recall for enterprise ${enterprise}`);
  const impact = await impactOf(system, starts);
  const lotCodes = await codesOfLots(system, starts);
  const affected = [...new Set([...starts, ...impact.objects.map((o) => o.uri), ...lotCodes])];
  const involved = impact.parties.filter((p) => p.received > 0 || p.held > 0 || p.objects > 0);
  const partyMap = await enterprisesOfParties(system, [...new Set(involved.map((p) => p.party))]);
  const regions = [
    ...new Set(
      involved.flatMap((p) => {
        const region = partyMap.get(p.party)?.region;
        return region ? [region] : [];
      }),
    ),
  ];
  return {
    body,
    enterprise,
    region: await regionOf(system, enterprise),
    starts,
    affected,
    impact: {
      objects: impact.objects.length,
      codes: affected.length,
      parties: involved.length,
      scans: impact.scans,
      lots: starts,
      regions,
    },
    holders: involved.map((p) => ({
      party: p.party,
      enterprise: partyMap.get(p.party)?.enterprise ?? null,
      region: partyMap.get(p.party)?.region ?? p.region,
      latitude: partyMap.get(p.party)?.latitude ?? null,
      longitude: partyMap.get(p.party)?.longitude ?? null,
      uom: p.uom,
      held: Math.max(0, p.held),
      received: p.received,
      objects: p.objects,
    })),
  };
}

/** Writes a planned recall as the caller: recall, affected codes, holders (each notified), timeline. */
export async function writeRecall(db: RecallsDb, principal: Principal, plan: RecallPlan): Promise<string> {
  const { body, enterprise, affected } = plan;
  const days = defaultDays[body.severity] ?? { respond: 3, complete: 30 };
  const respondDays = body.respondDays ?? days.respond;
  const orderedBy = principal.enterprise ? 'enterprise' : 'regulator';
  let id: string;
  try {
    const row = await db
      .insertInto('recalls')
      .values({
        enterprise,
        region: plan.region,
        ordered_by: orderedBy,
        opened_by: principal.id,
        title: body.title,
        reason: body.reason,
        severity: body.severity,
        targets: JSON.stringify({
          products: body.products ?? [],
          lots: body.lots ?? [],
          codes: body.codes ?? [],
        }),
        lots: plan.starts,
        impact: JSON.stringify(plan.impact),
        respond_days: respondDays,
        complete_days: body.completeDays ?? days.complete,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = row.id;
  } catch (error) {
    throw policyRefusal(error, `You may not open a recall for enterprise ${enterprise}`);
  }
  await sql`INSERT INTO recall_codes (recall_id, uri)
    SELECT ${id}, u FROM unnest(${affected}::text[]) AS u ON CONFLICT DO NOTHING`.execute(db);
  const due = new Date(Date.now() + respondDays * day);
  if (plan.holders.length > 0)
    await db
      .insertInto('recall_holders')
      .values(plan.holders.map((h) => ({ ...h, recall_id: id, due_at: due })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  await db
    .insertInto('recall_actions')
    .values([
      {
        recall_id: id,
        actor: principal.id,
        action: 'opened',
        detail: JSON.stringify({ orderedBy, severity: body.severity, codes: affected.length }),
      },
      {
        recall_id: id,
        actor: 'system',
        action: 'notified',
        detail: JSON.stringify({ holders: plan.holders.length, dueAt: due.toISOString() }),
      },
    ])
    .execute();
  return id;
}
