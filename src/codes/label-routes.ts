import type { FastifyInstance } from 'fastify';
import type { Selectable } from 'kysely';
import { Type } from 'typebox';
import { scoped } from '../db/scoped.js';
import type { CodeTable } from '../db/types.js';
import { DomainError } from '../http/errors.js';
import { digitalLinkToElements } from '../identifiers/gs1/conversions.js';
import { buildBracketed } from '../identifiers/gs1/element-string.js';
import {
  LabelError,
  maxLabelsPerSheet,
  pageNames,
  renderLabelSheet,
  renderSymbol,
  type SymbolSpec,
} from '../labels/index.js';
import { enterpriseOf, ownCode } from './own.js';

type Code = Selectable<CodeTable>;

/** What the symbol carries: the resolver URL for suyuan codes, the Digital Link for GS1 codes, or the element string in a GS1 DataMatrix. */
function symbolOf(
  code: Code,
  publicUrl: string,
  kind: 'qr' | 'datamatrix',
): { spec: SymbolSpec; text: string } {
  if (code.scheme === 'suyuan') {
    if (kind === 'datamatrix')
      throw new DomainError('VALIDATION_FAILED', 'GS1 DataMatrix carries GS1 codes only', [
        { pointer: 'symbol', message: 'use qr for suyuan codes' },
      ]);
    return {
      spec: { kind: 'qr', data: `${publicUrl.replace(/\/$/, '')}/t/${code.value}` },
      text: code.value,
    };
  }
  const elements = digitalLinkToElements(code.uri);
  if (!elements.ok) throw new DomainError('INTERNAL', elements.error);
  const bracketed = buildBracketed(elements.value);
  return kind === 'qr'
    ? { spec: { kind: 'qr', data: code.uri }, text: bracketed }
    : { spec: { kind: 'gs1datamatrix', data: bracketed }, text: bracketed };
}

function labelFailure(error: unknown): never {
  if (error instanceof LabelError) {
    if (error.code === 'LABEL_FONT_MISSING') throw new DomainError('UNAVAILABLE', error.message);
    throw new DomainError('VALIDATION_FAILED', error.message, [
      { pointer: error.pointer ?? '', message: error.message },
    ]);
  }
  throw error;
}

const Layout = Type.Object(
  {
    page: Type.Union(
      pageNames.map((p) => Type.Literal(p)),
      { default: 'A4' },
    ),
    columns: Type.Optional(Type.Integer({ minimum: 1, maximum: 6 })),
    rows: Type.Optional(Type.Integer({ minimum: 1, maximum: 16 })),
  },
  { additionalProperties: false },
);

export async function labelRoutes(app: FastifyInstance): Promise<void> {
  const tags = { tags: ['Codes'], security: [{ apiKey: [] }] };
  for (const format of ['svg', 'png'] as const) {
    app.get(
      `/codes/:code/label.${format}`,
      {
        config: { access: 'query' },
        schema: {
          ...tags,
          summary: `The label of one of your codes as ${format.toUpperCase()}: QR (resolver URL or Digital Link) or GS1 DataMatrix`,
          params: Type.Object({ code: Type.String({ maxLength: 200 }) }),
          querystring: Type.Object({
            symbol: Type.Union([Type.Literal('qr'), Type.Literal('datamatrix')], { default: 'qr' }),
          }),
        },
      },
      async (request, reply) => {
        const code = await ownCode(request, (request.params as { code: string }).code);
        const { symbol } = request.query as { symbol: 'qr' | 'datamatrix' };
        const { spec, text } = symbolOf(code, app.config.SUYUAN_PUBLIC_URL, symbol);
        const rendered = await renderSymbol({ ...spec, text: [text] }).catch(labelFailure);
        return format === 'svg'
          ? reply.type('image/svg+xml').send(rendered.svg)
          : reply.type('image/png').send(rendered.png);
      },
    );
  }

  app.post(
    '/labels',
    {
      config: { access: 'query' },
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        ...tags,
        summary: 'A PDF sheet of labels for your codes (a batch, or a list of up to 10,000)',
        body: Type.Object(
          {
            codes: Type.Optional(
              Type.Array(Type.String({ maxLength: 200 }), { minItems: 1, maxItems: maxLabelsPerSheet }),
            ),
            batchId: Type.Optional(Type.String({ format: 'uuid' })),
            symbol: Type.Union([Type.Literal('qr'), Type.Literal('datamatrix')], { default: 'qr' }),
            layout: Layout,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const body = request.body as {
        codes?: string[];
        batchId?: string;
        symbol: 'qr' | 'datamatrix';
        layout: { page: (typeof pageNames)[number]; columns?: number; rows?: number };
      };
      const owner = enterpriseOf(request);
      if (!body.codes === !body.batchId) {
        throw new DomainError('VALIDATION_FAILED', 'Give either codes or batchId', [
          { pointer: '/codes', message: 'exactly one of codes and batchId' },
        ]);
      }
      const rows = await scoped(request, (trx) => {
        let q = trx
          .selectFrom('codes')
          .selectAll()
          .where('owner', '=', owner)
          .orderBy('id')
          .limit(maxLabelsPerSheet + 1);
        q = body.batchId
          ? q.where('batch_id', '=', body.batchId)
          : q.where('value', 'in', body.codes as string[]);
        return q.execute();
      });
      if (body.codes) {
        const found = new Set(rows.map((r) => r.value));
        const missing = body.codes.filter((c) => !found.has(c));
        if (missing.length > 0) {
          throw new DomainError(
            'NOT_FOUND',
            `Your enterprise has no code ${missing[0]}${missing.length > 1 ? ` (and ${missing.length - 1} more)` : ''}`,
            missing
              .slice(0, 20)
              .map((c) => ({ pointer: '/codes', message: `not a code of your enterprise: ${c}` })),
          );
        }
      }
      if (rows.length === 0) throw new DomainError('NOT_FOUND', 'No codes of your enterprise in that batch');
      if (rows.length > maxLabelsPerSheet)
        throw new DomainError('VALIDATION_FAILED', `At most ${maxLabelsPerSheet} labels per sheet`, [
          { pointer: '/batchId', message: 'the batch is larger than one sheet' },
        ]);
      const labels = rows.map((code) => {
        const { spec, text } = symbolOf(code, app.config.SUYUAN_PUBLIC_URL, body.symbol);
        return {
          symbol: spec,
          code: text,
          ...(code.product_name ? { productName: code.product_name } : {}),
          ...(code.lot ? { lot: code.lot } : {}),
          ...(code.production_date ? { productionDate: code.production_date } : {}),
          ...(code.expiry_date ? { expiryDate: code.expiry_date } : {}),
        };
      });
      const pdf = await renderLabelSheet(labels, body.layout).catch(labelFailure);
      return reply
        .type('application/pdf')
        .header('Content-Disposition', 'attachment; filename="labels.pdf"')
        .send(pdf);
    },
  );
}
