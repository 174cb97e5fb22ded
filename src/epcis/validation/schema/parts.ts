import { Type } from 'typebox';
import { closed, DateTime, extensible, Quantity, Uom, Uri } from './primitives.js';
import { BizTransactionType, Disposition, ErrorReason, SourceDestType } from './vocabulary.js';

/** A list of EPCs (instance-level identifiers), each an absolute URI, no repeats. */
export const EpcList = Type.Array(Uri, { uniqueItems: true });

export const QuantityElement = Type.Object(
  { epcClass: Uri, quantity: Type.Optional(Quantity), uom: Type.Optional(Uom) },
  closed,
);
export const QuantityList = Type.Array(QuantityElement);

export const Action = Type.Enum(['OBSERVE', 'ADD', 'DELETE']);

/** readPoint and bizLocation: an id plus (as in the official schema) any further properties. */
export const ReadPoint = Type.Object({ id: Uri });
export const BizLocation = Type.Object({ id: Uri });

export const BizTransaction = Type.Object(
  { type: Type.Optional(BizTransactionType), bizTransaction: Uri },
  closed,
);
export const BizTransactionList = Type.Array(BizTransaction);

export const Source = Type.Object({ type: SourceDestType, source: Uri }, closed);
export const Destination = Type.Object({ type: SourceDestType, destination: Uri }, closed);
export const SourceList = Type.Array(Source);
export const DestinationList = Type.Array(Destination);

const DispositionSet = Type.Array(Disposition, { minItems: 1, uniqueItems: true });

/** At least one of set / unset (minProperties with no other properties allowed). */
export const PersistentDisposition = Type.Object(
  { set: Type.Optional(DispositionSet), unset: Type.Optional(DispositionSet) },
  { ...closed, minProperties: 1 },
);

export const ErrorDeclaration = Type.Object(
  {
    declarationTime: DateTime,
    reason: Type.Optional(ErrorReason),
    correctiveEventIDs: Type.Optional(Type.Array(Uri)),
  },
  extensible,
);

export const CertificationInfo = Type.Union([Uri, Type.Array(Uri)]);

/** Instance/lot master data: namespaced properties only. */
export const Ilmd = Type.Object({}, extensible);
