import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/types.js';
import { type NormalisedEvent, normaliseEvent } from '../epcis/capture/normalise.js';
import { storeEvents } from '../epcis/capture/store.js';
import { validateEvent } from '../epcis/validation/index.js';
import { ScanLog } from '../resolver/scans.js';
import { getTemplate, recordToEvent } from '../templates/engine.js';
import type { Template } from '../templates/model.js';
import { type SeedCode, type SeedEvent, type SeedScan, seedContext } from './builder.js';
import type { EnterpriseKey } from './enterprises.js';
import type { SeedWorld } from './master.js';

/** Inserts the issued codes (the codes registry of src/codes); codes already there are kept. */
export async function writeCodes(
  db: Kysely<DB>,
  world: SeedWorld,
  codes: SeedCode[],
  issuedAt: Date,
): Promise<number> {
  let written = 0;
  for (let i = 0; i < codes.length; i += 5000) {
    const chunk = codes.slice(i, i + 5000);
    const col = <T>(pick: (c: SeedCode) => T) => chunk.map(pick);
    const { rows } = await sql<{ value: string }>`
      INSERT INTO codes (value, uri, scheme, kind, owner, product, product_name, lot, production_date, expiry_date,
        batch_id, issued_at)
      SELECT *, ${issuedAt}::timestamptz FROM unnest(${col((c) => c.value)}::text[], ${col((c) => c.uri)}::text[],
        ${col((c) => c.scheme)}::text[], ${col((c) => c.kind)}::text[],
        ${col((c) => world.enterprises[c.owner].creditCode)}::text[], ${col((c) => c.product)}::text[],
        ${col((c) => c.productName)}::text[], ${col((c) => c.lot)}::text[], ${col((c) => c.productionDate)}::date[],
        ${col((c) => c.expiryDate)}::date[], ${col((c) => c.batch)}::text[])
      ON CONFLICT DO NOTHING
      RETURNING value`.execute(db);
    written += rows.length;
  }
  return written;
}

export interface StoreOutcome {
  stored: number;
  duplicates: number;
  /** Template records: how many went through the template engine. */
  records: number;
  /** Events a capture rule refused (reported, not fatal: the demo is still useful). */
  refused: { eventId: string; message: string }[];
}

interface Ready {
  seed: SeedEvent;
  event: NormalisedEvent;
  index: number;
}

/**
 * Turns each seed event into the normalised form capture stores: template records through the
 * template engine (recordToEvent: the template's checks and mapping), plain events as captured.
 * A record the engine refuses is an error of the seed (templates changed): it stops the seed.
 */
async function prepare(db: Kysely<DB>, world: SeedWorld, events: SeedEvent[]): Promise<Ready[]> {
  const templates = new Map<string, Template | undefined>();
  const ready: Ready[] = [];
  for (const [index, seed] of events.entries()) {
    let json: Record<string, unknown>;
    let context: unknown;
    if (seed.record) {
      const ref = seed.record.template;
      if (!templates.has(ref)) templates.set(ref, await getTemplate(db, ref));
      const template = templates.get(ref);
      if (!template) throw new Error(`the demo needs template ${ref}, which this platform does not have`);
      const converted = recordToEvent(template, seed.record.cte, seed.record.fields, {
        enterprise: world.enterprises[seed.by].creditCode,
        eventId: seed.eventId,
      });
      if (!converted.ok) {
        throw new Error(
          `demo record ${ref}/${seed.record.cte} is refused by the template: ${JSON.stringify(converted.issues)}`,
        );
      }
      json = converted.event;
      context = json['@context'];
    } else {
      json = { '@context': seedContext, ...seed.event };
      context = seedContext;
    }
    const issues = validateEvent(json, '');
    if (issues.length > 0)
      throw new Error(`demo event ${seed.eventId} is invalid: ${JSON.stringify(issues)}`);
    const { '@context': _, ...event } = json;
    const normalised = normaliseEvent(event, context, seed.eventId);
    if (!normalised.ok) throw new Error(`demo event ${seed.eventId}: ${JSON.stringify(normalised.issues)}`);
    ready.push({ seed, event: normalised.event, index });
  }
  return ready.sort(
    (a, b) => Date.parse(a.event.eventTime) - Date.parse(b.event.eventTime) || a.index - b.index,
  );
}

/**
 * Stores events in time order through the capture store (storeEvents), so every capture rule and
 * listener runs as it would for an enterprise's own capture. Consecutive events of one enterprise
 * form one batch. Afterwards each event's record time is set to when the enterprise would have
 * reported it (minutes after it happened; days for the planted late report).
 */
export async function writeEvents(
  db: Kysely<DB>,
  world: SeedWorld,
  events: SeedEvent[],
  onProgress: (done: number) => void,
): Promise<StoreOutcome> {
  const outcome: StoreOutcome = { stored: 0, duplicates: 0, records: 0, refused: [] };
  const ordered = await prepare(db, world, events);
  outcome.records = events.filter((e) => e.record).length;
  let done = 0;
  let i = 0;
  while (i < ordered.length) {
    const by: EnterpriseKey = (ordered[i] as Ready).seed.by;
    const batch: { event: NormalisedEvent; pointer: string }[] = [];
    while (i < ordered.length && (ordered[i] as Ready).seed.by === by && batch.length < 500) {
      const r = ordered[i] as Ready;
      batch.push({ event: r.event, pointer: r.seed.eventId });
      i++;
    }
    const capturer = { principal: 'seed:demo', enterprise: world.enterprises[by].creditCode };
    const result = await storeEvents(db, batch, null, capturer);
    outcome.stored += result.stored;
    outcome.duplicates += result.duplicates;
    const refused = [...result.conflicts, ...result.rejected];
    if (refused.length > 0) {
      outcome.refused.push(...refused.map((r) => ({ eventId: r.pointer, message: r.message })));
      const bad = new Set(refused.map((r) => r.pointer.split('/')[0]));
      const again = await storeEvents(
        db,
        batch.filter((e) => !bad.has(e.pointer)),
        null,
        capturer,
      );
      outcome.stored += again.stored;
    }
    done += batch.length;
    onProgress(done);
  }
  const timely = events.filter((e) => e.reportDelayMinutes !== null);
  await sql`UPDATE events e SET record_time = e.event_time + make_interval(mins => t.delay)
    FROM unnest(${timely.map((e) => e.eventId)}::text[], ${timely.map((e) => e.reportDelayMinutes)}::int[])
      AS t(id, delay)
    WHERE e.event_id = t.id AND e.captured_by = 'seed:demo'`.execute(db);
  return outcome;
}

/** Codes the chains used are in circulation: mark issued ones active (vouchers, cases, pallets …). */
export async function activateUsedCodes(db: Kysely<DB>, codes: SeedCode[], at: Date): Promise<void> {
  await sql`UPDATE codes c SET state = 'active', activated_at = ${at}
    WHERE c.uri = ANY(${codes.map((c) => c.uri)}::text[]) AND c.state = 'issued'
      AND EXISTS (SELECT 1 FROM event_epcs x WHERE x.epc = c.uri)`.execute(db);
}

/** Writes the consumer scans through the resolver's scan log (one batch). */
export async function writeScans(db: Kysely<DB>, scans: SeedScan[]): Promise<void> {
  let failure: unknown;
  const log = {
    error: (details: { err?: unknown }) => {
      failure = details.err ?? new Error('the scan log failed');
    },
  } as unknown as ConstructorParameters<typeof ScanLog>[1];
  const scanLog = new ScanLog(db, log);
  const ordered = [...scans].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const s of ordered) scanLog.record({ uri: s.uri, at: s.at, channel: 'web', place: s.place });
  await scanLog.flush();
  if (failure) throw failure;
}

/**
 * The demo's history is captured in minutes, long after it "happened": the late-report warning rule
 * would flag every backfilled event at capture. It is switched off (a global rule setting) inside
 * the seed's transaction only — nobody else ever sees the change — and restored before the events
 * that really are reported late are stored. Returns the function that restores it.
 */
export async function pauseLateReports(trx: Kysely<DB>): Promise<() => Promise<void>> {
  const { rows } = await sql<{ settings: Record<string, unknown> }>`SELECT settings FROM warning_rule_settings
    WHERE rule = 'late-report' AND region = '' AND industry = '' FOR UPDATE`.execute(trx);
  const before = rows[0]?.settings;
  await sql`INSERT INTO warning_rule_settings (rule, region, industry, settings, updated_by)
    VALUES ('late-report', '', '', ${JSON.stringify({ ...before, enabled: false })}::jsonb, 'seed:demo')
    ON CONFLICT (rule, region, industry) DO UPDATE SET settings = excluded.settings`.execute(trx);
  return async () => {
    if (before === undefined) {
      await sql`DELETE FROM warning_rule_settings WHERE rule = 'late-report' AND region = '' AND industry = ''`.execute(
        trx,
      );
    } else {
      await sql`UPDATE warning_rule_settings SET settings = ${JSON.stringify(before)}::jsonb
        WHERE rule = 'late-report' AND region = '' AND industry = ''`.execute(trx);
    }
  };
}
