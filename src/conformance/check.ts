import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventsOf } from '../epcis/capture/document.js';
import { stableJson } from '../epcis/capture/store.js';
import { canonicalForm } from '../epcis/format/event.js';
import { documentEventHashes } from '../epcis/hash/index.js';
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
 * Captures every example document and reads each event back by eventID and by a selecting query.
 * Some GS1 examples reuse one explicit eventID for different events in different files; the server
 * must refuse such a reuse at its pointer (and store the rest, under `proceed`), which is checked too.
 */
export async function checkExamples(client: EpcisClient, root: string, report: Report): Promise<void> {
  const dir = join(root, 'examples', 'json');
  const stored = new Map<string, string>(); // eventID -> meaning of the event stored under it
  for (const file of walk(dir).filter((f) => /\.jsonld?$/.test(f))) {
    const name = shortName(root, file);
    const document = readJson(file);
    const { events, listPointer } = eventsOf(document);
    const hashes = documentEventHashes(document);
    const ids = events.map((e, i) => (typeof e.eventID === 'string' ? e.eventID : (hashes[i] as string)));
    const reused = new Set(
      ids.flatMap((id, i) => {
        const before = stored.get(id);
        return before !== undefined && !id.startsWith('ni:///') && before !== meaning(events[i] as Json)
          ? [i]
          : [];
      }),
    );
    const captured = await client.capture(document, reused.size > 0 ? 'proceed' : 'rollback');
    const errors = ((captured.job?.errors ?? []) as { pointer?: string }[]).map((e) => e.pointer ?? '');
    const expectedErrors = [...reused].map((i) => `${listPointer}/${i}`);
    const accepted =
      captured.status === 202 && captured.job?.running === false && sameSet(errors, expectedErrors);
    check(
      report,
      accepted,
      `${name}: capture gave ${captured.status} ${JSON.stringify(captured.job?.errors ?? captured.body).slice(0, 400)}`,
    );
    if (!accepted) continue;
    for (const [index, event] of events.entries()) {
      if (reused.has(index)) continue;
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
  report.skipped += walk(join(root, 'examples', 'xml')).length;
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Every .jsonld input's events hash to its .hashes lines; the server assigns those hashes as eventIDs. */
export async function checkHashes(client: EpcisClient, root: string, report: Report): Promise<void> {
  const dir = join(root, 'hash-vectors', 'examples');
  for (const file of walk(dir).filter((f) => f.endsWith('.jsonld'))) {
    const name = shortName(root, file);
    let expected: string[];
    try {
      expected = readFileSync(file.replace(/\.jsonld$/, '.hashes'), 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    } catch {
      report.skipped++;
      continue;
    }
    const document = readJson(file);
    const { events } = eventsOf(document);
    documentEventHashes(document).forEach((actual, i) => {
      check(report, actual === expected[i], `${name} event ${i}: hash ${actual}, expected ${expected[i]}`);
    });
    const withoutIds = structuredClone(document);
    for (const event of eventsOf(withoutIds).events) delete event.eventID;
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
  // expected_equal holds XML documents only; they are counted as skipped until XML capture exists.
  report.skipped += walk(join(root, 'hash-vectors', 'expected_equal')).length;
  report.skipped += walk(dir).filter((f) => f.endsWith('.xml')).length;
}
