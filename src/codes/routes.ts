import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { gcpLengths } from '../config/config.js';
import { scoped } from '../db/scoped.js';
import { DomainError } from '../http/errors.js';
import { detectIdentifier } from '../identifiers/detect.js';
import { labelRoutes } from './label-routes.js';
import { enterpriseOf, ownCode } from './own.js';
import { issueCodes, maxIssue, voidCode } from './service.js';

const IssueBody = Type.Object(
  {
    scheme: Type.Union([Type.Literal('suyuan'), Type.Literal('gs1')], { default: 'suyuan' }),
    kind: Type.Union(
      [Type.Literal('lot'), Type.Literal('item'), Type.Literal('logisticUnit'), Type.Literal('asset')],
      {
        default: 'item',
      },
    ),
    count: Type.Integer({ minimum: 1, maximum: maxIssue }),
    product: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'GTIN (required for gs1) or product code' }),
    ),
    productName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    lot: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    productionDate: Type.Optional(Type.String({ maxLength: 10 })),
    expiryDate: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);

export async function codeRoutes(app: FastifyInstance): Promise<void> {
  await app.register(labelRoutes);
  app.post(
    '/codes',
    {
      config: { access: 'capture' },
      bodyLimit: 4096,
      schema: {
        tags: ['Codes'],
        summary: 'Issue 1 to 100,000 trace codes for a product and lot',
        body: IssueBody,
        security: [{ apiKey: [] }],
      },
    },
    async (request, reply) => {
      const owner = enterpriseOf(request);
      const batch = await scoped(request, (trx) =>
        issueCodes(
          trx,
          owner,
          request.body as Parameters<typeof issueCodes>[2],
          app.config.SUYUAN_NODE_PREFIX,
        ),
      );
      return reply.status(201).send(batch);
    },
  );

  app.get(
    '/codes/:code',
    {
      config: { access: 'query' },
      schema: {
        tags: ['Codes'],
        summary: 'State of one of your codes and what it identifies',
        params: Type.Object({ code: Type.String({ maxLength: 200 }) }),
        security: [{ apiKey: [] }],
      },
    },
    async (request) => {
      const row = await ownCode(request, (request.params as { code: string }).code);
      return {
        code: row.value,
        uri: row.uri,
        scheme: row.scheme,
        kind: row.kind,
        state: row.state,
        product: row.product,
        productName: row.product_name,
        lot: row.lot,
        productionDate: row.production_date,
        expiryDate: row.expiry_date,
        batchId: row.batch_id,
        issuedAt: row.issued_at,
        activatedAt: row.activated_at,
      };
    },
  );

  app.post(
    '/codes/:code/void',
    {
      config: { access: 'capture' },
      bodyLimit: 4096,
      schema: {
        tags: ['Codes'],
        summary: 'Void one of your codes (misprinted or lost label): it resolves as void from the next scan',
        params: Type.Object({ code: Type.String({ maxLength: 200 }) }),
        body: Type.Object(
          { reason: Type.String({ minLength: 1, maxLength: 200, description: '作废原因' }) },
          { additionalProperties: false },
        ),
        security: [{ apiKey: [] }],
      },
    },
    async (request) => {
      const row = await ownCode(request, (request.params as { code: string }).code);
      const { reason } = request.body as { reason: string };
      const voided = await scoped(request, (trx) => voidCode(trx, row.owner, row.uri, reason));
      if (!voided)
        throw new DomainError(
          'CONFLICT',
          `The code ${row.value} is ${row.state}: only issued or active codes can be voided`,
        );
      return { code: row.value, uri: row.uri, state: voided.state, reason };
    },
  );

  await app.register(async (limited) => {
    await limited.register(rateLimit, { max: 120, timeWindow: '1 minute' });
    limited.get(
      '/identifiers/check',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Identifiers'],
          summary:
            'Detect and check any identifier: GS1 keys, Digital Link, EPC URN, element string, credit code, region, drug code, trace code',
          querystring: Type.Object({ value: Type.String({ minLength: 1, maxLength: 512 }) }),
        },
      },
      async (request) =>
        detectIdentifier((request.query as { value: string }).value, { gcpLengths: gcpLengths(app.config) }),
    );
  });
}
