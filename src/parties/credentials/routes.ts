import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { withDb } from '../db.js';
import { CreditCodeParams } from '../enterprises/schema.js';
import {
  type CredentialBody,
  type CredentialKind,
  type CredentialListQuery,
  CredentialParams,
  type CredentialPatch,
  credentialSchemas,
} from './schema.js';
import { addCredential, getCredential, listCredentials, updateCredential } from './service.js';

const security = [{ apiKey: [] }];
const kinds: [CredentialKind, string, string][] = [
  ['licence', 'licences', 'Licences'],
  ['certification', 'certifications', 'Certifications'],
];

/** /enterprises/{creditCode}/licences and /certifications: the same shape, different types. */
export async function credentialRoutes(app: FastifyInstance): Promise<void> {
  for (const [kind, path, tag] of kinds) {
    const { Body, Patch, ListQuery } = credentialSchemas(kind);
    const tags = [tag];
    const base = `/enterprises/:creditCode/${path}`;
    const params = (request: { params: unknown }) => {
      const p = request.params as Partial<Static<typeof CredentialParams>> & { creditCode: string };
      return { enterprise: p.creditCode.toUpperCase(), id: p.id ?? '' };
    };

    app.post(
      base,
      {
        config: { access: 'capture' },
        schema: { tags, security, summary: `Record a ${kind}`, params: CreditCodeParams, body: Body },
      },
      async (request, reply) => {
        const { enterprise } = params(request);
        const created = await withDb(request, (db) =>
          addCredential(db, request.principal, kind, enterprise, request.body as CredentialBody),
        );
        return reply.status(201).send(created);
      },
    );

    app.get(
      base,
      {
        config: { access: 'query' },
        schema: {
          tags,
          security,
          summary: `${tag} of an enterprise with their status (valid, expiring within 30 days, expired)`,
          params: CreditCodeParams,
          querystring: ListQuery,
        },
      },
      async (request) =>
        withDb(request, (db) =>
          listCredentials(
            db,
            request.principal,
            kind,
            params(request).enterprise,
            request.query as CredentialListQuery,
          ),
        ),
    );

    app.get(
      `${base}/:id`,
      {
        config: { access: 'query' },
        schema: { tags, security, summary: `One ${kind}`, params: CredentialParams },
      },
      async (request) => {
        const { enterprise, id } = params(request);
        return withDb(request, (db) => getCredential(db, request.principal, kind, enterprise, id));
      },
    );

    app.patch(
      `${base}/:id`,
      {
        config: { access: 'capture' },
        schema: { tags, security, summary: `Change a ${kind}`, params: CredentialParams, body: Patch },
      },
      async (request) => {
        const { enterprise, id } = params(request);
        return withDb(request, (db) =>
          updateCredential(db, request.principal, kind, enterprise, id, request.body as CredentialPatch),
        );
      },
    );
  }
}
