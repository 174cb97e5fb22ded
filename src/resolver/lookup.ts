import type { Kysely } from 'kysely';
import { preparedRows } from '../db/prepared.js';
import type { DB } from '../db/types.js';

export interface CodeFacts {
  uri: string;
  code: {
    value: string;
    scheme: string;
    kind: string;
    owner: string;
    product: string | null;
    productName: string | null;
    lot: string | null;
    productionDate: string | null;
    expiryDate: string | null;
    state: string;
    issuedAt: Date;
    activatedAt: Date | null;
    stateReason: string | null;
  } | null;
  events: {
    count: number;
    first: Date | null;
    last: Date | null;
    lastBizStep: string | null;
    lastDisposition: string | null;
    recalled: boolean;
  };
  scans: { count: number; first: Date | null };
  /** An open warning of the public-scan rule (scanned too often or too far apart): maybe copied. */
  suspectedCopy: boolean;
  /** The owner's filing is suspended or cancelled (责令停业、注销): its goods may not be traded. */
  stopTrading: boolean;
  /** The open recall (src/recalls) covering the code or its lot, most serious first. */
  recall: {
    id: string;
    title: string;
    reason: string;
    severity: number;
    orderedBy: 'enterprise' | 'regulator';
    openedAt: Date;
  } | null;
}

interface Row {
  uri: string;
  value: string | null;
  scheme: string;
  kind: string;
  owner: string;
  product: string | null;
  product_name: string | null;
  lot: string | null;
  production_date: string | null;
  expiry_date: string | null;
  state: string;
  issued_at: Date;
  activated_at: Date | null;
  state_reason: string | null;
  scans: string | null;
  first_scan: Date | null;
  events: string;
  first_event: Date | null;
  last_event: Date | null;
  last_biz_step: string | null;
  last_disposition: string | null;
  recall_id: string | null;
  recall_title: string | null;
  recall_reason: string | null;
  recall_severity: number | null;
  recall_ordered_by: 'enterprise' | 'regulator' | null;
  recall_opened_at: Date | null;
  suspected_copy: boolean;
  stop_trading: boolean;
}

/** Everything a resolve needs for many codes in one statement (the resolver batches concurrent requests). */
export async function lookupCodes(db: Kysely<DB>, uris: string[]): Promise<Map<string, CodeFacts>> {
  // suyuan_code_facts (migration 0056): one statement, planned once per connection; the call itself
  // a prepared statement too (src/db/prepared.ts)
  const rows = await preparedRows<Row>(
    db,
    'suyuan-code-facts',
    'SELECT * FROM suyuan_code_facts($1::text[])',
    [uris],
  );
  const out = new Map<string, CodeFacts>();
  for (const r of rows) {
    out.set(r.uri, {
      uri: r.uri,
      code: r.value
        ? {
            value: r.value,
            scheme: r.scheme,
            kind: r.kind,
            owner: r.owner,
            product: r.product,
            productName: r.product_name,
            lot: r.lot,
            productionDate: r.production_date,
            expiryDate: r.expiry_date,
            state: r.state,
            issuedAt: r.issued_at,
            activatedAt: r.activated_at,
            stateReason: r.state_reason,
          }
        : null,
      events: {
        count: Number(r.events),
        first: r.first_event,
        last: r.last_event,
        lastBizStep: r.last_biz_step,
        lastDisposition: r.last_disposition,
        recalled: r.last_disposition === 'recalled',
      },
      scans: { count: Number(r.scans ?? 0), first: r.first_scan },
      suspectedCopy: r.suspected_copy === true,
      stopTrading: r.stop_trading === true,
      recall:
        r.recall_id === null
          ? null
          : {
              id: String(r.recall_id),
              title: r.recall_title ?? '',
              reason: r.recall_reason ?? '',
              severity: Number(r.recall_severity),
              orderedBy: r.recall_ordered_by ?? 'enterprise',
              openedAt: r.recall_opened_at ?? new Date(0),
            },
    });
  }
  return out;
}
