import type { FastifyReply, FastifyRequest } from 'fastify';
import { gcpLengths } from '../../config/config.js';
import { scoped } from '../../db/scoped.js';
import { type EpcFormat, formatEvent, queryDocument } from '../format/event.js';
import { visibilityOf, visibleEvent } from '../visibility/visibility.js';
import { prefersXml, queryDocumentToXml } from '../xml/serialise.js';
import { type Condition, type EventQuery, parseEventQuery } from './params.js';
import { runEventQuery } from './service.js';

type QueryValues = Record<string, string | string[] | undefined>;

/** GS1-EPC-Format: Always_EPC_URN asks for URNs; Never_Translates for identifiers as captured. */
export function epcFormatOf(request: FastifyRequest): EpcFormat | 'asCaptured' {
  const header = String(request.headers['gs1-epc-format'] ?? '');
  if (header === 'Always_EPC_URN') return 'urn';
  if (header === 'Never_Translates') return 'asCaptured';
  return 'digitalLink';
}

function nextLink(request: FastifyRequest, query: QueryValues, token: string): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || k === 'nextPageToken') continue;
    for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
  }
  params.set('nextPageToken', token);
  return `${request.url.split('?')[0]}?${params.toString()}`;
}

/** Runs an event query and sends an EPCISQueryDocument, with a Link rel="next" when there is more. */
export async function sendEvents(
  request: FastifyRequest,
  reply: FastifyReply,
  queryName: string,
  query: QueryValues,
  fixed: Condition[] = [],
): Promise<unknown> {
  const spec: EventQuery = parseEventQuery(query);
  const page = await scoped(request, (trx) => runEventQuery(trx, spec, fixed));
  const format = epcFormatOf(request);
  const lengths = gcpLengths(request.server.config);
  const events = page.rows.map((row) => {
    const visibility = visibilityOf(request.principal, {
      enterprise: row.owner_enterprise,
      capturedBy: row.captured_by,
    });
    const doc = visibleEvent(row.doc, visibility);
    return format === 'asCaptured'
      ? { ...doc, recordTime: row.record_time.toISOString() }
      : formatEvent(doc, row.record_time, { epcFormat: format, gcpLengths: lengths });
  });
  if (page.nextPageToken) {
    void reply.header('Link', `<${nextLink(request, query, page.nextPageToken)}>; rel="next"`);
  }
  if (prefersXml(request.headers.accept)) {
    return reply.type('application/xml').send(queryDocumentToXml(queryDocument(queryName, events)));
  }
  return reply.type('application/ld+json').send(queryDocument(queryName, events));
}

/** A stored named query's parameters ({"EQ_bizStep": ["shipping"], "eventCountLimit": 5}) as query values. */
export function storedQueryValues(stored: Record<string, unknown>): QueryValues {
  const out: QueryValues = {};
  for (const [k, v] of Object.entries(stored)) {
    out[k] = Array.isArray(v) ? v.map(String) : String(v);
  }
  return out;
}
