import { Type } from 'typebox';
import { eventSchema } from './event-common.js';
import { Action, QuantityList } from './parts.js';
import { Uri } from './primitives.js';

export const AggregationEventSchema = eventSchema(
  'AggregationEvent',
  {
    parentID: Type.Optional(Uri),
    childEPCs: Type.Optional(Type.Array(Uri)),
    childQuantityList: Type.Optional(QuantityList),
    action: Action,
  },
  'Objects physically aggregated into (ADD), seen in (OBSERVE) or removed from (DELETE) a parent.',
);
