import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  documentEventHashes,
  documentPreHashStrings,
  eventHash,
  hashPreHashString,
  preHashString,
} from './index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const vectors = path.resolve(repoRoot, '../shared/epcis/hash-vectors');
const examples = path.join(vectors, 'examples');

/**
 * `.prehashes` lines known not to match their `.hashes` line (shared/epcis/README.md): the `.hashes`
 * files are authoritative, so these lines are not compared.
 */
const DEFECTIVE_PREHASH_LINES: Record<string, number[]> = {
  epcisDocWithAllGS1Keys: [0],
  epcisDocWithCustomSchemaInContext: [1],
  epcisDocWithDefaultSchemaInContext: [1],
};

const lines = (file: string): string[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8'));
const exists = (file: string): boolean => readdirSync(path.dirname(file)).includes(path.basename(file));

const inputs = readdirSync(examples)
  .filter((f) => f.endsWith('.jsonld'))
  .sort();

describe('CBV 2.0 event hash: reference test vectors (JSON-LD inputs)', () => {
  it('finds the vectors', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(20);
  });

  for (const input of inputs) {
    const name = input.slice(0, -'.jsonld'.length);
    const doc = readJson(path.join(examples, input));
    const hashesFile = path.join(examples, `${name}.hashes`);
    const prehashesFile = path.join(examples, `${name}.prehashes`);

    it(`${name}: event hashes equal the .hashes file`, () => {
      expect(documentEventHashes(doc)).toEqual(lines(hashesFile));
    });

    if (exists(prehashesFile)) {
      it(`${name}: pre-hash strings equal the .prehashes file (except known-defective lines)`, () => {
        const actual = documentPreHashStrings(doc);
        const expected = lines(prehashesFile);
        expect(actual).toHaveLength(expected.length);
        const defective = DEFECTIVE_PREHASH_LINES[name] ?? [];
        expected.forEach((line, i) => {
          if (!defective.includes(i)) expect(actual[i]).toBe(line);
        });
      });
    }
  }

  it('the known-defective .prehashes lines really do not hash to the .hashes value', () => {
    for (const [name, indexes] of Object.entries(DEFECTIVE_PREHASH_LINES)) {
      const pre = lines(path.join(examples, `${name}.prehashes`));
      const hashes = lines(path.join(examples, `${name}.hashes`));
      for (const i of indexes) expect(hashPreHashString(pre[i] ?? '')).not.toBe(hashes[i]);
    }
  });
});

describe('CBV 2.0 event hash: per-event API', () => {
  it('preHashString / eventHash of single events agree with the document functions', () => {
    for (const input of inputs) {
      const doc = readJson(path.join(examples, input));
      if (JSON.stringify(doc).includes('ignoreFields')) continue;
      const body = doc.epcisBody as Record<string, unknown>;
      const results = body.queryResults as
        | { resultsBody: { eventList: Record<string, unknown>[] } }
        | undefined;
      const events = (results?.resultsBody.eventList ?? body.eventList) as Record<string, unknown>[];
      const hashes = documentEventHashes(doc);
      events.forEach((event, i) => {
        expect(eventHash(event, doc['@context'])).toBe(hashes[i]);
      });
    }
  });

  it('ignoreFields names top-level extensions to leave out', () => {
    const context = [
      'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
      { x: 'https://x.example/' },
    ];
    const event = {
      type: 'ObjectEvent',
      eventTime: '2020-01-01T00:00:00Z',
      action: 'OBSERVE',
      'x:hash': 'h',
    };
    expect(preHashString(event, context)).toContain('{https://x.example/}hash=h');
    expect(preHashString(event, context, { ignoreFields: ['x:hash'] })).not.toContain('hash');
  });
});
