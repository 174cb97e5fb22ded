import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { excelType } from '../trace/excel.js';
import { acknowledge, closeRecall, report } from './actions.js';
import { recallsDb, withRecallsDb } from './db.js';
import { listNotices, listRecalls, listReports } from './lists.js';
import { planRecall, writeRecall } from './open.js';
import { reminderCron, reminderQueue, remindSilentHolders } from './reminders.js';
import { recallPdf, recallWorkbook } from './report.js';
import { mayOversee } from './rights.js';
import {
  CloseBody,
  NoticeListQuery,
  RecallBody,
  RecallListQuery,
  RecallParams,
  ReportBody,
  ReportListQuery,
  WebhookBody,
} from './schema.js';
import { affectedCodes, getRecall } from './service.js';
import {
  deliver,
  deliveryQueue,
  listWebhooks,
  notifyHolders,
  registerWebhook,
  removeWebhook,
  retries,
} from './webhooks.js';

const tags = ['Recalls'];
const security = [{ apiKey: [] }];
type Id = { id: string };

/** Recall and emergency handling (问题产品召回及应急处置) under /api. */
export async function recallRoutes(app: FastifyInstance): Promise<void> {
  const system = recallsDb(app.database.db);
  const allowPrivate = app.config.SUYUAN_WEBHOOK_PRIVATE === '1';
  await app.jobs.define<{ delivery: string }>(
    deliveryQueue,
    { policy: 'standard', retryLimit: retries },
    async (job) => deliver(system, job.data.delivery, { allowPrivate }),
  );
  await app.jobs.define(reminderQueue, { policy: 'singleton', cron: reminderCron }, async () => {
    await remindSilentHolders(system, app.jobs);
  });

  app.post(
    '/recalls',
    {
      config: { access: 'user' },
      bodyLimit: 65536,
      schema: {
        tags,
        security,
        summary: 'Open a recall: voluntary (an enterprise, its own products) or ordered (a regulator)',
        body: RecallBody,
      },
    },
    async (request, reply) => {
      const plan = await planRecall(system, request.principal, request.body as RecallBody, (enterprise) =>
        withRecallsDb(request, (db) => mayOversee(db, enterprise)),
      );
      const id = await withRecallsDb(request, (db) => writeRecall(db, request.principal, plan));
      await notifyHolders(system, app.jobs, id);
      const detail = await withRecallsDb(request, (db) => getRecall(db, id));
      return reply.status(201).header('location', `/api/recalls/${id}`).send(detail);
    },
  );

  app.get(
    '/recalls',
    {
      config: { access: 'user' },
      schema: { tags, security, summary: 'Recalls you may see', querystring: RecallListQuery },
    },
    async (request) => withRecallsDb(request, (db) => listRecalls(db, request.query as RecallListQuery)),
  );

  app.get(
    '/recalls/notices',
    {
      config: { access: 'user' },
      schema: {
        tags,
        security,
        summary: 'Recall notices addressed to your enterprise (召回通知)',
        querystring: NoticeListQuery,
      },
    },
    async (request) =>
      withRecallsDb(request, (db) => listNotices(db, request.principal, request.query as NoticeListQuery)),
  );

  app.get(
    '/recalls/:id',
    {
      config: { access: 'user' },
      schema: {
        tags,
        security,
        summary: 'A recall: impact, holders with status, progress, timeline, affected regions',
        params: RecallParams,
      },
    },
    async (request) => withRecallsDb(request, (db) => getRecall(db, (request.params as Id).id)),
  );

  app.post(
    '/recalls/:id/acknowledge',
    {
      config: { access: 'user' },
      bodyLimit: 4096,
      schema: { tags, security, summary: 'A holder acknowledges its notice', params: RecallParams },
    },
    async (request) => {
      await withRecallsDb(request, (db) => acknowledge(db, request.principal, (request.params as Id).id));
      return { acknowledged: true };
    },
  );

  app.post(
    '/recalls/:id/reports',
    {
      config: { access: 'user' },
      bodyLimit: 8192,
      schema: {
        tags,
        security,
        summary: 'A holder reports quantities found, returned and destroyed (totals to date)',
        params: RecallParams,
        body: ReportBody,
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await withRecallsDb(request, (db) =>
            report(db, request.principal, (request.params as Id).id, request.body as ReportBody),
          ),
        ),
  );

  app.get(
    '/recalls/:id/reports',
    {
      config: { access: 'user' },
      schema: {
        tags,
        security,
        summary: "The holders' reports, newest first (a holder sees its own)",
        params: RecallParams,
        querystring: ReportListQuery,
      },
    },
    async (request) =>
      withRecallsDb(request, (db) =>
        listReports(db, (request.params as Id).id, request.query as ReportListQuery),
      ),
  );

  app.post(
    '/recalls/:id/close',
    {
      config: { access: 'user' },
      bodyLimit: 16384,
      schema: {
        tags,
        security,
        summary: 'Close a recall with its summary',
        params: RecallParams,
        body: CloseBody,
      },
    },
    async (request) =>
      withRecallsDb(request, async (db) => {
        const id = (request.params as Id).id;
        await closeRecall(db, request.principal, id, request.body as CloseBody);
        return getRecall(db, id);
      }),
  );

  app.get(
    '/recalls/:id/report.pdf',
    {
      config: { access: 'user' },
      schema: { tags, security, summary: 'The closure (or progress) report as PDF', params: RecallParams },
    },
    async (request, reply) => {
      const { id } = request.params as Id;
      const detail = await withRecallsDb(request, (db) => getRecall(db, id));
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="recall-${id}.pdf"`)
        .send(await recallPdf(detail));
    },
  );

  app.get(
    '/recalls/:id/report.xlsx',
    {
      config: { access: 'user' },
      schema: { tags, security, summary: 'The closure (or progress) report as Excel', params: RecallParams },
    },
    async (request, reply) => {
      const { id } = request.params as Id;
      const [detail, codes] = await withRecallsDb(request, async (db) => {
        const d = await getRecall(db, id);
        return [d, d.role === 'manager' ? await affectedCodes(db, id) : []] as const;
      });
      return reply
        .type(excelType)
        .header('content-disposition', `attachment; filename="recall-${id}.xlsx"`)
        .send(await recallWorkbook(detail, codes));
    },
  );

  app.post(
    '/webhooks',
    {
      config: { access: 'capture' },
      bodyLimit: 8192,
      schema: {
        tags,
        security,
        summary:
          'Register a webhook for recall notices, signed with a time (x-suyuan-signature: t=…,v1=HMAC)',
        body: WebhookBody,
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await withRecallsDb(request, (db) =>
            registerWebhook(db, request.principal, request.body as WebhookBody, allowPrivate),
          ),
        ),
  );

  app.get(
    '/webhooks',
    { config: { access: 'capture' }, schema: { tags, security, summary: 'Your webhooks' } },
    async (request) => withRecallsDb(request, (db) => listWebhooks(db)),
  );

  app.delete(
    '/webhooks/:id',
    {
      config: { access: 'capture' },
      schema: {
        tags,
        security,
        summary: 'Remove a webhook',
        params: Type.Object({ id: Type.String({ pattern: '^\\d{1,18}$' }) }),
      },
    },
    async (request, reply) => {
      await withRecallsDb(request, (db) => removeWebhook(db, (request.params as Id).id));
      return reply.status(204).send();
    },
  );
}
