// Response shapes of the public endpoints the portal reads. The server documents no response
// schemas yet, so these mirror the server's types; test/web/types.test.ts type-checks each one
// against src/resolver/service.ts and src/trace/schema.ts so they cannot drift apart.

export type Warning = 'recalled' | 'void' | 'expired' | 'never_activated' | (string & {});

export interface Recall {
  id: number | string;
  title: string;
  reason: string;
  severity: number;
  orderedBy: string;
  openedAt: string;
}

export interface Summary {
  code: string;
  uri: string;
  scheme: string;
  issuedHere: boolean;
  state: 'issued' | 'active' | 'closed' | 'void' | 'seen';
  activated: boolean;
  recalled: boolean;
  expired: boolean;
  producer: string | null;
  product: string | null;
  productName: string | null;
  lot: string | null;
  productionDate: string | null;
  expiryDate: string | null;
  events: {
    count: number;
    first: string | null;
    last: string | null;
    lastBizStep: string | null;
    lastDisposition: string | null;
  };
  scans: { count: number; since: string };
  warnings: Warning[];
  links: { trace: string; events: string };
  /** Added by the recalls module: the open recall that covers this code. */
  recall?: Recall | null;
}

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
