import type { paths } from './openapi.ts';

// Response shapes of the public endpoints the portal reads. Where the server documents no response
// schema yet, these mirror the server's types; src/web/web.test.ts type-checks each one
// against src/resolver/service.ts and src/trace/schema.ts so they cannot drift apart.

/** The resolver's JSON summary as the server documents it (response schema, src/resolver/summary.ts). */
export type Summary = paths['/t/{code}']['get']['responses'][200]['content']['application/json'];

export interface PartyInfo {
  creditCode: string;
  name: string;
  region: string;
  regionName: string | null;
  location?: string;
}

export interface TraceObject {
  uri: string;
  code: string;
  kind: string | null;
  product: string | null;
  productName: string | null;
  lot: string | null;
  productionDate: string | null;
  expiryDate: string | null;
  producedAt: string | null;
  producer: string | null;
  origin: Record<string, unknown> | null;
  depth: number;
}

export interface TraceParty {
  party: string;
  role: string;
  object: string;
  quantity: number | null;
  uom: string | null;
  at: string;
  enterprise?: PartyInfo;
}

export interface Lang {
  zh: string;
  en: string;
}

export interface TraceEvent {
  eventType: string;
  eventTime: string;
  bizStep: string | null;
  disposition: string | null;
  where?: PartyInfo;
  /** A template-bound event: its CTE's name (蔬菜进场 …) and the data elements the template marks public. */
  activity?: Lang;
  elements?: { name: string; label: Lang; text: Lang }[];
}

export interface TraceGraph {
  start: string;
  view: 'public' | 'partial' | 'full';
  objects: TraceObject[];
  parties: TraceParty[];
  events: TraceEvent[];
}

/** A list endpoint's page (alerts, blacklist, notices). */
export interface Page<T> {
  items: T[];
  total: number;
}

export type Row = Record<string, unknown>;

/** The public ticket page of a complaint (src/complaints). */
export interface Ticket {
  ticket: string;
  status: 'received' | 'acknowledged' | 'answered' | 'closed' | (string & {});
  createdAt: string;
  category?: string | null;
  answerBy?: string;
  productName?: string | null;
  timeline?: { at: string; action: string; message: string | null }[];
}

/** What the server embeds in the HTML of /t/{code} and Digital Link pages (src/web/page.ts). */
export interface EmbeddedState {
  path: string;
  summary?: Summary;
  notFound?: string;
  /** The code is malformed: why (the resolver's 400). */
  invalid?: string;
}
