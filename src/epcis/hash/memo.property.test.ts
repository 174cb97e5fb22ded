import fc from 'fast-check';
import { beforeEach, describe, expect, test } from 'vitest';
import { makeDocument, makeEvent, rng } from '../../../bench/generate.js';
import { documentEventHashes, documentPreHashStrings, eventHash, preHashString } from './index.js';
import { clearHashCaches, hashCacheSize } from './memo.js';
import { canonise, canoniseUncached, treePreHash } from './prehash.js';
import { correctStructure, jsonToTree } from './tree.js';
import { contextNamespaces, expandedVocabulary, replaceBareValues } from './vocabulary.js';

const CONTEXT = [
  'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
  { suyuan: 'https://suyuan.example/ns/', ex: 'https://ns.example.com/' },
];

const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
/** Serial-like text: the allowed Digital Link characters, and some that are not or have a meaning. */
const serial = fc.string({ unit: fc.constantFrom(...'aZ09-._\'";<=>?/#%!():*+,中'), maxLength: 22 });
const host = fc.constantFrom(
  'https://id.gs1.org',
  'http://id.gs1.org',
  'https://idxgs1.org',
  'https://x.example',
);
const ai = fc.constantFrom('01', '00', '414', '417', '8006', '253', 'gtin', 'sscc', 'gln', 'party');
const qualifier = fc.constantFrom('', '/21/', '/10/', '/254/', '/22/', '/ser/', '/lot/', '/10/L/21/');
/** Digital Links on id.gs1.org with the key lengths of the fast path of canonise (or near them). */
const normalDl = fc
  .tuple(
    fc.constantFrom(['01', 14], ['00', 18], ['414', 13], ['417', 13], ['01', 13], ['00', 17]),
    fc.constantFrom('', '/21/', '/10/', '/254/', '/22/'),
    serial,
  )
  .chain(([[a, n], q, s]) => digits(Number(n)).map((d) => `https://id.gs1.org/${a}/${d}${q}${q ? s : ''}`));
/** Digital Links (normal and not), EPC URNs and other values that canonise may change. */
const identifier = fc.oneof(
  normalDl,
  fc
    .tuple(host, ai, fc.integer({ min: 7, max: 19 }).chain(digits), qualifier, serial)
    .map(([h, a, d, q, s]) => `${h}/${a}/${d}${q}${s}`),
  fc
    .tuple(
      fc.constantFrom('urn:epc:id:sgtin:', 'urn:epc:id:sscc:', 'urn:epc:id:sgln:', 'urn:epc:class:lgtin:'),
      digits(7),
      fc.integer({ min: 1, max: 10 }).chain(digits),
      serial,
    )
    .map(([p, c, r, s]) => `${p}${c}.${r}.${s}`),
  fc.constantFrom(
    'shipping',
    'in_transit',
    'Temperature',
    'urn:epcglobal:cbv:bizstep:receiving',
    '1.50',
    ' x ',
  ),
  fc.string(),
);

/** Realistic events (bench/generate.ts) with some properties replaced by random identifiers. */
const event = fc
  .tuple(fc.nat(), fc.nat(1_000_000), fc.array(identifier, { minLength: 1, maxLength: 6 }))
  .map(([seed, n, ids]) => {
    const e = makeEvent(rng(seed), n, Date.UTC(2026, 0, 1));
    const [first = '', ...rest] = ids;
    return {
      ...e,
      readPoint: { id: first },
      'ex:ids': rest,
      ...(rest.length > 2 ? { epcList: rest, bizStep: first } : {}),
    };
  });

/** The pre-hash string through the unfused steps: replaceBareValues, jsonToTree, correctStructure. */
function stepByStep(e: Record<string, unknown>): string {
  const expanded = expandedVocabulary(e, CONTEXT, false);
  const tree = correctStructure(jsonToTree(replaceBareValues(e, expanded), contextNamespaces(CONTEXT)));
  return treePreHash(tree, new Set());
}

describe('event hash caches never change a result', () => {
  beforeEach(() => clearHashCaches());

  test('an event hashed with warm caches has the hash of a cold call', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 8 }), (events) => {
        const warm = events.map((e) => eventHash(e, CONTEXT));
        const warmDocument = documentEventHashes(makeDocument(events));
        expect(hashCacheSize()).toBeGreaterThan(0);
        // Hashing again uses what the first round cached; then everything again from empty caches.
        expect(events.map((e) => eventHash(e, CONTEXT))).toEqual(warm);
        clearHashCaches();
        expect(documentEventHashes(makeDocument(events))).toEqual(warmDocument);
        clearHashCaches();
        events.forEach((e, i) => {
          clearHashCaches();
          expect(eventHash(e, CONTEXT)).toBe(warm[i]);
        });
      }),
      { numRuns: 300 },
    );
  });

  test('canonise (fast path and cache) gives what the uncached normalisation gives', () => {
    fc.assert(
      fc.property(identifier, (value) => {
        const cold = canoniseUncached(value);
        expect(canonise(value)).toBe(cold);
        expect(canonise(value)).toBe(cold); // now from the cache, unless on the fast path
      }),
      { numRuns: 3000 },
    );
  });

  test('the fused tree walk gives the pre-hash string of the step-by-step construction', () => {
    fc.assert(
      fc.property(event, (e) => {
        expect(preHashString(e, CONTEXT)).toBe(stepByStep(e));
      }),
      { numRuns: 300 },
    );
  });

  test('strings with surrogates are sorted in Python order (by code point)', () => {
    const e = { type: 'ObjectEvent', action: 'ADD', epcList: ['x\u{1F600}', 'x\uE000', 'xa'] };
    expect(preHashString(e, CONTEXT)).toBe(
      'eventType=ObjectEventepcListepc=xaepc=x\uE000epc=x\u{1F600}action=ADD',
    );
    expect(preHashString(e, CONTEXT)).toBe(stepByStep(e));
    const doc = makeDocument([e, makeEvent(rng(1), 1, 0)]);
    expect(documentPreHashStrings(doc)[0]).toBe(preHashString(e, CONTEXT));
  });
});
