import { Type } from 'typebox';
import type { Lang } from '../templates/model.js';
import type { PartyInfo } from './parties.js';
import type { PublicElement } from './public-elements.js';

export const maxDepth = 100;
export const defaultDepth = 50;
/** Objects a trace returns at most (the nearest first); more is an impact assessment's job. */
export const defaultObjectLimit = 10_000;
export const maxObjectLimit = 100_000;

export const TraceQuery = Type.Object(
  {
    direction: Type.Union([Type.Literal('back'), Type.Literal('forward'), Type.Literal('both')], {
      default: 'both',
    }),
    depth: Type.Integer({ minimum: 1, maximum: maxDepth, default: defaultDepth }),
    at: Type.Optional(
      Type.String({ format: 'date-time', description: 'the graph as it stood at this instant' }),
    ),
    limit: Type.Integer({
      minimum: 1,
      maximum: maxObjectLimit,
      default: defaultObjectLimit,
      description: 'most objects returned, nearest hops first; `truncated` says when more were reached',
    }),
  },
  { additionalProperties: false },
);

export const HoldersQuery = Type.Object(
  { at: Type.Optional(Type.String({ format: 'date-time' })) },
  { additionalProperties: false },
);

export const ImpactQuery = Type.Object(
  {
    lot: Type.Array(Type.String({ minLength: 1, maxLength: 512 }), {
      minItems: 1,
      maxItems: 100,
      description: 'problem lots or codes (repeat the parameter for several)',
    }),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'first hops from this instant' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'first hops until this instant' })),
  },
  { additionalProperties: false },
);

export type Direction = 'back' | 'forward' | 'both';

/** One identified object of a trace: a lot, an item, a logistic unit or a voucher code. */
export interface TraceObject {
  uri: string;
  /** What a person reads: the suyuan code, or the identifier itself. */
  code: string;
  kind: string | null;
  product: string | null;
  productName: string | null;
  lot: string | null;
  productionDate: string | null;
  expiryDate: string | null;
  producedAt: string | null;
  producer: string | null;
  /** Lot master data (ilmd) of the event that produced it: origin, harvest date … */
  origin: Record<string, unknown> | null;
  /** Hops from the start; on the back side of a both-ways trace, negative. */
  depth: number;
}

export interface TraceRelation {
  /** Upstream identifier (input, or the child packed into `to`). */
  from: string;
  to: string;
  kind: 'transform' | 'contains';
  fromQuantity: number | null;
  toQuantity: number | null;
  uom: string | null;
  at: string;
  /** For `contains`: when the child left the parent. */
  until: string | null;
  eventId?: string;
}

export interface TraceParty {
  party: string;
  role: string;
  object: string;
  quantity: number | null;
  uom: string | null;
  at: string;
  counterparty?: string | null;
  eventId?: string;
  /** The filed enterprise behind the party identifier, when one claims it. */
  enterprise?: PartyInfo;
}

export interface TraceEvent {
  eventId?: string;
  eventType: string;
  eventTime: string;
  action?: string | null;
  bizStep: string | null;
  disposition: string | null;
  bizLocation?: string | null;
  /** Where and by whom: the enterprise of the business location, else the one that recorded it. */
  where?: PartyInfo;
  /** Public view of a template-bound event: its CTE's name and the data elements the template marks public. */
  activity?: Lang;
  elements?: PublicElement[];
}

export interface TraceGraph {
  start: string;
  direction: Direction;
  depth: number;
  at: string | null;
  /** The public subset (anonymous callers) or the full graph. */
  view: 'public' | 'partial' | 'full';
  objects: TraceObject[];
  relations: TraceRelation[];
  parties: TraceParty[];
  events: TraceEvent[];
  /** Present when the walk reached more objects than the limit: the nearest `returned` are given. */
  truncated?: { total: number; returned: number };
}
