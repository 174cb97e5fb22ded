import { Type } from 'typebox';
import { eventSchema } from './event-common.js';
import { Action, EpcList, Ilmd, PersistentDisposition, QuantityList } from './parts.js';

export const ObjectEventSchema = eventSchema(
  'ObjectEvent',
  {
    epcList: Type.Optional(EpcList),
    quantityList: Type.Optional(QuantityList),
    action: Action,
    persistentDisposition: Type.Optional(PersistentDisposition),
    ilmd: Type.Optional(Ilmd),
  },
  'An event about objects (EPCs or quantities): observed, added (commissioned) or deleted.',
);
