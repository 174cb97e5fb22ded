import { randomBytes, randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/types.js';
import { DomainError } from '../http/errors.js';
import { canonicalEpc } from '../identifiers/epc.js';
import { parseGtin } from '../identifiers/gs1/keys.js';
import { lotSerialErrors } from '../identifiers/gs1/lot-serial.js';
import { issueSuyuanCode, SUYUAN_ALPHABET, type SuyuanKind } from '../identifiers/suyuan-code.js';
import { suyuanUri } from './code-uri.js';

export const maxIssue = 100_000;

export interface IssueRequest {
  scheme: 'suyuan' | 'gs1';
  kind: SuyuanKind;
  count: number;
  /** GTIN (required for gs1; for suyuan codes the product's GTIN or own product code). */
  product?: string;
  productName?: string;
  lot?: string;
  productionDate?: string;
  expiryDate?: string;
}

export interface IssuedBatch {
  batchId: string;
  count: number;
  codes: string[];
}

/** GS1 serial (AI 21) from the suyuan alphabet: 12 characters = 60 random bits, none of % & / < > ?. */
function gs1Serial(): string {
  const bytes = randomBytes(12);
  let s = '';
  for (const b of bytes) s += SUYUAN_ALPHABET.charAt(b & 31);
  return s;
}

function candidate(
  request: IssueRequest,
  prefix: string,
  gtin: string | undefined,
): { value: string; uri: string } {
  if (request.scheme === 'suyuan') {
    const value = issueSuyuanCode({ prefix, kind: request.kind });
    return { value, uri: suyuanUri(value) };
  }
  const lot = request.lot ? `/10/${encodeURIComponent(request.lot)}` : '';
  const parsed = canonicalEpc(`https://id.gs1.org/01/${gtin}${lot}/21/${gs1Serial()}`);
  if (!parsed.ok)
    throw new DomainError('VALIDATION_FAILED', parsed.error, [{ pointer: '/lot', message: parsed.error }]);
  return { value: parsed.value, uri: parsed.value };
}

function checkRequest(request: IssueRequest): void {
  const errors = [];
  if (request.lot !== undefined) {
    for (const message of lotSerialErrors(request.lot, 'lot')) errors.push({ pointer: '/lot', message });
  }
  for (const field of ['productionDate', 'expiryDate'] as const) {
    const value = request[field];
    if (value !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))) {
      errors.push({ pointer: `/${field}`, message: 'must be a date like 2026-05-01' });
    }
  }
  if (request.productionDate && request.expiryDate && request.expiryDate <= request.productionDate) {
    errors.push({ pointer: '/expiryDate', message: 'must be after productionDate' });
  }
  if (errors.length > 0)
    throw new DomainError('VALIDATION_FAILED', 'The issuance request is invalid', errors);
}

/**
 * Issues `count` new codes for the enterprise in one transaction. Candidates are random; the unique
 * indexes decide, and the few that collide with a code issued before (ever) are drawn again.
 */
export async function issueCodes(
  db: Kysely<DB>,
  owner: string,
  request: IssueRequest,
  nodePrefix: string,
): Promise<IssuedBatch> {
  if (!Number.isInteger(request.count) || request.count < 1 || request.count > maxIssue) {
    throw new DomainError('VALIDATION_FAILED', `count must be from 1 to ${maxIssue}`, [
      { pointer: '/count', message: `must be an integer from 1 to ${maxIssue}` },
    ]);
  }
  checkRequest(request);
  let gtin: string | undefined;
  let product: { name: string } | undefined;
  if (request.scheme === 'gs1') {
    const parsed = request.product ? parseGtin(request.product) : undefined;
    if (!parsed?.ok) {
      throw new DomainError('VALIDATION_FAILED', 'GS1 codes need the GTIN of the product', [
        {
          pointer: '/product',
          message: parsed && !parsed.ok ? parsed.error : 'a GTIN is required for scheme gs1',
        },
      ]);
    }
    gtin = parsed.value;
    product = await ownProduct(db, owner, gtin);
    if (request.kind !== 'item') {
      throw new DomainError('VALIDATION_FAILED', 'GS1 serials identify items', [
        {
          pointer: '/kind',
          message: 'scheme gs1 issues item codes (SGTIN); use scheme suyuan for lots and assets',
        },
      ]);
    }
  }
  const batchId = randomUUID();
  const inTransaction = <T>(work: (trx: Kysely<DB>) => Promise<T>) =>
    db.isTransaction ? work(db) : db.transaction().execute(work);
  return inTransaction(async (trx) => {
    const issued: string[] = [];
    for (let round = 0; issued.length < request.count && round < 5; round++) {
      const wanted = request.count - issued.length;
      const fresh = Array.from({ length: wanted }, () => candidate(request, nodePrefix, gtin));
      const { rows } = await sql<{ value: string }>`
        INSERT INTO codes (value, uri, scheme, kind, owner, product, product_name, lot, production_date, expiry_date, batch_id)
        SELECT v, u, ${request.scheme}, ${request.kind}, ${owner}, ${gtin ?? request.product ?? null},
          ${request.productName ?? product?.name ?? null}, ${request.lot ?? null}, ${request.productionDate ?? null}::date,
          ${request.expiryDate ?? null}::date, ${batchId}
        FROM unnest(${fresh.map((f) => f.value)}::text[], ${fresh.map((f) => f.uri)}::text[]) AS t(v, u)
        ON CONFLICT DO NOTHING
        RETURNING value`.execute(trx);
      issued.push(...rows.map((r) => r.value));
    }
    if (issued.length < request.count)
      throw new Error('could not draw unique codes; the code space is exhausted');
    return { batchId, count: issued.length, codes: issued };
  });
}

/** GS1 serials go under the enterprise's own GTINs: the product must be registered (/api/products). */
async function ownProduct(db: Kysely<DB>, owner: string, gtin: string): Promise<{ name: string }> {
  const { rows } = await sql<{
    name: string;
  }>`SELECT name FROM products WHERE enterprise = ${owner} AND gtin = ${gtin} LIMIT 1`.execute(db);
  const row = rows[0];
  if (!row) {
    throw new DomainError('VALIDATION_FAILED', `GTIN ${gtin} is not a product of your enterprise`, [
      { pointer: '/product', message: 'register the product first (POST /api/products)' },
    ]);
  }
  return row;
}

/**
 * Marks issued codes active when an event commissions them (bizStep commissioning, or an
 * ObjectEvent with action ADD). Called inside the capture transaction.
 */
export async function activateCodes(trx: Kysely<DB>, uris: string[], at: Date): Promise<void> {
  if (uris.length === 0) return;
  await sql`UPDATE codes SET state = 'active', activated_at = ${at}
    WHERE uri = ANY(${uris}::text[]) AND state = 'issued'`.execute(trx);
}

/**
 * Closes codes an event takes out of circulation for good: decommissioning or destroying, or an
 * ObjectEvent with action DELETE. A closed code is never issued again and resolves as closed.
 */
export async function closeCodes(trx: Kysely<DB>, closing: { uri: string; reason: string }[]): Promise<void> {
  if (closing.length === 0) return;
  await sql`UPDATE codes c SET state = 'closed', state_reason = x.reason
    FROM unnest(${closing.map((k) => k.uri)}::text[], ${closing.map((k) => k.reason)}::text[]) AS x(uri, reason)
    WHERE c.uri = x.uri AND c.state IN ('issued', 'active')`.execute(trx);
}

/**
 * Voids one of the owner's codes (a misprinted or lost label): it stays in the registry, is never
 * issued again, and resolves with a "void" warning from the very next response.
 */
export async function voidCode(
  trx: Kysely<DB>,
  owner: string,
  uri: string,
  reason: string,
): Promise<{ state: string } | undefined> {
  const { rows } = await sql<{ state: string }>`
    UPDATE codes SET state = 'void', state_reason = ${reason}
    WHERE uri = ${uri} AND owner = ${owner} AND state IN ('issued', 'active')
    RETURNING state`.execute(trx);
  return rows[0];
}
