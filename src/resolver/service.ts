import { suyuanCodeOf, suyuanUri } from '../codes/code-uri.js';
import { DomainError } from '../http/errors.js';
import { detectIdentifier } from '../identifiers/detect.js';
import { canonicalEpc } from '../identifiers/epc.js';
import { parseSuyuanCode } from '../identifiers/suyuan-code.js';
import type { CodeFacts } from './lookup.js';
import type { Summary } from './summary.js';

export type { Summary } from './summary.js';

/** The canonical identifier a /t/{code} path names; a mistyped code is a 400 before any lookup. */
export function targetOfCode(raw: string): string {
  if (/^[A-Z]{2}\d{0,4}[BSCA]/i.test(raw) && !/^\d/.test(raw)) {
    const parsed = parseSuyuanCode(raw);
    if (!parsed.ok)
      throw new DomainError('VALIDATION_FAILED', parsed.error, [{ pointer: 'code', message: parsed.error }]);
    return suyuanUri(raw);
  }
  const detected = detectIdentifier(raw);
  if (!detected.valid) {
    const message = detected.errors[0] ?? 'not a code this platform knows';
    throw new DomainError('VALIDATION_FAILED', message, [{ pointer: 'code', message }]);
  }
  const link = detected.forms.digitalLink;
  if (link) {
    const canonical = canonicalEpc(link);
    if (canonical.ok) return canonical.value;
  }
  throw new DomainError('NOT_FOUND', `${raw} is a ${detected.scheme}, which this platform does not resolve`);
}

/** The canonical identifier of a GS1 Digital Link path (/01/{gtin}/21/{serial} …). */
export function targetOfDigitalLink(path: string): string {
  const parsed = canonicalEpc(`https://id.gs1.org${path}`);
  if (!parsed.ok)
    throw new DomainError('VALIDATION_FAILED', parsed.error, [{ pointer: 'path', message: parsed.error }]);
  return parsed.value;
}

/** The public summary of a code; undefined when it was never issued here nor seen in an event. */
export function summarise(
  facts: CodeFacts,
  scans: { count: number; first: Date },
  today = new Date(),
): Summary | undefined {
  const { code, events } = facts;
  if (!code && events.count === 0) return undefined;
  const suyuan = suyuanCodeOf(facts.uri);
  const state = code ? (code.state as Summary['state']) : 'seen';
  const expired = code?.expiryDate ? code.expiryDate < today.toISOString().slice(0, 10) : false;
  const activated = code ? code.state !== 'issued' : true;
  const warnings: string[] = [];
  const recalled = events.recalled || facts.recall !== null;
  if (recalled) warnings.push('recalled');
  if (state === 'void') warnings.push('void');
  if (expired) warnings.push('expired');
  if (!activated) warnings.push('never_activated');
  // the counter rules (warnings: public-scans) found it scanned too often or too far apart
  if (facts.suspectedCopy) warnings.push('suspected_copy');
  if (facts.stopTrading) warnings.push('stop_trading');
  const display = suyuan ?? facts.uri;
  return {
    code: display,
    uri: facts.uri,
    scheme:
      code?.scheme ?? (suyuan ? 'suyuan' : facts.uri.startsWith('https://id.gs1.org/') ? 'gs1' : 'other'),
    issuedHere: code !== null,
    state,
    activated,
    recalled,
    recall: facts.recall ? { ...facts.recall, openedAt: facts.recall.openedAt.toISOString() } : null,
    expired,
    producer: code?.owner ?? null,
    product: code?.product ?? null,
    productName: code?.productName ?? null,
    lot: code?.lot ?? null,
    productionDate: code?.productionDate ?? null,
    expiryDate: code?.expiryDate ?? null,
    events: {
      count: events.count,
      first: events.first?.toISOString() ?? null,
      last: events.last?.toISOString() ?? null,
      lastBizStep: events.lastBizStep,
      lastDisposition: events.lastDisposition,
    },
    scans: { count: scans.count, since: scans.first.toISOString() },
    warnings,
    links: {
      trace: `/api/trace/${encodeURIComponent(display)}`,
      events: `/epcis/epcs/${encodeURIComponent(facts.uri)}/events`,
    },
  };
}
