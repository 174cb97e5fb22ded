import type { FastifyRequest } from 'fastify';
import { scoped } from '../db/scoped.js';
import { DomainError } from '../http/errors.js';
import { canonicalCodeUri } from './code-uri.js';

/** The enterprise a request acts for; issuing and reading codes needs one. */
export function enterpriseOf(request: FastifyRequest): string {
  const enterprise = request.principal.enterprise;
  if (!enterprise) throw new DomainError('FORBIDDEN', 'This API key does not belong to an enterprise');
  return enterprise;
}

/** Finds a code of the caller's enterprise; another enterprise's code is answered as not found. */
export async function ownCode(request: FastifyRequest, raw: string) {
  const owner = enterpriseOf(request);
  const uri = canonicalCodeUri(raw);
  const row = await scoped(request, (trx) =>
    trx
      .selectFrom('codes')
      .selectAll()
      .where((eb) => eb.or([eb('value', '=', raw), eb('uri', '=', uri.ok ? uri.value : raw)]))
      .executeTakeFirst(),
  );
  if (!row || row.owner !== owner) throw new DomainError('NOT_FOUND', `Your enterprise has no code ${raw}`);
  return row;
}
