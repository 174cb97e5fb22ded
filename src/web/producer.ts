import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { DomainError } from '../http/errors.js';
import { todayInChina } from '../parties/common.js';
import { partiesDb } from '../parties/db.js';
import { approvalTypes, certificationTypes, licenceTypes } from '../parties/vocabulary.js';
import { regionNameOf } from '../trace/parties.js';

const Params = Type.Object({ creditCode: Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$' }) });
const Query = Type.Object(
  {
    product: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'GTIN or product code of the scanned code' }),
    ),
  },
  { additionalProperties: false },
);

const nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Producer = Type.Object({
  creditCode: Type.String(),
  name: Type.String(),
  region: Type.String({ description: 'GB/T 2260 region code' }),
  regionName: nullable(Type.String()),
  status: Type.Union(['applied', 'filed', 'suspended'].map((s) => Type.Literal(s))),
  credentials: Type.Array(
    Type.Object({
      kind: Type.Union([Type.Literal('licence'), Type.Literal('certification')]),
      type: Type.String(),
      typeName: nullable(Type.String()),
      number: Type.String(),
      issuer: Type.String(),
      validFrom: Type.String({ description: 'YYYY-MM-DD' }),
      validTo: nullable(Type.String({ description: 'YYYY-MM-DD; null: no end date' })),
      scope: nullable(Type.String()),
      valid: Type.Boolean({ description: 'in force today (China time)' }),
    }),
  ),
  product: Type.Union([
    Type.Object({
      name: Type.String(),
      specification: nullable(Type.String()),
      unit: nullable(Type.String()),
      image: nullable(Type.String({ description: "the product's picture, when its image is an https URL" })),
      approvals: Type.Array(
        Type.Object({ type: Type.String(), typeName: nullable(Type.String()), number: Type.String() }),
      ),
    }),
    Type.Null(),
  ]),
});

const labelOf = (labels: Record<string, string>, key: string): string | null => labels[key] ?? null;

/**
 * What a consumer may read about the producer of a scanned product (what its label and licence
 * display already show): name, region, licences and certifications with their validity, and the
 * registered product's specification and approvals. Never contacts, addresses, people or files.
 */
export async function producerPage(db: ReturnType<typeof partiesDb>, creditCode: string, product?: string) {
  const enterprise = await db
    .selectFrom('enterprises')
    .select(['credit_code', 'name', 'region', 'status'])
    .where('credit_code', '=', creditCode)
    .where('status', '!=', 'cancelled')
    .executeTakeFirst();
  if (!enterprise) throw new DomainError('NOT_FOUND', `No filed enterprise ${creditCode}`);
  const today = todayInChina();
  const [credentials, registered] = await Promise.all([
    db
      .selectFrom('credentials')
      .select(['kind', 'type', 'number', 'issuer', 'valid_from', 'valid_to', 'scope'])
      .where('enterprise', '=', creditCode)
      .orderBy('kind')
      .orderBy('valid_to', 'desc')
      .execute(),
    product
      ? db
          .selectFrom('products')
          .select(['name', 'specification', 'unit', 'approvals', 'image_ref'])
          .where('enterprise', '=', creditCode)
          .where((eb) => eb.or([eb('gtin', '=', product), eb('code', '=', product)]))
          .executeTakeFirst()
      : undefined,
  ]);
  return {
    creditCode: enterprise.credit_code,
    name: enterprise.name,
    region: enterprise.region,
    regionName: regionNameOf(enterprise.region),
    status: enterprise.status,
    credentials: credentials.map((c) => ({
      kind: c.kind,
      type: c.type,
      typeName: labelOf(c.kind === 'licence' ? licenceTypes : certificationTypes, c.type),
      number: c.number,
      issuer: c.issuer,
      validFrom: c.valid_from,
      validTo: c.valid_to,
      scope: c.scope,
      valid: c.valid_from <= today && (c.valid_to === null || c.valid_to >= today),
    })),
    product: registered
      ? {
          name: registered.name,
          specification: registered.specification,
          unit: registered.unit,
          // only a public web address; file ids of the enterprise's uploads are not served here
          image: registered.image_ref?.startsWith('https://') ? registered.image_ref : null,
          approvals: registered.approvals.map((a) => ({
            type: a.type,
            typeName: labelOf(approvalTypes, a.type),
            number: a.number,
          })),
        }
      : null,
  };
}

/** GET /api/portal/producers/{creditCode}: the trace page's producer, licences and certifications. */
export async function portalRoutes(app: FastifyInstance): Promise<void> {
  const db = partiesDb(app.database.db);
  app.get(
    '/portal/producers/:creditCode',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Resolver'],
        summary: 'The public facts of a product producer: licences and certifications with validity',
        params: Params,
        querystring: Query,
        response: { 200: Producer },
      },
    },
    async (request, reply) => {
      const { creditCode } = request.params as { creditCode: string };
      const { product } = request.query as { product?: string };
      void reply.header('Cache-Control', 'public, max-age=300');
      return producerPage(db, creditCode, product);
    },
  );
}
