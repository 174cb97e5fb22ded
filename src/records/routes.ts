import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { DomainError } from '../http/errors.js';
import { storeRecords } from '../templates/engine.js';
import type { RecordInput } from '../templates/model.js';

/** At most this many records per request (larger sets go through imports). */
export const maxRecords = 1000;

/**
 * POST /api/records: plain-JSON records against an industry template, converted to EPCIS events and
 * stored through the capture path (so every capture rule applies).
 */
export async function recordRoutes(app: FastifyInstance): Promise<void> {
  app.post(
    '/records',
    {
      config: { access: 'capture' },
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags: ['Records'],
        summary:
          'Record one CTE ({template, cte, fields}) or a batch ({records: [...]}) against an industry template',
        description:
          'All-or-nothing by default; `?mode=proceed` stores the valid records and reports the others. ' +
          `At most ${maxRecords} records per request. Errors point at /records/N/fields/NAME (or /fields/NAME for one record).`,
        security: [{ apiKey: [] }],
        querystring: Type.Object({
          mode: Type.Optional(Type.Union([Type.Literal('rollback'), Type.Literal('proceed')])),
        }),
        // one record {template, cte, fields} or {records: [...]}; checked record by record so
        // every problem gets its own pointer
        body: Type.Object({}, { additionalProperties: true }),
      },
    },
    async (request, reply) => {
      const body = request.body as Record<string, unknown>;
      const mode = (request.query as { mode?: 'rollback' | 'proceed' }).mode ?? 'rollback';
      const batch = Array.isArray(body.records);
      const records = (batch ? body.records : [body]) as RecordInput[];
      if (records.length > maxRecords) {
        throw new DomainError(
          'PAYLOAD_TOO_LARGE',
          `The request holds ${records.length} records; at most ${maxRecords} per request (use an import for more)`,
        );
      }
      const principal = request.principal;
      // Events are written as the system, as every capture channel does (no insert policy on events);
      // the capturer decides the owner.
      const result = await app.database.db.transaction().execute(async (trx) => {
        const outcome = await storeRecords(
          trx,
          { principal: principal.id, enterprise: principal.enterprise ?? null },
          records,
          mode,
        );
        const errors = outcome.issues.map((i) => ({
          pointer: batch ? `/records/${i.index}${i.pointer}` : i.pointer,
          message: i.message,
        }));
        if (outcome.stored === 0 && errors.length > 0) {
          throw new DomainError(
            'VALIDATION_FAILED',
            `${new Set(outcome.issues.map((i) => i.index)).size} of ${records.length} record(s) are invalid; nothing was stored`,
            errors,
          );
        }
        return { ...outcome, errors };
      });
      return reply.status(result.errors.length === 0 ? 201 : 200).send({
        stored: result.stored,
        eventIDs: result.eventIds,
        ...(result.errors.length > 0 ? { errors: result.errors } : {}),
      });
    },
  );
}
