import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB } from '../db/types.js';
import { lookupRegion } from '../identifiers/index.js';
import { todayInChina } from '../parties/common.js';
import { ChainBuilder } from './builder.js';
import { drugChain } from './chains-drugs.js';
import { cylinderChain, elevatorChain, orphanReceiving } from './chains-equipment.js';
import { type Highlights, mangoChain, pesticideChain, porkChain, vegetableChain } from './chains-farm.js';
import { formulaChain, oilChain } from './chains-food.js';
import { chemicalChain, herbChain, rareEarthChain, wineChain } from './chains-trade.js';
import { buildWorld, type SeedWorld } from './master.js';
import { regions } from './regions.js';
import { activateUsedCodes, pauseLateReports, writeCodes, writeEvents, writeScans } from './store.js';
import { demoAccounts, demoPassword, writeDemoUsers } from './users.js';
import { seedVolume, volumeSizes } from './volume.js';
import { writeMaster } from './write-master.js';

export type SeedSize = 'small' | 'medium' | 'large';
export const defaultSeed = 2026;

export interface SeedOptions {
  size: SeedSize;
  seed: number;
  /** Node prefix of the trace codes (SUYUAN_NODE_PREFIX). */
  prefix: string;
  /** Bulk volume: chunks written at once on PostgreSQL (default 4). */
  writers?: number;
  /** The seeding day in China (YYYY-MM-DD): events are dated back from it. Default: today. */
  today?: string;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface SeedSummary {
  seed: number;
  size: SeedSize;
  /** false when this seed had already been written (nothing was added). */
  chainsWritten: boolean;
  enterprises: number;
  events: number;
  /** Of those, records of the industry templates (converted and checked by the template engine). */
  records: number;
  codes: number;
  scans: number;
  volume: { events: number; lots: number; seconds: number; written: boolean } | null;
  refused: { eventId: string; message: string }[];
  highlights: Highlights;
  seconds: number;
}

/** The chains of every category, built for the world (pure). */
export function buildChains(world: SeedWorld, anchor: Date, prefix: string) {
  const b = new ChainBuilder(world, anchor, prefix, 'chains');
  const highlights: Highlights = {
    ...pesticideChain(b),
    ...mangoChain(b, 10),
    ...porkChain(b, 4),
    ...vegetableChain(b, 6),
    ...formulaChain(b, 3, 24),
    ...oilChain(b, 3, 12),
    ...drugChain(b, 10, 6),
    ...elevatorChain(b, 3),
    ...cylinderChain(b, 4),
    ...chemicalChain(b, 8),
    ...rareEarthChain(b),
    ...wineChain(b, 12),
    ...herbChain(b),
    ...orphanReceiving(b),
  };
  return { builder: b, highlights };
}

/** Midnight at the start of `day` in China (UTC+8). */
export function anchorOf(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

function checkRegions(): void {
  for (const r of Object.values(regions)) {
    const found = lookupRegion(r.code);
    if (!found.valid) throw new Error(`demo region ${r.code} ${r.name}: ${found.errors.join('; ')}`);
  }
}

async function marker(db: Kysely<DB>, seed: number, part: string) {
  const { rows } = await sql<{ anchor: string; summary: Record<string, unknown> }>`
    SELECT anchor::text AS anchor, summary FROM demo_seeds WHERE seed = ${seed} AND part = ${part}`.execute(
    db,
  );
  return rows[0];
}

/**
 * Writes the demo world for a seed: master data, users, codes, the chains of every category with
 * their planted problems, and consumer scans; for medium and large, bulk volume on top. Idempotent:
 * what a seed wrote is recorded in demo_seeds and never written twice.
 */
export async function seedDemo(database: Database, options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  checkRegions();
  const progress = options.onProgress ?? (() => {});
  const world = buildWorld(options.seed);
  const db = database.db;
  const before = await marker(db, options.seed, 'chains');
  const today = before?.anchor ?? options.today ?? todayInChina();
  const anchor = anchorOf(today);
  // The codes carry the node prefix they were seeded with: describe the world that is there.
  const prefix = typeof before?.summary.prefix === 'string' ? before.summary.prefix : options.prefix;
  const { builder, highlights } = buildChains(world, anchor, prefix);
  const summary: SeedSummary = {
    seed: options.seed,
    size: options.size,
    chainsWritten: false,
    enterprises: 0,
    events: 0,
    records: 0,
    codes: 0,
    scans: 0,
    volume: null,
    refused: [],
    highlights,
    seconds: 0,
  };
  if (!before) {
    progress('master data', 0, builder.events.length);
    await db.transaction().execute(async (trx) => {
      // Take the marker first: a concurrent seed of the same world waits here, then finds it.
      const { rows } = await sql`INSERT INTO demo_seeds (seed, part, anchor, summary)
        VALUES (${options.seed}, 'chains', ${today}, ${JSON.stringify({ prefix })}::jsonb)
        ON CONFLICT DO NOTHING RETURNING seed`.execute(trx);
      if (rows.length === 0) return;
      summary.enterprises = await writeMaster(trx, world, today);
      await writeDemoUsers(trx, world);
      summary.codes = await writeCodes(
        trx,
        world,
        builder.codes,
        new Date(anchor.getTime() - 130 * 86_400_000),
      );
      const timely = builder.events.filter((e) => e.reportDelayMinutes !== null);
      const late = builder.events.filter((e) => e.reportDelayMinutes === null);
      const resume = await pauseLateReports(trx);
      const stored = await writeEvents(trx, world, timely, (done) =>
        progress('chains', done, builder.events.length),
      );
      await resume();
      const reported = await writeEvents(trx, world, late, () => {});
      stored.stored += reported.stored;
      stored.records += reported.records;
      stored.refused.push(...reported.refused);
      await activateUsedCodes(trx, builder.codes, new Date(anchor.getTime() - 120 * 86_400_000));
      summary.events = stored.stored;
      summary.records = stored.records;
      summary.refused = stored.refused;
      summary.chainsWritten = true;
    });
  }
  const scansDone = (await marker(db, options.seed, 'scans')) !== undefined;
  if (summary.chainsWritten || (before && !scansDone)) {
    await writeScans(db, builder.scans);
    await sql`INSERT INTO demo_seeds (seed, part, anchor) VALUES (${options.seed}, 'scans', ${today})
      ON CONFLICT DO NOTHING`.execute(db);
    summary.scans = builder.scans.length;
  }
  if (options.size !== 'small') {
    summary.volume = await seedVolume(database, world, {
      seed: options.seed,
      prefix,
      anchor,
      today,
      ...volumeSizes[options.size],
      ...(options.writers ? { writers: options.writers } : {}),
      onProgress: (done, total) => progress(`volume (${options.size})`, done, total),
    });
  }
  summary.seconds = Math.round((performance.now() - started) / 100) / 10;
  return summary;
}

/** True when nothing has been recorded yet: no enterprise, no user, no event. */
export async function isEmptyDatabase(db: Kysely<DB>): Promise<boolean> {
  const { rows } = await sql<{ empty: boolean }>`SELECT NOT EXISTS (SELECT 1 FROM enterprises)
    AND NOT EXISTS (SELECT 1 FROM users) AND NOT EXISTS (SELECT 1 FROM events) AS empty`.execute(db);
  return rows[0]?.empty === true;
}

/** The demo accounts and codes worth scanning, as printed by the CLI and listed in the README. */
export function describeDemo(summary: SeedSummary, publicUrl: string): string {
  const lines = [
    `demo seed ${summary.seed} (${summary.size}): ${summary.chainsWritten ? `${summary.enterprises} enterprises, ${summary.events} events (${summary.records} template records), ${summary.codes} codes, ${summary.scans} scans` : 'already present, nothing added'}${summary.volume ? `; volume ${summary.volume.written ? `${summary.volume.events} events, ${summary.volume.lots} lots in ${summary.volume.seconds} s` : 'already present'}` : ''} (${summary.seconds} s)`,
    '',
    `Demo accounts (DEMO ONLY, password for all: ${demoPassword}):`,
    ...demoAccounts.map((a) => `  ${a.username.padEnd(22)} ${a.description}`),
    '',
    'Codes worth scanning:',
    ...Object.values(summary.highlights).map((h) => `  ${scanUrl(publicUrl, h.code)}\n      ${h.note}`),
  ];
  if (summary.refused.length > 0) {
    lines.push('', `${summary.refused.length} demo event(s) were refused by capture rules:`);
    for (const r of summary.refused.slice(0, 10)) lines.push(`  ${r.eventId}: ${r.message}`);
  }
  return lines.join('\n');
}

/** Where a demo code resolves: /t/{code} for suyuan codes, the Digital Link path for GS1 keys. */
export function scanUrl(publicUrl: string, code: string): string {
  const gs1 = 'https://id.gs1.org';
  return code.startsWith(gs1) ? publicUrl + code.slice(gs1.length) : `${publicUrl}/t/${code}`;
}
