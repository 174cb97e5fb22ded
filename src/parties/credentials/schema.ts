import { type Static, Type } from 'typebox';
import { Day } from '../common.js';
import { CreditCodeParams } from '../enterprises/schema.js';
import { pageQuery } from '../paging.js';
import { certificationTypes, keysOf, licenceTypes } from '../vocabulary.js';

export type CredentialKind = 'licence' | 'certification';

export const credentialTypes: Record<CredentialKind, Readonly<Record<string, string>>> = {
  licence: licenceTypes,
  certification: certificationTypes,
};

const common = {
  number: Type.String({ minLength: 1, maxLength: 100, description: 'licence or certificate number' }),
  issuer: Type.String({ minLength: 1, maxLength: 200, description: 'issuing authority or body' }),
  validFrom: Day,
  validTo: Type.Optional(Type.Union([Day, Type.Null()], { description: 'last valid day; null: no end' })),
  scope: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 2000 }), Type.Null()])),
  fileRef: Type.Optional(
    Type.Union([Type.String({ minLength: 1, maxLength: 500, description: 'URL or file id' }), Type.Null()]),
  ),
};

export function credentialSchemas(kind: CredentialKind) {
  const type = Type.Enum(keysOf(credentialTypes[kind]));
  const Body = Type.Object({ type, ...common }, { additionalProperties: false });
  const Patch = Type.Object(
    {
      type: Type.Optional(type),
      number: Type.Optional(common.number),
      issuer: Type.Optional(common.issuer),
      validFrom: Type.Optional(Day),
      validTo: common.validTo,
      scope: common.scope,
      fileRef: common.fileRef,
    },
    { additionalProperties: false, minProperties: 1 },
  );
  const ListQuery = Type.Object(
    {
      type: Type.Optional(type),
      status: Type.Optional(Type.Enum(['valid', 'expiring', 'expired'])),
      q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'number or issuer' })),
      ...pageQuery,
    },
    { additionalProperties: false },
  );
  return { Body, Patch, ListQuery };
}

type Schemas = ReturnType<typeof credentialSchemas>;
export type CredentialBody = Static<Schemas['Body']>;
export type CredentialPatch = Static<Schemas['Patch']>;
export type CredentialListQuery = Static<Schemas['ListQuery']>;
export type CredentialStatus = 'valid' | 'expiring' | 'expired';

export const CredentialParams = Type.Object({
  creditCode: CreditCodeParams.properties.creditCode,
  id: Type.String({ pattern: '^[0-9]{1,18}$' }),
});
