import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { scoped } from '../db/scoped.js';
import { DomainError } from '../http/errors.js';
import {
  allScopes,
  createApiKey,
  type DeviceIdentity,
  deviceTypes,
  onlineWindowSeconds,
  revokeApiKey,
} from './api-keys.js';
import type { Scope } from './principal.js';

const NewKey = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'what the key is for: a system, a trace scale, a scanner',
    }),
    scopes: Type.Array(Type.Union([Type.Literal('capture'), Type.Literal('query')]), {
      minItems: 1,
      uniqueItems: true,
    }),
    enterprise: Type.Optional(
      Type.String({ minLength: 18, maxLength: 18, description: 'administrators only' }),
    ),
    device: Type.Optional(
      Type.Object(
        {
          type: Type.Union(deviceTypes.map((t) => Type.Literal(t))),
          serial: Type.String({ minLength: 1, maxLength: 64, pattern: '^[\\x21-\\x7E]+$' }),
          model: Type.Optional(Type.String({ maxLength: 100 })),
          location: Type.Optional(Type.String({ maxLength: 200 })),
        },
        {
          additionalProperties: false,
          description: 'present for a device key (trace scale, scanner, sensor gateway, POS)',
        },
      ),
    ),
  },
  { additionalProperties: false },
);

/** Machine credentials of an enterprise: created by its administrator, shown once, revocable. */
export async function apiKeyRoutes(app: FastifyInstance): Promise<void> {
  const tags = { tags: ['API keys'] };
  app.post(
    '/apikeys',
    {
      config: { access: 'enterprise-admin' },
      bodyLimit: 4096,
      schema: { ...tags, summary: 'Create an API key (the key is in this response only)', body: NewKey },
    },
    async (request, reply) => {
      const body = request.body as {
        name: string;
        scopes: Scope[];
        enterprise?: string;
        device?: DeviceIdentity;
      };
      const p = request.principal;
      const enterprise = p.scopes.has('admin') ? body.enterprise : p.enterprise;
      if (!enterprise)
        throw new DomainError('VALIDATION_FAILED', 'A key belongs to an enterprise', [
          { pointer: '/enterprise', message: 'required' },
        ]);
      const key = await scoped(request, (trx) =>
        createApiKey(
          trx,
          body.name,
          body.scopes.filter((s) => allScopes.includes(s)),
          enterprise,
          body.device,
        ),
      );
      return reply.status(201).send({ ...key, enterprise });
    },
  );
  app.get(
    '/apikeys',
    {
      config: { access: 'enterprise-admin' },
      schema: {
        ...tags,
        summary: 'Your enterprise’s API keys and devices (never the secrets), with device online status',
        querystring: Type.Object(
          { kind: Type.Optional(Type.Union([Type.Literal('client'), Type.Literal('device')])) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { kind } = request.query as { kind?: 'client' | 'device' };
      const rows = await scoped(request, async (trx) => {
        let q = trx
          .selectFrom('api_keys')
          .select([
            'id',
            'name',
            'scopes',
            'enterprise',
            'kind',
            'device_type',
            'device_serial',
            'device_model',
            'device_location',
            'created_at',
            'revoked_at',
            'last_used_at',
          ])
          .orderBy('created_at', 'desc')
          .limit(1000);
        if (!request.principal.scopes.has('admin'))
          q = q.where('enterprise', '=', request.principal.enterprise ?? '-');
        if (kind) q = q.where('kind', '=', kind);
        return q.execute();
      });
      const now = Date.now();
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        scopes: r.scopes,
        enterprise: r.enterprise,
        kind: r.kind,
        createdAt: r.created_at,
        revokedAt: r.revoked_at,
        lastUsedAt: r.last_used_at,
        ...(r.kind === 'device'
          ? {
              device: {
                type: r.device_type,
                serial: r.device_serial,
                model: r.device_model,
                location: r.device_location,
                // 在线: used within the window and not revoked
                online:
                  !r.revoked_at &&
                  r.last_used_at !== null &&
                  now - new Date(r.last_used_at).getTime() < onlineWindowSeconds * 1000,
              },
            }
          : {}),
      }));
    },
  );
  app.delete(
    '/apikeys/:id',
    {
      config: { access: 'enterprise-admin' },
      schema: {
        ...tags,
        summary: 'Revoke an API key',
        params: Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{12}$' }) }),
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const row = await scoped(request, (trx) =>
        trx.selectFrom('api_keys').select('enterprise').where('id', '=', id).executeTakeFirst(),
      );
      if (
        !row ||
        (!request.principal.scopes.has('admin') && row.enterprise !== request.principal.enterprise)
      ) {
        throw new DomainError('NOT_FOUND', `No API key ${id} of your enterprise`);
      }
      await scoped(request, (trx) => revokeApiKey(trx, id));
      return reply.status(204).send();
    },
  );
}
