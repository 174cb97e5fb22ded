import { Type } from 'typebox';
import { eventSchema } from './event-common.js';
import { Action, BizTransaction, QuantityList } from './parts.js';
import { Uri } from './primitives.js';

export const TransactionEventSchema = eventSchema(
  'TransactionEvent',
  {
    bizTransactionList: Type.Array(BizTransaction, { minItems: 1 }),
    parentID: Type.Optional(Uri),
    epcList: Type.Optional(Type.Array(Uri)),
    quantityList: Type.Optional(QuantityList),
    action: Action,
  },
  'Objects associated with (ADD) or dissociated from (DELETE) one or more business transactions.',
);
