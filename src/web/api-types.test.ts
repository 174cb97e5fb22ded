import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { openApiTypes, schemaType } from './api-types.js';
import { webRoot } from './assets.js';

describe('the web app API client types', () => {
  const ctx = useApp('pglite');

  it('match the OpenAPI document of a freshly built app (else run `npm run web:api`)', () => {
    const expected = openApiTypes(ctx.app.swagger() as Parameters<typeof openApiTypes>[0]);
    const committed = readFileSync(new URL('src/api/openapi.ts', webRoot.source), 'utf8');
    if (committed !== expected) {
      const a = committed.split('\n');
      const b = expected.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      expect.fail(
        `web/src/api/openapi.ts no longer matches the server's OpenAPI document (first difference at line ${line + 1}: ` +
          `${JSON.stringify(a[line])} vs ${JSON.stringify(b[line])}). Update it with: npm run web:api`,
      );
    }
    expect(committed).toContain("'/api/trace/{code}'");
  });

  it('writes TypeBox schemas as TypeScript types', () => {
    expect(schemaType({ anyOf: [{ type: 'string', enum: ['a'] }, { type: 'null' }] })).toBe("'a' | null");
    expect(schemaType({ type: 'array', items: { type: 'integer' } })).toBe('number[]');
    expect(
      schemaType({
        type: 'object',
        required: ['a'],
        properties: { a: { type: 'string' }, 'b-c': { const: 1 } },
      }),
    ).toBe("{\n  a: string;\n  'b-c'?: 1;\n}");
    expect(schemaType({ type: 'object', additionalProperties: { type: 'boolean' } })).toBe(
      '{\n  [key: string]: boolean;\n}',
    );
    expect(schemaType({ $ref: '#/components/schemas/Event' })).toBe("components['schemas']['Event']");
  });

  it('types a route with path and query parameters and a body the way openapi-fetch reads them', () => {
    const text = openApiTypes({
      paths: {
        '/x/{id}': {
          post: {
            parameters: [
              { in: 'path', name: 'id', required: true, schema: { type: 'string' } },
              { in: 'query', name: 'depth', required: true, schema: { type: 'integer', default: 5 } },
            ],
            requestBody: {
              required: true,
              content: {
                'application/json': { schema: { type: 'object', properties: { n: { type: 'number' } } } },
              },
            },
            responses: { '201': {} },
          },
        },
      },
    });
    expect(text).toContain('query?: {\n          depth?: number;');
    expect(text).toContain('path: {\n          id: string;');
    expect(text).toContain('requestBody: {');
    expect(text).toContain('201: {');
  });
});
