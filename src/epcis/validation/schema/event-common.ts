import { type TLiteral, type TProperties, Type } from 'typebox';
import {
  BizLocation,
  BizTransactionList,
  CertificationInfo,
  DestinationList,
  ErrorDeclaration,
  ReadPoint,
  SourceList,
} from './parts.js';
import { Context, DateTime, extensible, TimeZoneOffset, Uri } from './primitives.js';
import { SensorElementList } from './sensor.js';
import { BizStep, Disposition } from './vocabulary.js';

export const EVENT_TYPES = [
  'ObjectEvent',
  'AggregationEvent',
  'TransactionEvent',
  'TransformationEvent',
  'AssociationEvent',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Fields of every event (the official schema's `Event` and `common-event-properties`). */
function commonFields<T extends EventType>(type: T) {
  return {
    '@context': Type.Optional(Context),
    type: Type.Literal(type) as TLiteral<T>,
    eventID: Type.Optional(Uri),
    eventTime: DateTime,
    recordTime: Type.Optional(DateTime),
    eventTimeZoneOffset: TimeZoneOffset,
    certificationInfo: Type.Optional(CertificationInfo),
    errorDeclaration: Type.Optional(ErrorDeclaration),
  };
}

/** The why/where dimensions shared by all five event types. */
export const contextFields = {
  bizStep: Type.Optional(BizStep),
  disposition: Type.Optional(Disposition),
  readPoint: Type.Optional(ReadPoint),
  bizLocation: Type.Optional(BizLocation),
  bizTransactionList: Type.Optional(BizTransactionList),
  sourceList: Type.Optional(SourceList),
  destinationList: Type.Optional(DestinationList),
  sensorElementList: Type.Optional(SensorElementList),
};

/** An event type's schema: common fields, its own fields, and namespaced extension fields. */
export function eventSchema<T extends EventType, P extends TProperties>(
  type: T,
  fields: P,
  description: string,
) {
  return Type.Object({ ...commonFields(type), ...contextFields, ...fields }, { ...extensible, description });
}
