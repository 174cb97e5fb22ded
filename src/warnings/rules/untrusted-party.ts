import { sql } from 'kysely';
import { todayInChina } from '../../parties/common.js';
import type { CandidateColumns, Rule } from '../model.js';
import { blacklistReason } from './blacklist.js';
import { enterpriseOfParty } from './common.js';

/**
 * 与黑名单或无证主体交易: an event names as source or destination an enterprise that is on the quality
 * blacklist, whose filing is suspended or cancelled, or that holds no valid licence on the day.
 */
export const untrustedParty: Rule = {
  id: 'untrusted-party',
  name: { zh: '与黑名单或无证主体交易', en: 'Trading with a blacklisted or unlicensed party' },
  description: {
    zh: '交易对方在质量失信黑名单上、备案被暂停或注销，或在交易日没有有效许可证（有许可证记录但均已过期；设置“必须持证”时没有任何有效许可证也预警）。',
    en: 'The counterparty is blacklisted, its filing is suspended or cancelled, or it holds no licence valid on the day.',
  },
  severity: 'high',
  parameters: [
    {
      name: 'requireLicence',
      type: 'boolean',
      default: false,
      label: { zh: '交易对方必须持有有效许可证', en: 'Counterparty must hold a valid licence' },
    },
  ],
  appliesTo: (events) => events.some((e) => e.event.parties.length > 0),
  onCapture(ctx) {
    // the distinct parties and days of the batch, from the events themselves: judged first, and the
    // events looked up only for a party that deserves a warning
    const pairs = new Map<string, [string, string]>();
    for (const { event } of ctx.events) {
      if (event.errorDeclarationTime !== null) continue;
      const day = todayInChina(new Date(event.eventTime));
      for (const p of event.parties) pairs.set(`${p.value} ${day}`, [p.value, day]);
    }
    const list = [...pairs.values()];
    const owner = sql`${ctx.enterprise}::text`;
    return sql<CandidateColumns>`
      WITH named AS (
        SELECT u.party, u.day, ${enterpriseOfParty(sql`u.party`)} AS counterparty
        FROM unnest(${list.map((p) => p[0])}::text[], ${list.map((p) => p[1])}::date[]) AS u(party, day)),
      pairs AS (
        SELECT * FROM named n WHERE n.counterparty IS NOT NULL AND n.counterparty IS DISTINCT FROM ${owner}),
      judged AS (
        SELECT n.*, en.status, ${blacklistReason(sql`n.counterparty`, sql`n.day`)} AS blacklisted,
          EXISTS (SELECT 1 FROM credentials c WHERE c.enterprise = n.counterparty AND c.kind = 'licence') AS has_licences,
          EXISTS (SELECT 1 FROM credentials c WHERE c.enterprise = n.counterparty AND c.kind = 'licence'
                  AND c.valid_from <= n.day AND (c.valid_to IS NULL OR c.valid_to >= n.day)) AS licensed
        FROM pairs n LEFT JOIN enterprises en ON en.credit_code = n.counterparty),
      reasons AS (
        SELECT j.*, CASE
          WHEN j.blacklisted IS NOT NULL THEN '在质量失信黑名单上：' || j.blacklisted
          WHEN j.status IN ('suspended', 'cancelled') THEN CASE j.status WHEN 'suspended' THEN '备案已暂停' ELSE '备案已注销' END
          WHEN j.has_licences AND NOT j.licensed THEN '许可证均已过期'
          WHEN NOT j.licensed AND ${ctx.param('requireLicence', owner)} THEN '无有效许可证'
        END AS reason
        FROM judged j)
      SELECT DISTINCT ON (b.event_id, r.counterparty) 'party:' || b.event_id || ' ' || r.counterparty AS subject,
        ${owner} AS enterprise, NULL::text AS code,
        format('交易对方 %s %s', r.counterparty, r.reason) AS message,
        jsonb_build_object('events', jsonb_build_array(b.event_id), 'parties', jsonb_build_array(r.party, r.counterparty),
          'facts', jsonb_build_object('reason', r.reason, 'filing', r.status, 'day', r.day)) AS evidence
      FROM reasons r
      JOIN LATERAL (
        SELECT e.event_id FROM events e JOIN event_parties p ON p.event_pk = e.id
        WHERE e.id = ANY (${ctx.pks}::bigint[]) AND p.value = r.party AND e.error_declaration_time IS NULL
          AND (e.event_time AT TIME ZONE 'Asia/Shanghai')::date = r.day) b ON true
      WHERE r.reason IS NOT NULL`;
  },
};
