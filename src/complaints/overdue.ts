import { sql } from 'kysely';
import type { ComplaintsDb } from './db.js';

export const overdueQueue = 'complaint-deadlines';
/** Every ten minutes: a deadline is hours or days, a flag at most ten minutes late. */
export const overdueCron = '*/10 * * * *';

const messages = {
  acknowledge:
    '逾期未受理：已提醒企业并报属地监管部门 (acknowledge deadline passed: enterprise reminded, regulators told)',
  answer:
    '逾期未答复：已提醒企业并报属地监管部门 (answer deadline passed: enterprise reminded, regulators told)',
} as const;

/**
 * Flags the complaints that passed a deadline (acknowledge 受理, answer 答复) while still open and
 * records the escalation on their timeline, once per stage: the handlers' lists and the regulators'
 * statistics show it without anyone having to open the complaint. Runs as the durable singleton job
 * `complaint-deadlines` (system work: every region).
 */
export async function flagOverdue(system: ComplaintsDb, now = new Date()) {
  return system.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: string; stage: 'acknowledge' | 'answer' }>`
      UPDATE complaints c SET overdue = s.stage, overdue_at = ${now}
      FROM (
        SELECT id, CASE
            WHEN answer_by < ${now} THEN 'answer'
            WHEN status = 'received' AND acknowledge_by < ${now} THEN 'acknowledge'
          END AS stage
        FROM complaints
        WHERE status IN ('received', 'acknowledged')
          AND (answer_by < ${now} OR (status = 'received' AND acknowledge_by < ${now}))
      ) s
      WHERE c.id = s.id AND s.stage IS NOT NULL
        AND (c.overdue IS NULL OR (c.overdue = 'acknowledge' AND s.stage = 'answer'))
      RETURNING c.id, s.stage`.execute(trx);
    if (rows.length > 0)
      await trx
        .insertInto('complaint_events')
        .values(
          rows.map((r) => ({
            complaint_id: r.id,
            at: now,
            actor: 'system',
            actor_kind: 'system' as const,
            action: 'overdue' as const,
            message: messages[r.stage],
            public: false,
          })),
        )
        .execute();
    return {
      acknowledge: rows.filter((r) => r.stage === 'acknowledge').length,
      answer: rows.filter((r) => r.stage === 'answer').length,
    };
  });
}
