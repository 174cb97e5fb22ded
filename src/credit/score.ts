import { sql } from 'kysely';
import { todayInChina } from '../parties/common.js';
import type { CreditDb } from './db.js';

// The credit score of an enterprise (企业信用评分). The formula is documented in README.md beside
// this file; keep the two in step.

export const windowDays = 365;
/** An event recorded more than this after it happened is a late report (数据报送及时性). */
export const lateAfterHours = 24;

export interface CreditIndicators {
  events: number;
  lateEvents: number;
  warnings: { high: number; medium: number; low: number } | null;
  recalls: { severity: number; orderedBy: string }[];
  complaints: number;
  overdueComplaints: number;
  spotChecks: { pass: number; fail: number };
  blacklisted: { reason: string; from: string; to: string | null } | null;
}

export interface CreditTerm {
  term: 'reporting' | 'warnings' | 'recalls' | 'complaints' | 'spotChecks';
  points: number;
  note: string;
}

const cap = (value: number, limit: number) => Math.min(value, limit);
const round1 = (n: number) => Math.round(n * 10) / 10;

/** Pure: indicators → terms, score and grade. */
export function scoreOf(i: CreditIndicators) {
  const terms: CreditTerm[] = [];
  terms.push(
    i.events === 0
      ? { term: 'reporting', points: -5, note: 'no events reported in the window (未报送数据)' }
      : {
          term: 'reporting',
          points: -round1((20 * i.lateEvents) / i.events),
          note: `${i.lateEvents} of ${i.events} events reported more than ${lateAfterHours} h late`,
        },
  );
  terms.push(
    i.warnings === null
      ? { term: 'warnings', points: 0, note: 'no warnings table on this node: term left at zero' }
      : {
          term: 'warnings',
          points: -cap(3 * i.warnings.high + 2 * i.warnings.medium + i.warnings.low, 20),
          note: `${i.warnings.high} high, ${i.warnings.medium} medium, ${i.warnings.low} low (dismissed ones not counted)`,
        },
  );
  const recallPoints = i.recalls.reduce(
    (sum, r) => sum + ({ 1: 15, 2: 10, 3: 5 }[r.severity] ?? 5) * (r.orderedBy === 'enterprise' ? 0.5 : 1),
    0,
  );
  terms.push({
    term: 'recalls',
    points: -cap(recallPoints, 30),
    note: `${i.recalls.length} recalls (voluntary ones count half)`,
  });
  terms.push({
    term: 'complaints',
    points: -(cap(i.complaints, 10) + cap(2 * i.overdueComplaints, 10)),
    note: `${i.complaints} complaints, ${i.overdueComplaints} handled late or overdue`,
  });
  terms.push({
    term: 'spotChecks',
    points: cap(i.spotChecks.pass, 5) - cap(10 * i.spotChecks.fail, 30),
    note: `${i.spotChecks.pass} passed, ${i.spotChecks.fail} failed`,
  });
  let score = terms.reduce((s, t) => s + t.points, 100);
  score = Math.max(0, Math.min(100, round1(score)));
  if (i.blacklisted) score = Math.min(score, 40);
  const grade = score >= 90 ? 'A' : score >= 75 ? 'B' : score >= 60 ? 'C' : 'D';
  return { score, grade, terms };
}

async function warningCounts(db: CreditDb, enterprise: string, since: Date) {
  const { rows } = await sql<{
    present: boolean;
  }>`SELECT to_regclass('public.warnings') IS NOT NULL AS present`.execute(db);
  if (!rows[0]?.present) return null;
  const counts = await sql<{ severity: string; n: string }>`
    SELECT severity, count(*) AS n FROM warnings
    WHERE enterprise = ${enterprise} AND raised_at >= ${since} AND status <> 'dismissed'
    GROUP BY severity`.execute(db);
  const of = (s: string) => Number(counts.rows.find((r) => r.severity === s)?.n ?? 0);
  return { high: of('high'), medium: of('medium'), low: of('low') };
}

/** Reads the indicators of one enterprise over the window, as the owner (counts across every table). */
export async function indicatorsOf(
  system: CreditDb,
  enterprise: string,
  now = new Date(),
): Promise<CreditIndicators> {
  const since = new Date(now.getTime() - windowDays * 86_400_000);
  const today = todayInChina(now);
  const events = await sql<{ n: string; late: string }>`
    SELECT count(*) AS n,
      count(*) FILTER (WHERE record_time - event_time > make_interval(hours => ${lateAfterHours})) AS late
    FROM events WHERE owner_enterprise = ${enterprise} AND record_time >= ${since}
      AND error_declaration_time IS NULL`.execute(system);
  const recalls = await system
    .selectFrom('recalls')
    .select(['severity', 'ordered_by'])
    .where('enterprise', '=', enterprise)
    .where('opened_at', '>=', since)
    .execute();
  const complaints = await sql<{ n: string; overdue: string }>`
    SELECT count(*) AS n,
      count(*) FILTER (WHERE (status = 'received' AND acknowledge_by < ${now})
        OR (status IN ('received', 'acknowledged') AND answer_by < ${now})
        OR (answered_at IS NOT NULL AND answered_at > answer_by)) AS overdue
    FROM complaints WHERE enterprise = ${enterprise} AND created_at >= ${since}
      AND NOT unfounded`.execute(system);
  const checks = await sql<{ pass: string; fail: string }>`
    SELECT count(*) FILTER (WHERE result = 'pass') AS pass, count(*) FILTER (WHERE result = 'fail') AS fail
    FROM spot_checks WHERE enterprise = ${enterprise} AND checked_on >= ${todayInChina(since)}::date`.execute(
    system,
  );
  const listed = await system
    .selectFrom('blacklist')
    .select(['reason', 'listed_from', 'listed_to'])
    .where('enterprise', '=', enterprise)
    .where('removed_at', 'is', null)
    .where('listed_from', '<=', today)
    .where((eb) => eb.or([eb('listed_to', 'is', null), eb('listed_to', '>=', today)]))
    .executeTakeFirst();
  return {
    events: Number(events.rows[0]?.n ?? 0),
    lateEvents: Number(events.rows[0]?.late ?? 0),
    warnings: await warningCounts(system, enterprise, since),
    recalls: recalls.map((r) => ({ severity: r.severity, orderedBy: r.ordered_by })),
    complaints: Number(complaints.rows[0]?.n ?? 0),
    overdueComplaints: Number(complaints.rows[0]?.overdue ?? 0),
    spotChecks: { pass: Number(checks.rows[0]?.pass ?? 0), fail: Number(checks.rows[0]?.fail ?? 0) },
    blacklisted: listed
      ? { reason: listed.reason, from: String(listed.listed_from), to: listed.listed_to }
      : null,
  };
}

export async function creditOf(system: CreditDb, enterprise: string, now = new Date()) {
  const indicators = await indicatorsOf(system, enterprise, now);
  return {
    enterprise,
    asOf: now.toISOString(),
    windowDays,
    ...scoreOf(indicators),
    indicators,
    formula: 'src/credit/README.md',
  };
}
