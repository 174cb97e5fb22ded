import { type Static, Type } from 'typebox';

const text = Type.Union([Type.String(), Type.Null()]);

/**
 * The JSON a phone or a partner platform gets from /t/{code} and the Digital Link paths. Declared
 * as the route's response schema: documented in the OpenAPI, and serialized by the compiled
 * serializer rather than JSON.stringify.
 */
export const SummarySchema = Type.Object({
  code: Type.String({ description: 'the code as printed (suyuan code) or its canonical identifier' }),
  uri: Type.String({ description: 'canonical identifier (urn:suyuan:code:… or GS1 Digital Link)' }),
  scheme: Type.String({ description: 'suyuan, gs1 or other' }),
  issuedHere: Type.Boolean(),
  state: Type.Union(
    [
      Type.Literal('issued'),
      Type.Literal('active'),
      Type.Literal('closed'),
      Type.Literal('void'),
      Type.Literal('seen'),
    ],
    { description: 'seen: never issued here, known from captured events' },
  ),
  activated: Type.Boolean(),
  recalled: Type.Boolean(),
  recall: Type.Union([
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      reason: Type.String(),
      severity: Type.Integer(),
      orderedBy: Type.Union([Type.Literal('enterprise'), Type.Literal('regulator')]),
      openedAt: Type.String(),
    }),
    Type.Null(),
  ]),
  expired: Type.Boolean(),
  producer: text,
  product: text,
  productName: text,
  lot: text,
  productionDate: text,
  expiryDate: text,
  events: Type.Object({
    count: Type.Integer(),
    first: text,
    last: text,
    lastBizStep: text,
    lastDisposition: text,
  }),
  scans: Type.Object({
    count: Type.Integer({ description: 'public scans of this code, this one included' }),
    since: Type.String({ description: 'time of the first public scan' }),
  }),
  warnings: Type.Array(Type.String(), {
    description: 'recalled, void, expired, never_activated, suspected_copy, stop_trading',
  }),
  links: Type.Object({ trace: Type.String(), events: Type.String() }),
});

export type Summary = Static<typeof SummarySchema>;
