import { sql } from 'kysely';
import { suyuanUri } from '../codes/code-uri.js';
import type { Database } from '../db/database.js';
import { type Cell, tsv } from '../db/tsv.js';
import type { NormalisedEvent } from '../epcis/capture/normalise.js';
import { issueSuyuanCode } from '../identifiers/suyuan-code.js';
import { seedContext } from './builder.js';
import { BulkRows, reserveIds } from './bulk-rows.js';
import { copyInTransaction } from './copy.js';
import type { EnterpriseKey } from './enterprises.js';
import { locationUri, partyUri, type SeedWorld } from './master.js';
import { Random, uuidOf } from './random.js';

// Bulk volume for --size medium and large: many ordinary market chains (farm → market →
// supermarket, ten events per lot), generated in chunks and written with COPY in one transaction
// per chunk, straight into the tables capture writes (events and child rows, lineage, codes).
// Capture rules do not run on this path: it is volume for benchmarks, not demo stories.

export const eventsPerLot = 10;
export const volumeSizes = {
  medium: { lots: 20_000, chunk: 2_000 },
  large: { lots: 1_000_000, chunk: 5_000 },
} as const;

export interface VolumeOptions {
  seed: number;
  prefix: string;
  anchor: Date;
  today: string;
  lots: number;
  chunk: number;
  /** Chunks written at once on PostgreSQL (separate connections); default 4. */
  writers?: number;
  onProgress?: (done: number, total: number) => void;
}

interface Lane {
  farm: EnterpriseKey;
  product: string;
  packhouse: string;
  stall: string;
  buyer: EnterpriseKey;
  store: string;
}

const lanes: Lane[] = [
  {
    farm: 'mangoFarm',
    product: 'mango',
    packhouse: 'mangoPackhouse',
    stall: 'stallA',
    buyer: 'supermarket',
    store: 'supermarketStore',
  },
  {
    farm: 'vegetableFarm',
    product: 'vegetable',
    packhouse: 'vegetablePackhouse',
    stall: 'stallC',
    buyer: 'farmersMarket',
    store: 'farmersMarketHall',
  },
  {
    farm: 'mangoFarm',
    product: 'mango',
    packhouse: 'mangoPackhouse',
    stall: 'stallB',
    buyer: 'farmersMarket',
    store: 'farmersMarketHall',
  },
  {
    farm: 'vegetableFarm',
    product: 'vegetable',
    packhouse: 'vegetablePackhouse',
    stall: 'stallB',
    buyer: 'supermarket',
    store: 'supermarketStore',
  },
];

interface Step {
  by: EnterpriseKey;
  bizStep: string;
  action: 'ADD' | 'OBSERVE';
  disposition: string | null;
  hours: number;
  kg: number;
  location: string;
  source: EnterpriseKey | null;
  destination: EnterpriseKey | null;
}

function steps(world: SeedWorld, lane: Lane, kg: number): Step[] {
  const l = (key: string) => locationUri(world, key);
  const s = (
    by: EnterpriseKey,
    bizStep: string,
    hours: number,
    q: number,
    location: string,
    extra: Partial<Step> = {},
  ): Step => ({
    by,
    bizStep,
    action: 'OBSERVE',
    disposition: null,
    hours,
    kg: q,
    location,
    source: null,
    destination: null,
    ...extra,
  });
  const sale = Math.round(kg / 10);
  return [
    s(lane.farm, 'commissioning', 0, kg, l(lane.packhouse), { action: 'ADD', disposition: 'active' }),
    s(lane.farm, 'inspecting', 1, kg, l(lane.packhouse), { disposition: 'conformant' }),
    s(lane.farm, 'shipping', 6, kg, l(lane.packhouse), {
      disposition: 'in_transit',
      source: lane.farm,
      destination: 'market',
    }),
    s('market', 'receiving', 20, kg, l(lane.stall), {
      disposition: 'in_progress',
      source: lane.farm,
      destination: 'market',
    }),
    s('market', 'storing', 21, kg, l(lane.stall)),
    s('market', 'shipping', 26, sale * 3, l(lane.stall), {
      disposition: 'in_transit',
      source: 'market',
      destination: lane.buyer,
    }),
    s(lane.buyer, 'receiving', 30, sale * 3, l(lane.store), { source: 'market', destination: lane.buyer }),
    s(lane.buyer, 'retail_selling', 34, sale, l(lane.store), {
      disposition: 'retail_sold',
      source: lane.buyer,
    }),
    s(lane.buyer, 'retail_selling', 40, sale, l(lane.store), {
      disposition: 'retail_sold',
      source: lane.buyer,
    }),
    s(lane.buyer, 'retail_selling', 46, sale, l(lane.store), {
      disposition: 'retail_sold',
      source: lane.buyer,
    }),
  ];
}

/** One event in the form capture stores (identifiers already canonical: suyuan URNs and SGLNs). */
function normalised(world: SeedWorld, eventId: string, at: string, step: Step, lot: string): NormalisedEvent {
  const parties: NormalisedEvent['parties'] = [];
  const doc: Record<string, unknown> = {
    '@context': seedContext,
    type: 'ObjectEvent',
    eventID: eventId,
    eventTime: at,
    eventTimeZoneOffset: '+08:00',
    epcList: [],
    quantityList: [{ epcClass: lot, quantity: step.kg, uom: 'KGM' }],
    action: step.action,
    bizStep: step.bizStep,
  };
  if (step.disposition) doc.disposition = step.disposition;
  doc.bizLocation = { id: step.location };
  if (step.source) {
    const source = partyUri(world, step.source);
    parties.push({ direction: 'source', type: 'owning_party', value: source });
    doc.sourceList = [{ type: 'owning_party', source }];
  }
  if (step.destination) {
    const destination = partyUri(world, step.destination);
    parties.push({ direction: 'destination', type: 'owning_party', value: destination });
    doc.destinationList = [{ type: 'owning_party', destination }];
  }
  return {
    eventId,
    eventType: 'ObjectEvent',
    eventTime: at,
    eventTimeZoneOffset: '+08:00',
    action: step.action,
    bizStep: step.bizStep,
    disposition: step.disposition,
    readPoint: null,
    bizLocation: step.location,
    transformationId: null,
    errorDeclarationTime: null,
    errorReason: null,
    epcs: [{ role: 'epc', isClass: true, epc: lot, quantity: step.kg, uom: 'KGM' }],
    bizTransactions: [],
    parties,
    sensorReports: [],
    doc,
  };
}

/**
 * A 32-bit tag of the seed, prefix and size: volume identifiers of different seeds or sizes never
 * meet. Volume identifiers are sequential after the tag rather than random, so the unique and epc
 * indexes of ten million rows grow at their right edge instead of splitting pages everywhere (the
 * demo's own item codes stay random; lots need no unguessable part, see src/identifiers/suyuan-code.ts).
 */
function volumeTag(options: Pick<VolumeOptions, 'seed' | 'prefix' | 'lots'>): number {
  return Number.parseInt(uuidOf(options.seed, options.prefix, 'volume', options.lots).slice(0, 8), 16) >>> 0;
}

/** urn:uuid in the RFC 9562 version-8 layout: the tag, then the event's number. */
export function volumeEventId(tag: number, index: number): string {
  const hex = index.toString(16).padStart(12, '0');
  return `urn:uuid:${tag.toString(16).padStart(8, '0')}-0000-8000-8000-${hex}`;
}

/** The 50 bits of a lot code's body: 26 bits of the tag, then the lot's number (up to 2^24). */
function lotBody(tag: number, n: number): Uint8Array {
  const bits = BigInt(tag & 0x3ffffff) * 2n ** 24n + BigInt(n);
  const out = new Uint8Array(7);
  for (let i = 0; i < 7; i++) out[i] = Number(((bits << 6n) >> BigInt(8 * (6 - i))) & 0xffn);
  return out;
}

/** One chunk of lots as COPY texts. */
function chunkRows(world: SeedWorld, options: VolumeOptions, from: number, to: number, firstId: number) {
  const rows = new BulkRows();
  const codes: Cell[][] = [];
  const random = new Random(`suyuan-demo:${options.seed}:volume:${options.lots}:${from}`);
  const tag = volumeTag(options);
  const span = 90 * 24; // lots spread over the last 90 days
  let id = firstId;
  for (let n = from; n < to; n++) {
    const lane = lanes[n % lanes.length] as Lane;
    const product = world.products[lane.product];
    const value = issueSuyuanCode({ prefix: options.prefix, kind: 'lot', random: () => lotBody(tag, n) });
    const lot = suyuanUri(value);
    // lots start evenly over the span, in order: every index of the bulk tables grows at its end
    const start =
      options.anchor.getTime() - (span - Math.floor((n * (span - 48)) / options.lots)) * 3_600_000;
    const kg = 100 + random.int(0, 90) * 10;
    const produced = new Date(start + 8 * 3_600_000).toISOString().slice(0, 10);
    const owner = world.enterprises[lane.farm].creditCode;
    codes.push([
      value,
      lot,
      'suyuan',
      'lot',
      owner,
      product?.gtin.padStart(14, '0') ?? null,
      product?.name ?? null,
      `V${n}`,
      produced,
      null,
      uuidOf(options.seed, 'volume-batch', lane.farm),
      'active',
      new Date(start).toISOString(),
      new Date(start).toISOString(),
    ]);
    steps(world, lane, kg).forEach((step, k) => {
      const at = new Date(start + step.hours * 3_600_000).toISOString();
      const eventId = volumeEventId(tag, n * eventsPerLot + k);
      const e = normalised(world, eventId, at, step, lot);
      const recorded = new Date(start + step.hours * 3_600_000 + 300_000).toISOString();
      rows.add(id, e, {
        recordTime: recorded,
        captureId: null,
        capturedBy: 'seed:volume',
        ownerEnterprise: world.enterprises[step.by].creditCode,
      });
      id++;
    });
  }
  return [
    ...rows.statements(),
    {
      copy: `COPY codes (value, uri, scheme, kind, owner, product, product_name, lot, production_date, expiry_date, batch_id,
      state, issued_at, activated_at)`,
      text: tsv(codes),
    },
  ];
}

/**
 * Writes `lots` lots of ten events each, `chunk` lots per transaction, `writers` chunks at a time
 * on PostgreSQL (one on PGlite). Each chunk commits a row of its own in demo_seeds with its data,
 * so an interrupted run resumes with the chunks not yet written, and a finished one (part
 * volume:<lots>) is not written again.
 */
export async function seedVolume(database: Database, world: SeedWorld, options: VolumeOptions) {
  const part = `volume:${options.lots}`;
  const started = performance.now();
  const { rows } = await sql<{
    part: string;
    anchor: string;
  }>`SELECT part, anchor::text AS anchor FROM demo_seeds
    WHERE seed = ${options.seed} AND (part = ${part} OR part LIKE ${`${part}@%`})`.execute(database.db);
  if (rows.some((r) => r.part === part)) {
    return { events: options.lots * eventsPerLot, lots: options.lots, seconds: 0, written: false };
  }
  const written = new Set(rows.map((r) => Number(r.part.split('@')[1])));
  // a resumed run keeps the day the interrupted one started from
  const anchor = new Date(`${rows[0]?.anchor ?? options.today}T00:00:00+08:00`);
  const day = rows[0]?.anchor ?? options.today;
  const opts = { ...options, anchor };
  const starts: number[] = [];
  for (let from = 0; from < options.lots; from += options.chunk) if (!written.has(from)) starts.push(from);
  let lotsDone =
    options.lots - starts.reduce((n, from) => n + Math.min(options.chunk, options.lots - from), 0);
  const lotsBefore = lotsDone;
  options.onProgress?.(lotsDone * eventsPerLot, options.lots * eventsPerLot);
  const writeChunk = async (from: number) => {
    const to = Math.min(from + options.chunk, options.lots);
    const firstId = await reserveIds(database, 'events', (to - from) * eventsPerLot);
    await copyInTransaction(database, chunkRows(world, opts, from, to, firstId), {
      sql: 'INSERT INTO demo_seeds (seed, part, anchor) VALUES ($1, $2, $3)',
      params: [options.seed, `${part}@${from}`, day],
    });
    lotsDone += to - from;
    options.onProgress?.(lotsDone * eventsPerLot, options.lots * eventsPerLot);
  };
  const writers = database.kind === 'pglite' ? 1 : (options.writers ?? 4);
  const queue = [...starts];
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let from = queue.shift(); from !== undefined; from = queue.shift()) await writeChunk(from);
    }),
  );
  await sql`INSERT INTO demo_seeds (seed, part, anchor) VALUES (${options.seed}, ${part}, ${day})
    ON CONFLICT DO NOTHING`.execute(database.db);
  await sql`DELETE FROM demo_seeds WHERE seed = ${options.seed} AND part LIKE ${`${part}@%`}`.execute(
    database.db,
  );
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  return {
    events: (options.lots - lotsBefore) * eventsPerLot,
    lots: options.lots - lotsBefore,
    seconds,
    written: true,
  };
}
