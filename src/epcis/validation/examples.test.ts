import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createValidator } from './validate.js';

// Fixtures only: /work/main -> ../shared/epcis/examples/json
const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../..');
const examples = resolve(repoRoot, '../shared/epcis/examples/json');

function jsonld(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonld(path);
    return name.endsWith('.jsonld') ? [path] : [];
  });
}

const files = jsonld(examples).map((path) => relative(examples, path));
const read = (file: string): unknown => JSON.parse(readFileSync(join(examples, file), 'utf8'));

describe.each(['ajv', 'typebox'] as const)('the official examples, compiled with %s', (engine) => {
  const { validateDocument } = createValidator(engine);

  it('finds the 47 example documents', () => {
    expect(files).toHaveLength(47);
  });

  it.each(files.filter((f) => !f.includes('EPCISQueryDocument')))('accepts %s', (file) => {
    expect(validateDocument(read(file))).toEqual([]);
  });

  it('accepts the query document, as the capture binding of the standard does', () => {
    expect(validateDocument(read('EPCISQueryDocument.jsonld'))).toEqual([]);
  });

  it('reports issues in a query document at pointers into its results body', () => {
    const document = read('EPCISQueryDocument.jsonld') as {
      epcisBody: { queryResults: { resultsBody: { eventList: Record<string, unknown>[] } } };
    };
    delete document.epcisBody.queryResults.resultsBody.eventList[1]?.eventTime;
    expect(validateDocument(document)).toEqual([
      {
        pointer: '/epcisBody/queryResults/resultsBody/eventList/1/eventTime',
        message: 'eventTime is required',
      },
    ]);
  });
});
