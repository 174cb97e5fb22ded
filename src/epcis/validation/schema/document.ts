import { type Static, type TSchema, Type } from 'typebox';
import { AggregationEventSchema } from './aggregation-event.js';
import { AssociationEventSchema } from './association-event.js';
import { ObjectEventSchema } from './object-event.js';
import { Context, DateTime, extensible, Uri } from './primitives.js';
import { TransactionEventSchema } from './transaction-event.js';
import { TransformationEventSchema } from './transformation-event.js';

/** Any of the five EPCIS 2.0 event types (extension event types are not accepted). */
export const EventSchema = Type.Union(
  [
    ObjectEventSchema,
    AggregationEventSchema,
    TransactionEventSchema,
    TransformationEventSchema,
    AssociationEventSchema,
  ],
  { description: 'An EPCIS 2.0 event; `type` selects the event type.' },
);

const Attribute = Type.Object({
  id: Uri,
  attribute: Type.Optional(Type.Union([Type.Number(), Type.String(), Type.Object({})])),
});

const VocabularyElement = Type.Object({
  id: Uri,
  attributes: Type.Optional(Type.Array(Attribute)),
  children: Type.Optional(Type.Array(Uri)),
});

const Vocabulary = Type.Object({
  type: Uri,
  vocabularyElementList: Type.Optional(Type.Array(VocabularyElement)),
});

const VocabularyList = Type.Array(Vocabulary);

export const EPCISHeaderSchema = Type.Object(
  { epcisMasterData: Type.Optional(Type.Object({ vocabularyList: Type.Optional(VocabularyList) })) },
  extensible,
);

const SchemaVersion = Type.String({ pattern: '^\\d+(\\.\\d+)*$', description: 'e.g. 2.0' });

/** Document fields around the event list; `event` is the schema of one list item. */
export function captureDocument<E extends TSchema>(event: E) {
  return Type.Object(
    {
      '@context': Context,
      id: Type.Optional(Uri),
      type: Type.Literal('EPCISDocument'),
      schemaVersion: SchemaVersion,
      creationDate: DateTime,
      instanceIdentifier: Type.Optional(Type.String()),
      sender: Type.Optional(Type.String()),
      receiver: Type.Optional(Type.String()),
      epcisHeader: Type.Optional(EPCISHeaderSchema),
      epcisBody: Type.Object({ eventList: Type.Array(event) }),
    },
    { ...extensible, description: 'An EPCIS 2.0 capture document.' },
  );
}

/** A query result document; the official capture binding accepts it as well. */
export function queryDocument<E extends TSchema>(event: E) {
  const ResultsBody = Type.Object(
    { eventList: Type.Array(event), vocabularyList: Type.Optional(VocabularyList) },
    extensible,
  );
  const QueryResults = Type.Object(
    { queryName: Type.String(), subscriptionID: Type.Optional(Type.String()), resultsBody: ResultsBody },
    extensible,
  );
  return Type.Object(
    {
      '@context': Context,
      id: Type.Optional(Uri),
      type: Type.Literal('EPCISQueryDocument'),
      schemaVersion: Type.Optional(SchemaVersion),
      creationDate: Type.Optional(DateTime),
      epcisBody: Type.Object({ queryResults: QueryResults }, extensible),
    },
    { ...extensible, description: 'An EPCIS 2.0 query document (query results).' },
  );
}

export const EPCISDocumentSchema = captureDocument(EventSchema);
export const EPCISQueryDocumentSchema = queryDocument(EventSchema);

export type EPCISEvent = Static<typeof EventSchema>;
export type EPCISDocument = Static<typeof EPCISDocumentSchema>;
export type EPCISQueryDocument = Static<typeof EPCISQueryDocumentSchema>;
