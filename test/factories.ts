import { gs1CheckDigit } from '../src/identifiers/gs1/check-digit.js';

type Json = Record<string, unknown>;

/** A GTIN-14 with a correct check digit, from a 7-digit Chinese company prefix and an item number. */
export function gtin(item = 1, company = '6901234'): string {
  const body = `0${company}${String(item).padStart(12 - company.length, '0')}`;
  return body + gs1CheckDigit(body);
}

export function gln(location = 1, company = '6901234'): string {
  const body = `${company}${String(location).padStart(12 - company.length, '0')}`;
  return body + gs1CheckDigit(body);
}

export function sgtin(serial: string, item = 1): string {
  return `https://id.gs1.org/01/${gtin(item)}/21/${serial}`;
}

export function sgln(location = 1): string {
  return `https://id.gs1.org/414/${gln(location)}`;
}

let clock = Date.UTC(2026, 5, 1, 8, 0, 0);

/** An ObjectEvent with sensible defaults; each call gets a later eventTime. */
export function objectEvent(overrides: Json = {}): Json {
  clock += 60_000;
  return {
    type: 'ObjectEvent',
    eventTime: new Date(clock).toISOString(),
    eventTimeZoneOffset: '+08:00',
    action: 'OBSERVE',
    bizStep: 'shipping',
    disposition: 'in_transit',
    epcList: [sgtin(`S${clock}`)],
    readPoint: { id: sgln(1) },
    ...overrides,
  };
}

export function aggregationEvent(parent: string, children: string[], overrides: Json = {}): Json {
  return objectEvent({
    type: 'AggregationEvent',
    action: 'ADD',
    bizStep: 'packing',
    disposition: 'in_progress',
    epcList: undefined,
    parentID: parent,
    childEPCs: children,
    ...overrides,
  });
}

export function epcisDocument(events: Json[], context: unknown[] = []): Json {
  return {
    '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', ...context],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: new Date().toISOString(),
    epcisBody: { eventList: events.map((e) => JSON.parse(JSON.stringify(e)) as Json) },
  };
}
