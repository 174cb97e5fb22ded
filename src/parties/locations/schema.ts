import { type Static, type TSchema, Type } from 'typebox';
import { Coordinates } from '../common.js';
import { pageQuery } from '../paging.js';
import { keysOf, locationKinds } from '../vocabulary.js';

const Kind = Type.Enum(keysOf(locationKinds));
const Id = Type.String({ pattern: '^[0-9]{1,18}$' });
const nullable = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]));

export const LocationBody = Type.Object(
  {
    enterprise: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 40,
        description: "credit code; defaults to the key's enterprise",
      }),
    ),
    kind: Kind,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    parent: Type.Optional(Id),
    gln: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: "the location's own GLN" })),
    extension: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z0-9-]{1,20}$',
        description: 'GLN extension (AI 254); default: a number',
      }),
    ),
    address: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    coordinates: Type.Optional(Coordinates),
  },
  { additionalProperties: false },
);
export type LocationBody = Static<typeof LocationBody>;

export const LocationPatch = Type.Object(
  {
    kind: Type.Optional(Kind),
    name: Type.Optional(LocationBody.properties.name),
    parent: nullable(Id),
    address: nullable(Type.String({ minLength: 1, maxLength: 500 })),
    coordinates: nullable(Coordinates),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type LocationPatch = Static<typeof LocationPatch>;

export const LocationListQuery = Type.Object(
  {
    enterprise: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    kind: Type.Optional(Kind),
    parent: Type.Optional(Id),
    identifier: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'part of the name' })),
    active: Type.Optional(Type.Boolean()),
    ...pageQuery,
  },
  { additionalProperties: false },
);
export type LocationListQuery = Static<typeof LocationListQuery>;

export const LocationParams = Type.Object({ id: Id });
