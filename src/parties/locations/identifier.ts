import { DomainError } from '../../http/errors.js';
import { canonicalEpc, parseGln } from '../../identifiers/index.js';

// A location's identifier is what EPCIS events name as readPoint / bizLocation, in the canonical
// form the capture path stores: a GS1 Digital Link SGLN when there is a GLN, else a suyuan URN.

export interface IdentifierInput {
  enterprise: string;
  enterpriseGln: string | null;
  seq: number;
  gln?: string | undefined;
  extension?: string | undefined;
}

export function locationIdentifier(input: IdentifierInput): string {
  let gln = input.enterpriseGln;
  if (input.gln !== undefined) {
    const parsed = parseGln(input.gln);
    if (!parsed.ok) {
      throw new DomainError('VALIDATION_FAILED', 'The GLN is invalid', [
        { pointer: '/gln', message: parsed.error },
      ]);
    }
    gln = parsed.value;
  }
  if (gln === null) {
    if (input.extension !== undefined) {
      throw new DomainError('VALIDATION_FAILED', 'A GLN extension needs a GLN', [
        { pointer: '/extension', message: 'the enterprise has no GLN; give the location its own gln' },
      ]);
    }
    return `urn:suyuan:loc:${input.enterprise}:${input.seq}`;
  }
  // A location with its own GLN is that GLN; one under the enterprise's GLN gets an extension.
  const extension = input.extension ?? (input.gln === undefined ? String(input.seq) : undefined);
  const uri = `https://id.gs1.org/414/${gln}${extension === undefined ? '' : `/254/${extension}`}`;
  const canonical = canonicalEpc(uri);
  if (!canonical.ok) {
    throw new DomainError('VALIDATION_FAILED', 'The location identifier is invalid', [
      { pointer: '/extension', message: canonical.error },
    ]);
  }
  return canonical.value;
}
