import { type RawBuilder, sql } from 'kysely';

/**
 * Why an enterprise is on the quality blacklist (质量失信黑名单, table `blacklist` of the credit
 * module, migration 0032) on a day, as SQL text, or NULL: an entry not removed whose period covers
 * the day.
 */
export function blacklistReason(
  enterprise: RawBuilder<unknown>,
  day: RawBuilder<unknown>,
): RawBuilder<string | null> {
  return sql<string | null>`(
    SELECT bl.reason FROM blacklist bl
    WHERE bl.enterprise = ${enterprise} AND bl.removed_at IS NULL
      AND bl.listed_from <= ${day} AND (bl.listed_to IS NULL OR bl.listed_to >= ${day})
    ORDER BY bl.listed_from DESC LIMIT 1)`;
}
