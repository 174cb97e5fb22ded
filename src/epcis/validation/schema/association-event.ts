import { Type } from 'typebox';
import { eventSchema } from './event-common.js';
import { Action, QuantityList } from './parts.js';
import { Uri } from './primitives.js';

export const AssociationEventSchema = eventSchema(
  'AssociationEvent',
  {
    parentID: Uri,
    childEPCs: Type.Optional(Type.Array(Uri)),
    childQuantityList: Type.Optional(QuantityList),
    action: Action,
  },
  'Objects associated with (ADD), seen with (OBSERVE) or dissociated from (DELETE) a parent, e.g. a sensor.',
);
