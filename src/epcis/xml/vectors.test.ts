import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { documentEventHashes, documentPreHashStrings } from '../hash/index.js';
import { validateDocument } from '../validation/index.js';
import { xmlEventHashes, xmlToDocument } from './index.js';

const shared = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/epcis');
const vectors = path.join(shared, 'hash-vectors');
const lines = (file: string): string[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
const read = (file: string) => xmlToDocument(readFileSync(file, 'utf8'));

/** Vectors whose XML has user extensions named …List: their JSON-LD hash differs (see hash.ts). */
const EXTENSION_LISTS = ['epcisDocWithTransformationEventWithMultipleExtensions.xml'];

describe('XML hash vectors: the converted document hashes as the reference hashes the XML', () => {
  const examples = path.join(vectors, 'examples');
  const inputs = readdirSync(examples).filter((f) => f.endsWith('.xml'));
  it('finds the vectors', () => expect(inputs.length).toBe(17));
  for (const input of inputs) {
    const base = path.join(examples, input.slice(0, -4));
    if (!existsSync(`${base}.hashes`)) continue;
    it(`${input}: event hashes equal the .hashes file`, () => {
      const document = read(path.join(examples, input));
      expect(xmlEventHashes(document)).toEqual(lines(`${base}.hashes`));
      if (existsSync(`${base}.prehashes`) && !EXTENSION_LISTS.includes(input)) {
        expect(documentPreHashStrings(document)).toEqual(lines(`${base}.prehashes`));
        expect(documentEventHashes(document)).toEqual(lines(`${base}.hashes`));
      }
    });
  }
  for (const input of readdirSync(path.join(vectors, 'expected_equal')).filter((f) => f.endsWith('.xml'))) {
    it(`expected_equal/${input}: every event has the same hash`, () => {
      const hashes = documentEventHashes(read(path.join(vectors, 'expected_equal', input)));
      expect(hashes.length).toBeGreaterThan(1);
      expect(new Set(hashes).size).toBe(1);
    });
  }
});

/**
 * Examples that are not valid EPCIS 2.0 per the EPCIS 2.0 JSON Schema / CBV 2.0 (the same list as in
 * src/conformance/check.ts): the events with issues.
 */
const INVALID: Record<string, number[]> = {
  'Example-PersistentDisposition.xml': [0, 1], // persistentDisposition on AggregationEvent
  'WithExtension/TransactionEvent.xml': [0], // gs1:EffectiveDoseRate
  'WithSensorData/SensorDataExamples.xml': [7, 8, 10, 12, 13], // see check.ts
};

describe('GS1 XML examples convert to valid EPCIS 2.0 JSON-LD', () => {
  const root = path.join(shared, 'examples', 'xml');
  const files = walk(root).filter((f) => f.endsWith('.xml'));
  it('finds the examples', () => expect(files).toHaveLength(37));
  for (const file of files) {
    const xml = readFileSync(file, 'utf8');
    const name = path.relative(root, file);
    if (/EPCISCaptureJob|EPCISMasterDataDocument/.test(xml)) {
      it(`${name} is not a capture document and is refused`, () => {
        expect(() => xmlToDocument(xml)).toThrow(/not a capture document/);
      });
      continue;
    }
    it(name, () => {
      const issues = validateDocument(xmlToDocument(xml), { maxIssues: 1000 });
      const events = new Set(issues.map((i) => Number(i.pointer.split('/')[3])));
      expect([...events].sort((a, b) => a - b)).toEqual(INVALID[name] ?? []);
    });
  }
});
