import { Type } from 'typebox';
import { eventSchema } from './event-common.js';
import { EpcList, Ilmd, PersistentDisposition, QuantityList } from './parts.js';
import { Uri } from './primitives.js';

export const TransformationEventSchema = eventSchema(
  'TransformationEvent',
  {
    inputEPCList: Type.Optional(EpcList),
    inputQuantityList: Type.Optional(QuantityList),
    outputEPCList: Type.Optional(EpcList),
    outputQuantityList: Type.Optional(QuantityList),
    transformationID: Type.Optional(Uri),
    persistentDisposition: Type.Optional(PersistentDisposition),
    ilmd: Type.Optional(Ilmd),
  },
  'Inputs consumed and outputs produced by a transformation (no action field).',
);
