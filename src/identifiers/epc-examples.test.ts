import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { canonicalEpc } from './epc.js';
import { looksLikeDigitalLink } from './gs1/digital-link.js';

const EXAMPLES = fileURLToPath(new URL('../../../shared/epcis/examples/json/', import.meta.url));

function files(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.jsonld') ? [path] : [];
  });
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

const identifiers = [
  ...new Set(
    files(EXAMPLES)
      .flatMap((path) => strings(JSON.parse(readFileSync(path, 'utf8'))))
      .filter((value) => value.startsWith('urn:epc:') || looksLikeDigitalLink(value)),
  ),
];

describe('identifiers in the EPCIS 2.0 JSON examples', () => {
  test('are many', () => {
    expect(identifiers.length).toBeGreaterThan(100);
  });

  test('all canonicalise, apart from the company-prefix-wide pattern', () => {
    const failures = identifiers
      .map((value) => ({ value, result: canonicalEpc(value) }))
      .filter(({ result }) => !result.ok);
    expect(failures.map(({ value }) => value)).toEqual([]);
  });

  // The WithDigitalLinkID folder mirrors the 9.6.x examples; where it kept the same product the forms agree.
  test.each([
    ['urn:epc:class:lgtin:4012345.012345.998877', 'https://id.gs1.org/01/04012345123456/10/998877'],
    ['urn:epc:class:lgtin:0614141.077777.987', 'https://id.gs1.org/01/00614141777778/10/987'],
    ['urn:epc:idpat:sgtin:4012345.098765.*', 'https://id.gs1.org/01/04012345987652'],
    ['urn:epc:idpat:sgtin:4012345.066666.*', 'https://id.gs1.org/01/04012345666663'],
  ])('map %s to the mirrored %s', (urn, link) => {
    expect(identifiers).toContain(link);
    expect(canonicalEpc(urn)).toEqual({ ok: true, value: link });
  });
});
