import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileSchema } from './compiler.js';
import {
  BizStep,
  BizTransactionType,
  type CbvVocabulary,
  Component,
  cbvTerms,
  Disposition,
  ErrorReason,
  measurementTypes,
  SourceDestType,
} from './schema/vocabulary.js';

// Fixtures only: /work/main -> ../shared/epcis
const shared = resolve(fileURLToPath(import.meta.url), '../../../../../shared/epcis');
const ttl = readFileSync(resolve(shared, 'ontology/CBV.ttl'), 'utf8');
const officialSchema = JSON.parse(readFileSync(resolve(shared, 'EPCIS-JSON-Schema.json'), 'utf8')) as {
  definitions: Record<string, { anyOf?: { enum?: string[] }[] }>;
};

/** CBV.ttl class name of each vocabulary (cbv:BizStep-shipping, cbv:Disp-active …). */
const classes: Record<CbvVocabulary, string> = {
  bizStep: 'BizStep',
  disposition: 'Disp',
  bizTransactionType: 'BTT',
  sourceDestType: 'SDT',
  errorReason: 'ER',
  component: 'Comp',
};
const schemas = {
  bizStep: BizStep,
  disposition: Disposition,
  bizTransactionType: BizTransactionType,
  sourceDestType: SourceDestType,
  errorReason: ErrorReason,
  component: Component,
};
const officialNames: Record<CbvVocabulary, string> = {
  bizStep: 'bizStep',
  disposition: 'disposition',
  bizTransactionType: 'bizTransaction-type',
  sourceDestType: 'source-dest-type',
  errorReason: 'error-reason',
  component: 'component',
};

/** Terms of a vocabulary in CBV.ttl, with their URN (owl:sameAs) where there is one. */
function ttlTerms(vocabulary: CbvVocabulary): Map<string, string | undefined> {
  const terms = new Map<string, string | undefined>();
  const blocks = ttl.split(/\n(?=cbv:)/);
  for (const block of blocks) {
    const match = new RegExp(`^cbv:${classes[vocabulary]}-(\\w+)\\s`).exec(block);
    if (match?.[1])
      terms.set(match[1], /owl:sameAs\s+<(urn:[^>]+)>/.exec(block.split(/ \.\n/)[0] ?? '')?.[1]);
  }
  return terms;
}

const officialEnum = (name: string): string[] =>
  officialSchema.definitions[name]?.anyOf?.flatMap((branch) => branch.enum ?? []) ?? [];

describe.each(Object.keys(classes) as CbvVocabulary[])('the CBV %s vocabulary', (vocabulary) => {
  const check = compileSchema(schemas[vocabulary]);
  const terms = ttlTerms(vocabulary);

  it('has the terms of CBV.ttl and of the official schema', () => {
    expect([...cbvTerms[vocabulary]].sort()).toEqual([...terms.keys()].sort());
    expect([...cbvTerms[vocabulary]].sort()).toEqual(officialEnum(officialNames[vocabulary]).sort());
  });

  it('accepts each term in bare, Web URI and URN form', () => {
    for (const [term, urn] of terms) {
      const forms = [term, `https://ref.gs1.org/cbv/${classes[vocabulary]}-${term}`, ...(urn ? [urn] : [])];
      for (const form of forms) expect(check(form), form).toEqual([]);
    }
  });

  it('rejects an unknown term in the CBV namespaces, and accepts other URIs', () => {
    expect(check('no_such_term')).not.toEqual([]);
    expect(check(`https://ref.gs1.org/cbv/${classes[vocabulary]}-no_such_term`)).not.toEqual([]);
    expect(check('urn:epcglobal:cbv:x:no_such_term')).not.toEqual([]);
    expect(check('https://ns.example.com/voc/my_term')).toEqual([]);
  });
});

it('has the measurement types of the official schema', () => {
  expect([...measurementTypes].sort()).toEqual(officialEnum('measurementType').sort());
});
