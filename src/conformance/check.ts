import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventIndexOf, eventsOf } from '../epcis/capture/document.js';
import { stableJson } from '../epcis/capture/store.js';
import { canonicalForm } from '../epcis/format/event.js';
import { documentEventHashes } from '../epcis/hash/index.js';
import { xmlEventHashes, xmlToDocument } from '../epcis/xml/index.js';
import type { EpcisClient } from './client.js';
import { readJson, shortName, walk } from './files.js';

export interface Report {
  passed: number;
  failed: number;
  skipped: number;
  failures: string[];
}

type Json = Record<string, unknown>;

function check(report: Report, ok: boolean, failure: string): void {
  if (ok) report.passed++;
  else {
    report.failed++;
    report.failures.push(failure);
  }
}

/** Same meaning: canonical identifiers and CBV terms, eventTime as an instant, no server-added fields. */
function meaning(event: Json): string {
  const form = canonicalForm(event);
  if (typeof form.eventTime === 'string') form.eventTime = new Date(form.eventTime).toISOString();
  delete form.eventID;
  return stableJson(form);
}

/** A query built from the event's own fields, which must select it. */
function selectingQuery(event: Json): string {
  const params = new URLSearchParams({ eventType: String(event.type) });
  const time = new Date(String(event.eventTime)).getTime();
  params.set('GE_eventTime', new Date(time).toISOString());
  params.set('LT_eventTime', new Date(time + 1).toISOString());
  if (typeof event.bizStep === 'string') params.set('EQ_bizStep', event.bizStep);
  if (typeof event.action === 'string') params.set('EQ_action', event.action);
  const epc = [event.epcList, event.childEPCs, event.inputEPCList, event.outputEPCList]
    .flatMap((l) => (Array.isArray(l) ? l : []))
    .find((e) => typeof e === 'string');
  if (epc) params.set('MATCH_anyEPC', epc as string);
  params.set('perPage', '1000');
  return params.toString();
}

/**
 * GS1 XML examples that are not valid EPCIS 2.0 capture input (per the EPCIS 2.0 JSON Schema and CBV 2.0,
 * which the converted document must meet like any JSON document): the events the server must refuse under
 * `proceed` (it stores the others), and why.
 */
const INVALID_EXAMPLES: Record<string, { events: number[]; why: string }> = {
  'examples/xml/Example-PersistentDisposition.xml': {
    events: [0, 1],
    why: 'persistentDisposition on AggregationEvents (EPCIS 2.0 has it on ObjectEvent and TransformationEvent only)',
  },
  'examples/xml/WithExtension/TransactionEvent.xml': {
    events: [0],
    why: 'sensorReport type gs1:EffectiveDoseRate is not a CBV 2.0 measurement type',
  },
  'examples/xml/WithSensorData/SensorDataExamples.xml': {
    events: [7, 8, 10, 12, 13],
    why:
      'sensorReports without type (8), types that are not CBV 2.0 measurement types (7, 10: ' +
      'EffectiveDoseRate, 7: Molar_concentration) and bizStep Web URIs with a wrong case (12, 13: Bizstep-)',
  },
};

/** XML documents that are not capture documents (capture job states, master data documents): refused. */
const NOT_CAPTURE = /<([\w.-]+:)?(EPCISCaptureJob|EPCISMasterDataDocument)\b/;

interface Example {
  name: string;
  /** The document as JSON (XML examples converted locally, to know their events). */
  document: Json;
  /** What is sent: the JSON document, or the XML text. */
  body: unknown;
  invalid?: number[];
  /** Not a capture document: the server must refuse it. */
  notCapture?: boolean;
}

function examplesIn(root: string): Example[] {
  return walk(join(root, 'examples')).flatMap((file): Example[] => {
    const name = shortName(root, file);
    if (/\.jsonld?$/.test(file)) {
      const document = readJson(file);
      return [{ name, document, body: document }];
    }
    if (!file.endsWith('.xml')) return []; // README.md, placeholder
    const xml = readFileSync(file, 'utf8');
    if (NOT_CAPTURE.test(xml)) return [{ name, document: {}, body: xml, notCapture: true }];
    return [{ name, document: xmlToDocument(xml), body: xml, invalid: INVALID_EXAMPLES[name]?.events }];
  });
}

/**
 * Captures every example document (JSON and XML) and reads each event back by eventID and by a
 * selecting query. Some GS1 examples reuse one explicit eventID for different events in different files;
 * the server must refuse such a reuse at its pointer (and store the rest, under `proceed`), which is
 * checked too, as is the refusal of the events of INVALID_EXAMPLES and of XML documents that are not
 * capture documents.
 */
export async function checkExamples(client: EpcisClient, root: string, report: Report): Promise<void> {
  const stored = new Map<string, string>(); // eventID -> meaning of the event stored under it
  for (const example of examplesIn(root)) {
    const { name, document } = example;
    if (example.notCapture) {
      const refused = await client.capture(example.body);
      check(
        report,
        refused.status === 400,
        `${name}: not a capture document, but capture gave ${refused.status} ${JSON.stringify(refused.body).slice(0, 200)}`,
      );
      continue;
    }
    const { events, listPointer } = eventsOf(document);
    const hashes = documentEventHashes(document);
    const ids = events.map((e, i) => (typeof e.eventID === 'string' ? e.eventID : (hashes[i] as string)));
    const invalid = new Set(example.invalid ?? []);
    const reused = new Set(
      ids.flatMap((id, i) => {
        const before = stored.get(id);
        return before !== undefined && !id.startsWith('ni:///') && before !== meaning(events[i] as Json)
          ? [i]
          : [];
      }),
    );
    const refusedEvents = new Set([...reused, ...invalid]);
    const captured = await client.capture(example.body, refusedEvents.size > 0 ? 'proceed' : 'rollback');
    const errors = ((captured.job?.errors ?? []) as { pointer?: string }[]).map((e) => e.pointer ?? '');
    const expectedErrors = [...reused].map((i) => `${listPointer}/${i}`);
    const invalidErrors = errors.filter((p) => invalid.has(eventIndexOf(p, listPointer) ?? -1));
    const otherErrors = errors.filter((p) => !invalidErrors.includes(p));
    const accepted =
      captured.status === 202 &&
      captured.job?.running === false &&
      sameSet(otherErrors, expectedErrors) &&
      sameSet([...new Set(invalidErrors.map((p) => eventIndexOf(p, listPointer) as number))], [...invalid]);
    check(
      report,
      accepted,
      `${name}: capture gave ${captured.status} ${JSON.stringify(captured.job?.errors ?? captured.body).slice(0, 400)}`,
    );
    if (!accepted) continue;
    for (const [index, event] of events.entries()) {
      if (refusedEvents.has(index)) continue;
      const id = ids[index] as string;
      if (!stored.has(id)) stored.set(id, meaning(event));
      const back = await client.event(id);
      check(report, back !== undefined, `${name} event ${index}: not found by eventID ${id}`);
      if (!back) continue;
      const expected = stored.get(id) as string;
      check(
        report,
        meaning(back) === expected,
        `${name} event ${index}: read back differs:\n  sent ${expected}\n  got  ${meaning(back)}`,
      );
      const query = selectingQuery(event);
      const selected = await client.events(query);
      check(
        report,
        selected.events.some((e) => e.eventID === id),
        `${name} event ${index}: not selected by ?${query} (${selected.status})`,
      );
    }
  }
}

function sameSet<T>(a: T[], b: T[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Hash vectors that are not valid EPCIS 2.0 capture input: their hashes are checked, their capture refused. */
const INVALID_VECTORS: Record<string, string> = {
  'hash-vectors/examples/SensorDataExamples.xml':
    'pre-ratification measurement types such as gs1:MT-Temperature, sensorReports without type',
};

/** The expected hashes of a vector (its .hashes file), or undefined when it has none. */
function expectedHashes(file: string): string[] | undefined {
  try {
    return readFileSync(file.replace(/\.(jsonld|xml)$/, '.hashes'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  } catch {
    return undefined;
  }
}

/**
 * Every .jsonld and .xml input's events hash to its .hashes lines (XML inputs converted to JSON-LD as
 * the server converts them); the server assigns those hashes as eventIDs when the events have none.
 */
export async function checkHashes(client: EpcisClient, root: string, report: Report): Promise<void> {
  const dir = join(root, 'hash-vectors', 'examples');
  for (const file of walk(dir).filter((f) => /\.(jsonld|xml)$/.test(f))) {
    const name = shortName(root, file);
    const expected = expectedHashes(file);
    if (!expected) {
      report.skipped++;
      continue;
    }
    const xml = file.endsWith('.xml') ? readFileSync(file, 'utf8') : undefined;
    const document = xml === undefined ? readJson(file) : xmlToDocument(xml);
    const { events } = eventsOf(document);
    (xml === undefined ? documentEventHashes(document) : xmlEventHashes(document)).forEach((actual, i) => {
      check(report, actual === expected[i], `${name} event ${i}: hash ${actual}, expected ${expected[i]}`);
    });
    if (INVALID_VECTORS[name]) {
      const refused = await client.capture(xml ?? document);
      check(
        report,
        refused.status === 400,
        `${name}: not valid EPCIS 2.0 (${INVALID_VECTORS[name]}), but capture gave ${refused.status}`,
      );
      continue;
    }
    let withoutIds: unknown;
    if (xml === undefined) {
      const copy = structuredClone(document);
      for (const event of eventsOf(copy).events) delete event.eventID;
      withoutIds = copy;
    } else {
      withoutIds = xml.replace(/<eventID>[^<]*<\/eventID>/g, '');
    }
    const captured = await client.capture(withoutIds);
    check(
      report,
      captured.job?.success === true,
      `${name}: capture without eventIDs failed ${JSON.stringify(captured.job?.errors ?? captured.body).slice(0, 300)}`,
    );
    for (const [i, hash] of expected.entries()) {
      if (i >= events.length) break;
      check(
        report,
        (await client.event(hash)) !== undefined,
        `${name} event ${i}: the server did not store it under its hash ${hash}`,
      );
    }
  }
  // expected_equal: the events of each document are different representations of one event
  for (const file of walk(join(root, 'hash-vectors', 'expected_equal'))) {
    const name = shortName(root, file);
    const xml = file.endsWith('.xml');
    const document = xml ? xmlToDocument(readFileSync(file, 'utf8')) : readJson(file);
    const hashes = xml ? xmlEventHashes(document) : documentEventHashes(document);
    check(
      report,
      hashes.length > 1 && new Set(hashes).size === 1,
      `${name}: the events should hash equally, got ${[...new Set(hashes)].join(', ')}`,
    );
  }
}
