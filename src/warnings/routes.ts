import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { scoped } from '../db/scoped.js';
import { deleteRuleSetting, getRule, listRules, putRuleSetting } from './rule-settings.js';
import { runScan, scanCron, scanQueue } from './scan.js';
import {
  RuleParams,
  type RuleScopeQuery,
  RuleScopeQuery as RuleScopeSchema,
  type RuleSettingBody,
  RuleSettingBody as RuleSettingSchema,
  type StatsQuery,
  StatsQuery as StatsSchema,
  type WarningListQuery,
  WarningListQuery as WarningListSchema,
  WarningParams,
  type WarningPatch,
  WarningPatch as WarningPatchSchema,
} from './schema.js';
import { changeWarningStatus, getWarning, listWarnings, warningStats } from './service.js';

const security = [{ apiKey: [] }];
const warningTags = ['Warnings'];
const ruleTags = ['Warning rules'];

/** Early warning (预警) under /api: warnings, their statistics, rule parameters, the scheduled scan. */
export async function warningRoutes(app: FastifyInstance): Promise<void> {
  // A shutdown interrupts a running scan at its next step; pg-boss retries the job, which resumes
  // (in another process, or after the restart). This process stops fetching scans first, so it
  // does not pick the retry up again while it closes (each pick would use up a retry).
  const stopping = new AbortController();
  app.addHook('preClose', async () => {
    if (app.jobs.working) await app.jobs.boss.offWork(scanQueue);
    stopping.abort();
  });
  await app.jobs.define<{ now?: string }>(
    scanQueue,
    { policy: 'singleton', cron: scanCron, retryLimit: 5, expireInSeconds: 3600 },
    async (job) => {
      await runScan(
        app.database,
        job.id,
        stopping.signal,
        job.data?.now ? new Date(job.data.now) : undefined,
      );
    },
  );

  app.get(
    '/warnings',
    {
      config: { access: 'query' },
      schema: {
        tags: warningTags,
        security,
        summary: 'Warnings the caller may see (an enterprise its own, a regulator its region), newest first',
        querystring: WarningListSchema,
      },
    },
    async (request) => scoped(request, (trx) => listWarnings(trx, request.query as WarningListQuery)),
  );

  app.get(
    '/warnings/stats',
    {
      config: { access: 'query' },
      schema: {
        tags: warningTags,
        security,
        summary: 'Warnings counted by rule, region, industry, severity and status',
        querystring: StatsSchema,
      },
    },
    async (request) => scoped(request, (trx) => warningStats(trx, request.query as StatsQuery)),
  );

  app.post(
    '/warnings/scan',
    {
      config: { access: 'admin' },
      schema: {
        tags: warningTags,
        security,
        summary: 'Queue a scheduled scan now (it also runs every ten minutes)',
        body: Type.Optional(Type.Object({}, { additionalProperties: false })),
      },
    },
    async (_request, reply) => {
      const id = await app.jobs.send(scanQueue, {});
      return reply.status(202).send({ job: id });
    },
  );

  app.get(
    '/warnings/:id',
    {
      config: { access: 'query' },
      schema: {
        tags: warningTags,
        security,
        summary: 'One warning with its evidence and status history',
        params: WarningParams,
      },
    },
    async (request) => scoped(request, (trx) => getWarning(trx, (request.params as { id: string }).id)),
  );

  app.patch(
    '/warnings/:id',
    {
      config: { access: 'query' },
      schema: {
        tags: warningTags,
        security,
        summary:
          'Move a warning along new → acknowledged → resolved | dismissed, with a reason (regulators of its region)',
        params: WarningParams,
        body: WarningPatchSchema,
      },
    },
    async (request) =>
      scoped(request, (trx) =>
        changeWarningStatus(
          trx,
          request.principal,
          (request.params as { id: string }).id,
          request.body as WarningPatch,
        ),
      ),
  );

  app.get(
    '/rules',
    {
      config: { access: 'query' },
      schema: { tags: ruleTags, security, summary: 'Warning rules with their parameters and settings' },
    },
    async (request) => scoped(request, (trx) => listRules(trx)),
  );

  app.get(
    '/rules/:id',
    {
      config: { access: 'query' },
      schema: {
        tags: ruleTags,
        security,
        summary: 'One rule, its settings, and what applies in a region and industry',
        params: RuleParams,
        querystring: RuleScopeSchema,
      },
    },
    async (request) =>
      scoped(request, (trx) =>
        getRule(trx, (request.params as { id: string }).id, request.query as RuleScopeQuery),
      ),
  );

  app.put(
    '/rules/:id/settings',
    {
      config: { access: 'query' },
      bodyLimit: 64 * 1024,
      schema: {
        tags: ruleTags,
        security,
        summary:
          'Set a rule for a region and industry (regulators within their scope, administrators anywhere)',
        params: RuleParams,
        body: RuleSettingSchema,
      },
    },
    async (request) =>
      scoped(request, (trx) =>
        putRuleSetting(
          trx,
          request.principal,
          (request.params as { id: string }).id,
          request.body as RuleSettingBody,
        ),
      ),
  );

  app.delete(
    '/rules/:id/settings',
    {
      config: { access: 'query' },
      schema: {
        tags: ruleTags,
        security,
        summary: 'Remove the setting of a rule for a region and industry (back to the wider one)',
        params: RuleParams,
        querystring: RuleScopeSchema,
      },
    },
    async (request, reply) => {
      await scoped(request, (trx) =>
        deleteRuleSetting(
          trx,
          request.principal,
          (request.params as { id: string }).id,
          request.query as RuleScopeQuery,
        ),
      );
      return reply.status(204).send();
    },
  );
}
