import { suyuanUri } from '../codes/code-uri.js';
import { epcisContext } from '../epcis/format/event.js';
import { issueSuyuanCode, type SuyuanKind } from '../identifiers/suyuan-code.js';
import type { RecordInput } from '../templates/model.js';
import type { EnterpriseKey } from './enterprises.js';
import { locationUri, partyUri, type SeedWorld } from './master.js';
import { Random, uuidOf } from './random.js';

// Builds the demo's EPCIS 2.0 events (JSON-LD, CBV bizSteps, KDEs as `suyuan:` extensions the way
// the industry templates write them) with deterministic eventIDs, the codes they carry and the
// consumer scans of those codes. Pure: nothing here touches the database.

type Json = Record<string, unknown>;

export const suyuanContext = { suyuan: 'https://suyuan.dev/ns/' };

export interface SeedCode {
  value: string;
  uri: string;
  scheme: 'suyuan' | 'gs1';
  kind: SuyuanKind;
  owner: EnterpriseKey;
  product: string | null;
  productName: string | null;
  lot: string | null;
  productionDate: string | null;
  expiryDate: string | null;
  batch: string;
}

export interface SeedEvent {
  /** The enterprise that records (captures) the event. */
  by: EnterpriseKey;
  /** A plain EPCIS event (categories without a template yet, steps no template CTE covers) … */
  event?: Json;
  /** … or an industry-template record, converted and checked by the template engine when stored. */
  record?: RecordInput;
  eventId: string;
  /** Minutes between the event and its recording (record time); the late report has days. */
  /**
   * Minutes between the event and its report (the record time is set to that); null: reported only
   * now, when the seed runs (the planted late report).
   */
  reportDelayMinutes: number | null;
}

export interface SeedScan {
  uri: string;
  at: Date;
  place: string;
}

export interface Quantity {
  code: string;
  quantity: number;
  uom: string;
}

export interface EventSpec {
  by: EnterpriseKey;
  at: Date;
  bizStep: string;
  action?: 'ADD' | 'OBSERVE' | 'DELETE';
  disposition?: string;
  epcs?: string[];
  quantities?: Quantity[];
  location?: string;
  readPoint?: string;
  source?: EnterpriseKey;
  destination?: EnterpriseKey;
  /** Other parties as URIs (a foreign buyer, a stall holder). */
  destinationUri?: string;
  sourceUri?: string;
  transactions?: { type: string; value: string }[];
  ilmd?: Json;
  /** KDEs as suyuan: extensions (keys without the prefix). */
  fields?: Json;
  sensors?: { type: string; value: number; uom: string }[];
  reportDelayMinutes?: number | null;
}

const hour = 3_600_000;

export class ChainBuilder {
  readonly events: SeedEvent[] = [];
  readonly codes: SeedCode[] = [];
  readonly scans: SeedScan[] = [];
  /** Values inside records (certificate numbers, weights …). */
  readonly random: Random;
  /** Codes only: a code depends on how many codes were issued before it, not on other draws. */
  private readonly codeRandom: Random;
  private counter = 0;

  constructor(
    readonly world: SeedWorld,
    /** Midnight of the seeding day in China (UTC+8): events happen before it. */
    readonly anchor: Date,
    readonly prefix: string,
    label: string,
    /** When the seed runs: the recent scans the scan-anomaly rule looks at are placed before it. */
    readonly now: Date = new Date(),
  ) {
    this.random = new Random(`suyuan-demo:${world.seed}:${label}`);
    this.codeRandom = new Random(`suyuan-demo:${world.seed}:${label}:codes`);
  }

  /** `days` before the anchor, at `hours` o'clock China time (may be fractional). */
  day(days: number, hours = 9): Date {
    return new Date(this.anchor.getTime() - days * 24 * hour + hours * hour);
  }

  /** `hours` before the seed runs (for scans a scheduled check of the last day should see). */
  hoursAgo(hours: number): Date {
    return new Date(this.now.getTime() - hours * hour);
  }

  /** A calendar day (YYYY-MM-DD, China) `days` from the anchor (negative: past). */
  date(days: number): string {
    return new Date(this.anchor.getTime() + days * 24 * hour + 8 * hour).toISOString().slice(0, 10);
  }

  location(key: string): string {
    return locationUri(this.world, key);
  }

  merchantName(key: string): string {
    return this.world.merchants.find((m) => m.key === key)?.name ?? key;
  }

  party(key: EnterpriseKey): string {
    return partyUri(this.world, key);
  }

  /** Issues a suyuan code (deterministic from the seed) and returns its canonical URI. */
  issue(
    owner: EnterpriseKey,
    kind: SuyuanKind,
    product: string | null,
    options: { lot?: string; productionDate?: string; expiryDate?: string; batch?: string } = {},
  ): string {
    const value = issueSuyuanCode({ prefix: this.prefix, kind, random: (n) => this.codeRandom.bytes(n) });
    const spec = product ? this.world.products[product] : undefined;
    this.codes.push({
      value,
      uri: suyuanUri(value),
      scheme: 'suyuan',
      kind,
      owner,
      product: spec ? spec.gtin.padStart(14, '0') : null,
      productName: spec?.name ?? null,
      lot: options.lot ?? null,
      productionDate: options.productionDate ?? null,
      expiryDate: options.expiryDate ?? null,
      batch: uuidOf(this.world.seed, 'batch', owner, options.batch ?? product ?? kind),
    });
    return suyuanUri(value);
  }

  /** Issues a GS1 SGTIN (serial from the seed) for a product with a GTIN; returns its Digital Link. */
  issueSgtin(
    owner: EnterpriseKey,
    product: string,
    lot: string,
    productionDate: string,
    expiryDate: string,
  ): string {
    const spec = this.world.products[product];
    if (!spec) throw new Error(`no demo product ${product}`);
    const gtin14 = spec.gtin.padStart(14, '0');
    const serial = this.codeRandom.chars('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 12);
    const uri = `https://id.gs1.org/01/${gtin14}/21/${serial}`;
    this.codes.push({
      value: uri,
      uri,
      scheme: 'gs1',
      kind: 'item',
      owner,
      product: gtin14,
      productName: spec.name,
      lot,
      productionDate,
      expiryDate,
      batch: uuidOf(this.world.seed, 'batch', owner, product, lot),
    });
    return uri;
  }

  private eventId(): string {
    return `urn:uuid:${uuidOf(this.world.seed, this.prefix, 'event', this.counter++)}`;
  }

  private base(type: string, spec: EventSpec): Json {
    const event: Json = {
      type,
      eventID: this.eventId(),
      eventTime: spec.at.toISOString(),
      eventTimeZoneOffset: '+08:00',
    };
    return event;
  }

  private tail(event: Json, spec: EventSpec): void {
    event.bizStep = spec.bizStep;
    if (spec.disposition) event.disposition = spec.disposition;
    if (spec.readPoint) event.readPoint = { id: spec.readPoint };
    if (spec.location) event.bizLocation = { id: spec.location };
    if (spec.transactions?.length) {
      event.bizTransactionList = spec.transactions.map((t) => ({
        type: t.type,
        bizTransaction: /^(urn|https?):/.test(t.value)
          ? t.value
          : `urn:suyuan:btx:${t.type}:${encodeURIComponent(t.value)}`,
      }));
    }
    const source = spec.source ? this.party(spec.source) : spec.sourceUri;
    if (source) event.sourceList = [{ type: 'owning_party', source }];
    const destination = spec.destination ? this.party(spec.destination) : spec.destinationUri;
    if (destination) event.destinationList = [{ type: 'owning_party', destination }];
    if (spec.sensors?.length) {
      event.sensorElementList = [
        {
          sensorMetadata: { time: spec.at.toISOString() },
          sensorReport: spec.sensors.map((s) => ({ ...s })),
        },
      ];
    }
    if (spec.ilmd) event.ilmd = prefixed(spec.ilmd);
    Object.assign(event, prefixed(spec.fields ?? {}));
  }

  private push(spec: EventSpec, event: Json): string {
    const eventId = event.eventID as string;
    this.events.push({
      by: spec.by,
      event,
      eventId,
      reportDelayMinutes:
        spec.reportDelayMinutes === undefined ? 5 + (this.counter % 50) : spec.reportDelayMinutes,
    });
    return eventId;
  }

  /** A record of an industry template ({template, cte, fields}); the engine makes the event. */
  record(
    by: EnterpriseKey,
    template: string,
    cte: string,
    fields: RecordInput['fields'],
    reportDelayMinutes?: number | null,
  ): string {
    const eventId = this.eventId();
    this.events.push({
      by,
      record: { template, cte, fields },
      eventId,
      reportDelayMinutes: reportDelayMinutes === undefined ? 5 + (this.counter % 50) : reportDelayMinutes,
    });
    return eventId;
  }

  /** Party field value of a template record: the enterprise's 统一社会信用代码 (as the templates name parties). */
  partyCode(key: EnterpriseKey): string {
    return this.world.enterprises[key].creditCode;
  }

  /** China time with offset, as template datetime fields take it. */
  time(at: Date): string {
    return `${new Date(at.getTime() + 8 * hour).toISOString().slice(0, 19)}+08:00`;
  }

  object(spec: EventSpec): string {
    const event = this.base('ObjectEvent', spec);
    event.epcList = spec.epcs ?? [];
    if (spec.quantities?.length) event.quantityList = quantityList(spec.quantities);
    event.action = spec.action ?? 'OBSERVE';
    this.tail(event, spec);
    return this.push(spec, event);
  }

  aggregation(spec: EventSpec & { parent: string; children: string[] }): string {
    const event = this.base('AggregationEvent', spec);
    event.parentID = spec.parent;
    event.childEPCs = spec.children;
    event.action = spec.action ?? 'ADD';
    this.tail(event, spec);
    return this.push(spec, event);
  }

  transformation(
    spec: EventSpec & {
      inputs?: Quantity[];
      inputEpcs?: string[];
      outputs?: Quantity[];
      outputEpcs?: string[];
    },
  ): string {
    const event = this.base('TransformationEvent', spec);
    if (spec.inputEpcs?.length) event.inputEPCList = spec.inputEpcs;
    if (spec.inputs?.length) event.inputQuantityList = quantityList(spec.inputs);
    if (spec.outputEpcs?.length) event.outputEPCList = spec.outputEpcs;
    if (spec.outputs?.length) event.outputQuantityList = quantityList(spec.outputs);
    this.tail(event, spec);
    return this.push(spec, event);
  }

  scan(uri: string, at: Date, place: string): void {
    this.scans.push({ uri, at, place });
  }
}

function quantityList(list: Quantity[]): Json[] {
  return list.map((q) => ({ epcClass: q.code, quantity: q.quantity, uom: q.uom }));
}

function prefixed(fields: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(fields)) out[k.includes(':') ? k : `suyuan:${k}`] = v;
  return out;
}

/** The JSON-LD context of every seeded event. */
export const seedContext = [epcisContext, suyuanContext];
