import { gs1CheckDigit } from '../src/identifiers/gs1/check-digit.js';

/**
 * Realistic EPCIS documents for benchmarks: ObjectEvents (commissioning, shipping, receiving) and
 * AggregationEvents (packing), about 1.5 KB per event, 1–10 identifiers, a sensor report on some.
 * Deterministic for a given seed.
 */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gtin(companyIndex: number, item: number): string {
  const body = `0690${String(1000 + (companyIndex % 9000)).padStart(4, '0')}${String(item % 100000).padStart(5, '0')}`;
  return body + gs1CheckDigit(body);
}

function gln(companyIndex: number, site: number): string {
  const body = `690${String(1000 + (companyIndex % 9000)).padStart(4, '0')}${String(site % 100000).padStart(5, '0')}`;
  return body + gs1CheckDigit(body);
}

function sscc(companyIndex: number, n: number): string {
  const body = `0690${String(1000 + (companyIndex % 9000)).padStart(4, '0')}${String(n % 1e9).padStart(9, '0')}`;
  return body + gs1CheckDigit(body);
}

const steps = ['commissioning', 'shipping', 'receiving', 'inspecting', 'storing'] as const;

export function makeEvent(random: () => number, n: number, base: number): Record<string, unknown> {
  const company = Math.floor(random() * 2000);
  const product = gtin(company, Math.floor(random() * 50));
  const count = 1 + Math.floor(random() * 10);
  const serials = Array.from({ length: count }, (_, i) => `https://id.gs1.org/01/${product}/21/S${n}x${i}`);
  const time = new Date(base + n * 1000).toISOString();
  const site = `https://id.gs1.org/414/${gln(company, Math.floor(random() * 20))}`;
  const common = {
    eventTime: time,
    eventTimeZoneOffset: '+08:00',
    readPoint: { id: site },
    bizLocation: { id: site },
    bizTransactionList: [{ type: 'po', bizTransaction: `urn:epcglobal:cbv:bt:${gln(company, 1)}:PO${n}` }],
    'suyuan:operator': `操作员-${company % 97}`,
    'suyuan:remark': '批次检验合格，冷链运输，温度记录完整。'.repeat(2),
  };
  if (random() < 0.25) {
    return {
      type: 'AggregationEvent',
      action: 'ADD',
      bizStep: 'packing',
      disposition: 'in_progress',
      parentID: `https://id.gs1.org/00/${sscc(company, n)}`,
      childEPCs: serials,
      ...common,
    };
  }
  const step = steps[Math.floor(random() * steps.length)] as string;
  const event: Record<string, unknown> = {
    type: 'ObjectEvent',
    action: step === 'commissioning' ? 'ADD' : 'OBSERVE',
    bizStep: step,
    disposition: step === 'shipping' ? 'in_transit' : 'in_progress',
    epcList: serials,
    ...common,
    sourceList: [{ type: 'owning_party', source: `https://id.gs1.org/417/${gln(company, 0)}` }],
    destinationList: [{ type: 'owning_party', destination: `https://id.gs1.org/417/${gln(company + 1, 0)}` }],
  };
  if (step === 'commissioning')
    event.ilmd = { 'suyuan:productionDate': time.slice(0, 10), 'suyuan:origin': '460100' };
  if (random() < 0.3) {
    event.sensorElementList = [
      {
        sensorMetadata: { time, deviceID: `urn:epc:id:giai:690${company}.T${n % 50}` },
        sensorReport: [
          { type: 'Temperature', value: 2 + random() * 4, uom: 'CEL' },
          { type: 'RelativeHumidity', value: 40 + random() * 30, uom: 'A93' },
        ],
      },
    ];
  }
  return event;
}

export function makeDocument(events: Record<string, unknown>[]): Record<string, unknown> {
  return {
    '@context': [
      'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
      { suyuan: 'https://suyuan.example/ns/' },
    ],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: new Date().toISOString(),
    epcisBody: { eventList: events },
  };
}
