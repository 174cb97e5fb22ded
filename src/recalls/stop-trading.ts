import { sql } from 'kysely';
import type { CaptureCheck } from '../epcis/capture/checks.js';
import type { ValidationIssue } from '../epcis/validation/index.js';

/** Business steps that sell or ship goods on (CBV): what a stop-trading order (中止交易) forbids. */
const trading = new Set(['shipping', 'retail_selling', 'dispensing', 'departing', 'loading']);
/** Moving recalled goods back or out of circulation is how a recall is carried out: allowed. */
const recallDispositions = new Set(['recalled', 'returned', 'destroyed', 'disposed', 'non_sellable_other']);

interface Hit {
  uri: string;
  id: string;
  title: string;
  reason: string;
}

/**
 * Refuses a sale or shipment of a code under an open recall (or of its lot), naming the recall. Returns of the
 * recalled goods (disposition recalled / returned …) pass. One indexed query per capture batch.
 */
export const recallStopTrading: CaptureCheck = async (events, { trx }) => {
  const candidates = events.filter(
    ({ event }) =>
      event.bizStep !== null &&
      trading.has(event.bizStep) &&
      !(event.disposition !== null && recallDispositions.has(event.disposition)),
  );
  if (candidates.length === 0) return [];
  const uris = [
    ...new Set(
      candidates.flatMap(({ event }) => event.epcs.filter((e) => e.role !== 'output').map((e) => e.epc)),
    ),
  ];
  if (uris.length === 0) return [];
  // A code counts as recalled when it, or the lot it belongs to (in its Digital Link, or as issued
  // here), is under an open recall: an item of a recalled lot commissioned after the opening too,
  // as the resolver's banner shows it.
  const { rows } = await sql<Hit>`
    SELECT DISTINCT ON (i.uri) i.uri, r.id, r.title, r.reason
    FROM unnest(${uris}::text[]) AS i(uri)
    LEFT JOIN codes c ON c.uri = i.uri
    JOIN recall_codes k ON k.uri IN (
      i.uri,
      substring(i.uri FROM '^(https://id\\.gs1\\.org/01/[0-9]{14}/10/[^/?#]+)'),
      CASE WHEN c.product ~ '^[0-9]{14}$' AND c.lot IS NOT NULL
        THEN 'https://id.gs1.org/01/' || c.product || '/10/' || c.lot END)
    JOIN recalls r ON r.id = k.recall_id AND r.status = 'open'
    ORDER BY i.uri, r.severity, r.opened_at`.execute(trx);
  if (rows.length === 0) return [];
  const recalled = new Map(rows.map((r) => [r.uri, r]));
  const issues: ValidationIssue[] = [];
  for (const { event, pointer } of candidates) {
    const hit = event.epcs.map((e) => (e.role === 'output' ? undefined : recalled.get(e.epc))).find(Boolean);
    if (hit)
      issues.push({
        pointer,
        message: `${hit.uri} is under recall ${hit.id} 「${hit.title}」 (${hit.reason}): stop-trading order, it may not be sold or shipped (召回中，禁止销售或发货)`,
      });
  }
  return issues;
};
