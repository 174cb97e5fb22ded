import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { scoped } from '../db/scoped.js';
import { DomainError } from '../http/errors.js';
import { getTemplate } from '../templates/engine.js';
import { parseTemplateRef, templateRef } from '../templates/model.js';
import type { RowRun } from './already-imported.js';
import { errorsWorkbook } from './errors-workbook.js';
import { defineImportJob, enqueueImport } from './job.js';
import type { ImportIssue } from './read.js';
import { findImport, ImportView, importView, listImports } from './report.js';
import { createImport, type ImportFormat, outlineUpload } from './submit.js';
import { buildWorkbook } from './workbook.js';

export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const csvTypes = ['text/csv', 'application/csv', 'text/comma-separated-values'];
const tags = ['Imports'];
const security = [{ apiKey: [] }];

function formatOf(contentType: string | undefined, file: Buffer): ImportFormat {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === xlsxType) return 'xlsx';
  if (csvTypes.includes(type)) return 'csv';
  // application/octet-stream: a zip is a workbook, anything else is read as CSV text.
  return file.subarray(0, 2).toString('latin1') === 'PK' ? 'xlsx' : 'csv';
}

const ImportQuery = Type.Object({
  template: Type.Optional(
    Type.String({ maxLength: 100, description: 'Template id (or id@version); required for CSV' }),
  ),
  cte: Type.Optional(
    Type.String({
      maxLength: 100,
      description: 'CTE id, or all; required for CSV, optional for a suyuan workbook',
    }),
  ),
  mode: Type.Optional(
    Type.Union([Type.Literal('rollback'), Type.Literal('proceed')], {
      default: 'rollback',
      description: 'rollback: store nothing if any row is bad; proceed: store the good rows',
    }),
  ),
  repeat: Type.Optional(
    Type.Boolean({
      default: false,
      description:
        'true: store rows equal to ones imported before as new events (a new delivery identical to an earlier one); their eventIDs are keyed on this upload, so a retried job still stores each row once',
    }),
  ),
  enterprise: Type.Optional(
    Type.String({ maxLength: 18, description: 'Administrators: the enterprise the events belong to' }),
  ),
  fileName: Type.Optional(Type.String({ maxLength: 255 })),
});

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** Excel and CSV import: template workbooks, uploads run as durable jobs, reports and error copies. */
export async function importRoutes(app: FastifyInstance): Promise<void> {
  const limit = app.config.SUYUAN_IMPORT_FILE_SIZE_LIMIT;
  // Uploads are the raw file (not multipart): scoped to this plugin, so nothing else accepts them.
  app.addContentTypeParser(
    [xlsxType, 'application/octet-stream', ...csvTypes],
    { parseAs: 'buffer', bodyLimit: limit },
    (_request, body, done) => done(null, body),
  );
  await defineImportJob(app);

  app.get(
    '/templates/:id/:cte/workbook.xlsx',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The import workbook of a template (zh headers; ?lang=en for English); cte may be all',
        params: Type.Object({ id: Type.String({ maxLength: 100 }), cte: Type.String({ maxLength: 100 }) }),
        querystring: Type.Object({
          lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')], { default: 'zh' })),
        }),
      },
    },
    async (request, reply) => {
      const { id, cte } = request.params as { id: string; cte: string };
      const { lang } = request.query as { lang?: 'zh' | 'en' };
      const ref = parseTemplateRef(id);
      const template = await scoped(request, (trx) => getTemplate(trx, ref.id, ref.version));
      if (!template) throw new DomainError('NOT_FOUND', `No template ${id}`);
      if (cte !== 'all' && !template.ctes.some((c) => c.id === cte))
        throw new DomainError(
          'NOT_FOUND',
          `Template ${templateRef(template)} has no CTE ${cte}; it has ${template.ctes.map((c) => c.id).join(', ')} (or all)`,
        );
      const file = await buildWorkbook(template, cte, lang ?? 'zh');
      const name = `${template.id}-${template.version}-${cte}.xlsx`;
      return reply.type(xlsxType).header('content-disposition', `attachment; filename="${name}"`).send(file);
    },
  );

  app.post(
    '/imports',
    {
      config: { access: 'capture' },
      bodyLimit: limit,
      onRequest: async (request) => {
        const length = Number(request.headers['content-length']);
        if (length > limit)
          throw new DomainError(
            'PAYLOAD_TOO_LARGE',
            `The file has ${length} bytes; imports accept at most ${limit} bytes (${Math.floor(limit / 1048576)} MB). Split it into several files.`,
          );
      },
      schema: {
        tags,
        security,
        summary: 'Import an Excel workbook or a CSV file (the raw file as the body); 202 with the import',
        description: `Content-Type ${xlsxType} or text/csv (UTF-8 with or without BOM, or GB 18030). What identifies the file is checked at once: a workbook of another template or CTE (its hidden marker), missing sheets, or a header row naming no field of its CTE are a 400 problem+json whose errors point at the query parameter (\`template\`, \`cte\`) or at the file (\`file\`, a sheet \`file/生产\`, a row \`file/生产/1\`); nothing is queued. The rows are then checked and stored by a durable job: follow Location. Rows already imported by the enterprise (the same values of the same template and CTE) are not stored again: the report counts them in rows.alreadyImported and lists them by sheet and row in alreadyImportedRows, and errors.xlsx marks them. With \`repeat=true\` such rows are stored as new events (a new delivery identical to an earlier one).`,
        querystring: ImportQuery,
        response: { 202: ImportView },
      },
    },
    async (request, reply) => {
      const file = request.body;
      if (!Buffer.isBuffer(file))
        throw new DomainError(
          'UNSUPPORTED_MEDIA_TYPE',
          `Send the file itself with Content-Type ${xlsxType} or text/csv, not ${request.headers['content-type'] ?? '(none)'}`,
        );
      const query = request.query as {
        template?: string;
        cte?: string;
        mode?: 'rollback' | 'proceed';
        repeat?: boolean;
        enterprise?: string;
        fileName?: string;
      };
      const format = formatOf(request.headers['content-type'], file);
      // Read outside the transaction: a large workbook must not hold a connection meanwhile.
      const outline = file.length > 0 ? await outlineUpload(format, file) : undefined;
      const id = await scoped(request, (trx) =>
        createImport(trx, request.principal, {
          file,
          format,
          ...(outline ? { outline } : {}),
          template: query.template,
          cte: query.cte,
          mode: query.mode ?? 'rollback',
          repeat: query.repeat ?? false,
          enterprise: query.enterprise,
          fileName: query.fileName,
        }),
      );
      await enqueueImport(app, id);
      const row = await scoped(request, (trx) => findImport(trx, id));
      return reply
        .status(202)
        .header('location', `/api/imports/${id}`)
        .send(importView(row as NonNullable<typeof row>));
    },
  );

  app.get(
    '/imports',
    {
      config: { access: 'capture' },
      schema: {
        tags,
        security,
        summary: 'Your recent imports (your enterprise’s), without their lists of errors and rows',
        querystring: Type.Object({
          perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 30 })),
        }),
        response: { 200: Type.Array(ImportView) },
      },
    },
    async (request) => {
      const { perPage } = request.query as { perPage?: number };
      return (await scoped(request, (trx) => listImports(trx, perPage ?? 30))).map(importView);
    },
  );

  app.get(
    '/imports/:id',
    {
      config: { access: 'capture' },
      schema: {
        tags,
        security,
        summary: 'An import: status, rows checked and stored, and the report of bad rows',
        params: IdParams,
        response: { 200: ImportView },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const row = await scoped(request, (trx) => findImport(trx, id));
      if (!row) throw new DomainError('NOT_FOUND', `No import ${id}`);
      return importView(row);
    },
  );

  app.get(
    '/imports/:id/errors.xlsx',
    {
      config: { access: 'capture' },
      schema: {
        tags,
        security,
        summary:
          'A copy of the uploaded file with an error column naming each bad cell and its problem, and a status column marking the rows already imported (已导入过，未重复保存)',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const row = await scoped(request, (trx) =>
        trx
          .selectFrom('imports')
          .select(['format', 'file', 'status', 'errors', 'already_imported', 'problem', 'file_name'])
          .where('id', '=', id)
          .executeTakeFirst(),
      );
      if (!row) throw new DomainError('NOT_FOUND', `No import ${id}`);
      if (row.status === 'queued' || row.status === 'running')
        throw new DomainError(
          'IMPORT_NOT_FINISHED',
          `Import ${id} is ${row.status}; its report is not ready yet`,
        );
      if (!row.file) throw new DomainError('NOT_FOUND', `The file of import ${id} is no longer kept`);
      if (row.problem)
        throw new DomainError(
          'NOT_FOUND',
          `Import ${id} has no error copy: the file itself was refused (${row.problem})`,
        );
      const file = await errorsWorkbook(
        row.format,
        row.file,
        row.errors as ImportIssue[],
        row.already_imported as RowRun[],
      );
      const name = `${(row.file_name ?? 'import').replace(/\.(xlsx|csv)$/i, '').replace(/[^\w.-]/g, '_')}-errors.xlsx`;
      return reply.type(xlsxType).header('content-disposition', `attachment; filename="${name}"`).send(file);
    },
  );
}
