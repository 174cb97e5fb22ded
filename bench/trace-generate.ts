import { randomUUID } from 'node:crypto';
import type { Database } from '../src/db/database.js';
import { type NormalisedEvent, normaliseEvent } from '../src/epcis/capture/normalise.js';
import { storeEvents } from '../src/epcis/capture/store.js';
import { gs1CheckDigit } from '../src/identifiers/gs1/check-digit.js';
import { BulkRows, reserveIds } from '../src/seed/bulk-rows.js';
import { copyInTransaction } from '../src/seed/copy.js';
import { progress } from './report.js';
import { walkOnly } from './trace-bare.js';

type Json = Record<string, unknown>;

/**
 * A meat-and-dairy chain: feed → farms → collection (fan-in) → plant → processing (fan-out) →
 * packing (merge) → distribution → wholesale market vouchers (卡单同行) → retail packs. Depth 8 of
 * transformations plus shipping/receiving; `extraDepth` adds re-lotting stages (cold stores) up to 12.
 */
const stages = [
  { name: 'feed', fanIn: 0, fanOut: 0, parties: 50, bizStep: 'commissioning' },
  { name: 'farm', fanIn: 1, fanOut: 5, parties: 5000, bizStep: 'commissioning' },
  { name: 'collection', fanIn: 4, fanOut: 1, parties: 400, bizStep: 'commissioning' },
  { name: 'plant', fanIn: 2, fanOut: 2, parties: 60, bizStep: 'commissioning' },
  { name: 'processing', fanIn: 1, fanOut: 3, parties: 60, bizStep: 'commissioning' },
  { name: 'packing', fanIn: 2, fanOut: 2, parties: 60, bizStep: 'packing' },
  { name: 'distribution', fanIn: 1, fanOut: 2, parties: 200, bizStep: 'commissioning' },
  { name: 'wholesale', fanIn: 1, fanOut: 3, parties: 2000, bizStep: 'retail_selling' },
  { name: 'retail', fanIn: 1, fanOut: 2, parties: 20000, bizStep: 'commissioning' },
];
const plantStage = 3;
const sampleSize = 20_000;
const relot = { name: 'cold-store', fanIn: 1, fanOut: 1, parties: 300, bizStep: 'commissioning' };

export interface GeneratedGraph {
  /** Lots written (all stages). */
  lotCount: number;
  /** A uniform sample of them (reservoir), where the benchmark draws its random starts. */
  lots: string[];
  events: number;
  /** A raw-material lot wired into enough plant lots to reach about `impactTarget` downstream lots. */
  hub: string;
  seconds: number;
}

const gtinOf = (stage: number) => {
  const body = `069012340${String(stage).padStart(4, '0')}`;
  return body + gs1CheckDigit(body);
};
const partyOf = (stage: number, index: number, count: number) => {
  const body = `69${String(stage).padStart(2, '0')}${String(index % count).padStart(8, '0')}`;
  return `https://id.gs1.org/417/${body}${gs1CheckDigit(body)}`;
};

function event(type: string, time: number, fields: Json): Json {
  return {
    type,
    eventID: `urn:uuid:${randomUUID()}`,
    eventTime: new Date(time).toISOString(),
    eventTimeZoneOffset: '+08:00',
    ...fields,
  };
}
const owner = (side: 'source' | 'destination', party: string) => ({
  [`${side}List`]: [{ type: 'owning_party', [side]: party }],
});
const kg = (epcClass: string, quantity: number) => ({ epcClass, quantity, uom: 'KGM' });

/** Events validated and normalised as capture does; an invalid one stops the benchmark. */
function normalised(docs: Json[]): NormalisedEvent[] {
  return docs.map((doc, i) => {
    const r = normaliseEvent(doc, undefined, `/${i}`);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.event;
  });
}

const capturer = { principal: 'bench', enterprise: null };

/** Through the capture store (checks, rows, lineage, listeners) in one transaction. */
async function writeByCapture(database: Database, docs: Json[]): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    const ready = normalised(docs).map((event, i) => ({ event, pointer: `/${i}` }));
    await storeEvents(trx, ready, null, capturer);
  });
}

/** The same rows with COPY (src/seed/bulk-rows.ts) in one transaction; capture rules do not run. */
async function writeByCopy(database: Database, docs: Json[]): Promise<void> {
  const events = normalised(docs);
  const first = await reserveIds(database, 'events', events.length);
  const rows = new BulkRows();
  const meta = {
    recordTime: new Date().toISOString(),
    captureId: null,
    capturedBy: capturer.principal,
    ownerEnterprise: capturer.enterprise,
  };
  for (const [i, e] of events.entries()) rows.add(first + i, e, meta);
  await copyInTransaction(database, rows.statements());
}

/**
 * Writes the graph, `concurrency` transactions at a time on PostgreSQL (one on PGlite): COPY of
 * the rows capture would store, 20,000 events a transaction, or with `capturePath` through
 * normalise + storeEvents (the capture path without HTTP), 2,000 a transaction.
 */
export async function generateTraceGraph(
  database: Database,
  options: {
    lots: number;
    eventsPerLot: number;
    extraDepth: number;
    impactTarget: number;
    concurrency: number;
    capturePath?: boolean;
  },
): Promise<GeneratedGraph> {
  const started = performance.now();
  const chain = [...stages];
  for (let i = 0; i < options.extraDepth; i++) chain.splice(7, 0, { ...relot, name: `${relot.name}-${i}` });
  const ratios = [1];
  for (let i = 1; i < chain.length; i++)
    ratios.push(((ratios[i - 1] as number) * (chain[i]?.fanOut as number)) / (chain[i]?.fanIn as number));
  const first = Math.max(1, Math.round(options.lots / ratios.reduce((a, b) => a + b, 0)));
  const tag = randomUUID().slice(0, 6).toUpperCase();
  // memory stays bounded by the largest stage (held while the next one is written) and the sample
  const lots: string[] = [];
  let lotCount = 0;
  const keep = (lot: string) => {
    lotCount++;
    if (lots.length < sampleSize) lots.push(lot);
    else {
      const j = Math.floor(Math.random() * lotCount);
      if (j < sampleSize) lots[j] = lot;
    }
  };
  let plantLots: string[] = [];
  let pending: Json[] = [];
  let written = 0;
  const bar = progress('generate events', Math.round(options.lots * options.eventsPerLot));
  const write = options.capturePath ? writeByCapture : writeByCopy;
  const batchSize = options.capturePath ? 2000 : 20_000;
  const concurrency = database.kind === 'pglite' ? 1 : options.concurrency;
  const inFlight = new Set<Promise<void>>();
  const flush = async (force = false) => {
    if (pending.length < batchSize && !(force && pending.length > 0)) return;
    const batch = pending;
    pending = [];
    written += batch.length;
    const job = write(database, batch).then(() => {
      for (let i = 0; i < batch.length; i++) bar.increment();
    });
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job));
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  };
  let clock = Date.UTC(2026, 0, 1);
  let previous: string[] = [];
  for (let s = 0; s < chain.length; s++) {
    const stage = chain[s] as (typeof chain)[number];
    const count = Math.max(1, Math.round(first * (ratios[s] as number)));
    const current: string[] = [];
    const lot = (i: number) => `https://id.gs1.org/01/${gtinOf(s)}/10/${tag}${i}`;
    for (let i = 0; i < count; i++) current.push(lot(i));
    const groups = s === 0 ? count : Math.ceil(count / stage.fanOut);
    for (let g = 0; g < groups; g++) {
      clock += 1000;
      const outputs =
        s === 0 ? [current[g] as string] : current.slice(g * stage.fanOut, (g + 1) * stage.fanOut);
      const here = partyOf(s, g, stage.parties);
      if (s === 0) {
        pending.push(
          event('ObjectEvent', clock, {
            action: 'ADD',
            bizStep: 'commissioning',
            quantityList: [kg(outputs[0] as string, 1000)],
            ilmd: { 'cbvmda:countryOfOrigin': 'CN' },
            ...owner('destination', here),
          }),
        );
      } else {
        // inputs: fanIn lots of the previous stage around the same position, so paths cross (diamonds)
        const base = Math.floor((g / groups) * previous.length);
        const inputs = new Set<string>();
        for (let k = 0; k < stage.fanIn; k++)
          inputs.add(previous[(base + k * 7) % previous.length] as string);
        pending.push(
          event('TransformationEvent', clock, {
            bizStep: stage.bizStep,
            inputQuantityList: [...inputs].map((i) => kg(i, 100)),
            outputQuantityList: outputs.map((o) => kg(o, 100 / stage.fanOut)),
            ...owner('source', here),
            ...(stage.bizStep === 'retail_selling' ? owner('destination', partyOf(s + 1, g, 20000)) : {}),
          }),
        );
      }
      for (const output of outputs) {
        const next = partyOf(s + 1, g * 7, (chain[s + 1] ?? stage).parties);
        const move = (bizStep: string, at: number) =>
          event('ObjectEvent', at, {
            action: 'OBSERVE',
            bizStep,
            quantityList: [kg(output, 100)],
            ...owner('source', here),
            ...owner('destination', next),
          });
        pending.push(move('shipping', clock + 3600_000), move('receiving', clock + 7200_000));
        // the rest of the lot's events: storage and inspection observations
        for (let k = 3 + (s === 0 ? 1 : 0); k < options.eventsPerLot; k++)
          pending.push(move(k % 2 === 0 ? 'storing' : 'inspecting', clock + k * 600_000));
      }
      await flush();
    }
    for (const lot of current) keep(lot);
    if (s === plantStage) plantLots = current;
    previous = current;
  }
  // the hub: one additive lot mixed into enough plant lots to reach about impactTarget lots downstream,
  // measured on a sample of plant lots once the chain is written
  await flush(true);
  await Promise.all(inFlight);
  const hub = `https://id.gs1.org/01/${gtinOf(99)}/10/${tag}HUB`;
  const sample = plantLots.filter((_, i) => i % Math.max(1, Math.floor(plantLots.length / 10)) === 0);
  let reach = 0;
  for (const lot of sample) reach += await walkOnly(database.pool, lot, 'forward', 100);
  const perPlantLot = Math.max(1, reach / Math.max(1, sample.length));
  const wanted = Math.min(plantLots.length, Math.ceil(options.impactTarget / perPlantLot));
  for (let i = 0; i < wanted; i++) {
    clock += 1000;
    pending.push(
      event('TransformationEvent', clock, {
        bizStep: 'commissioning',
        inputQuantityList: [kg(hub, 1)],
        outputQuantityList: [kg(plantLots[Math.floor((i * plantLots.length) / wanted)] as string, 100)],
      }),
    );
  }
  await flush(true);
  await Promise.all(inFlight);
  bar.stop();
  return { lotCount, lots, events: written, hub, seconds: (performance.now() - started) / 1000 };
}
