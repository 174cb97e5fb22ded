import type { Principal } from '../../auth/principal.js';
import { DomainError } from '../../http/errors.js';
import { enterprisesVisibleTo, mayChangeFiling, notFound } from '../access.js';
import type { EnterpriseFiling, FilingStatus, PartiesDb } from '../db.js';
import { transact } from '../db.js';
import type { FilingBody } from './schema.js';

// The filing (备案) lifecycle: applied → filed → suspended / cancelled, suspended → filed again, and
// an application may be withdrawn or refused (applied → cancelled). Cancelled is final.
const next: Record<FilingStatus, FilingStatus[]> = {
  applied: ['filed', 'cancelled'],
  filed: ['suspended', 'cancelled'],
  suspended: ['filed', 'cancelled'],
  cancelled: [],
};

function historyView(row: EnterpriseFiling) {
  return {
    from: row.from_status,
    to: row.to_status,
    reason: row.reason,
    changedBy: row.changed_by,
    changedAt: row.changed_at,
  };
}

/** Moves an enterprise's filing to `to`, recording who, when and why in the same transaction. */
export async function changeFiling(
  db: PartiesDb,
  principal: Principal,
  creditCode: string,
  body: FilingBody,
) {
  const to = body.to as FilingStatus & ('filed' | 'suspended' | 'cancelled');
  return transact(db, async (trx) => {
    const row = await enterprisesVisibleTo(trx, principal)
      .selectAll()
      .where('credit_code', '=', creditCode)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound(`enterprise ${creditCode}`);
    if (!mayChangeFiling(principal, row, to)) {
      throw new DomainError(
        'FORBIDDEN',
        to === 'filed'
          ? 'Approving a filing needs a regulator of the enterprise region (today: an admin key)'
          : `Only a regulator (today: an admin key) may move a filing to ${to}`,
      );
    }
    if (!next[row.status].includes(to)) {
      const allowed = next[row.status];
      throw new DomainError('VALIDATION_FAILED', `A filing that is ${row.status} cannot become ${to}`, [
        {
          pointer: '/to',
          message: allowed.length
            ? `from ${row.status} only ${allowed.join(' or ')}`
            : `${row.status} is final`,
        },
      ]);
    }
    await trx
      .updateTable('enterprises')
      .set({ status: to, updated_at: new Date() })
      .where('credit_code', '=', creditCode)
      .execute();
    const entry = await trx
      .insertInto('enterprise_filings')
      .values({
        enterprise: creditCode,
        from_status: row.status,
        to_status: to,
        reason: body.reason,
        changed_by: principal.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { creditCode, status: to, change: historyView(entry) };
  });
}

export async function filingHistory(db: PartiesDb, principal: Principal, creditCode: string) {
  const row = await enterprisesVisibleTo(db, principal)
    .select(['credit_code', 'status'])
    .where('credit_code', '=', creditCode)
    .executeTakeFirst();
  if (!row) throw notFound(`enterprise ${creditCode}`);
  const history = await db
    .selectFrom('enterprise_filings')
    .selectAll()
    .where('enterprise', '=', creditCode)
    .orderBy('id')
    .execute();
  return { creditCode, status: row.status, history: history.map(historyView) };
}
