// Writes the web app's typed API client types (web/src/api/openapi.ts) from the OpenAPI document
// that app.swagger() produces. openapi-typescript needs the TypeScript 5 JS API, which TypeScript 7
// does not have; this small generator covers what @fastify/swagger emits from TypeBox schemas.

type Schema = Record<string, unknown>;
type Doc = {
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};
interface Parameter {
  in: 'query' | 'path' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  summary?: string;
}

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const identifier = /^[A-Za-z_$][\w$]*$/;
const key = (name: string) =>
  identifier.test(name) ? name : `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const literal = (value: unknown) =>
  typeof value === 'string'
    ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
    : JSON.stringify(value);
const comment = (text: unknown, pad: string) =>
  typeof text === 'string' && text
    ? `${pad}/** ${text.replace(/\*\//g, '* /').replace(/\s+/g, ' ')} */\n`
    : '';

/** A TypeScript type for a JSON Schema (draft 2020-12 as TypeBox writes it). */
export function schemaType(schema: Schema | undefined, pad = ''): string {
  if (!schema || Object.keys(schema).length === 0) return 'unknown';
  if (typeof schema.$ref === 'string')
    return `components['schemas'][${literal(schema.$ref.split('/').pop())}]`;
  if ('const' in schema) return literal(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map(literal).join(' | ') || 'never';
  for (const combinator of ['anyOf', 'oneOf'] as const) {
    const list = schema[combinator];
    if (Array.isArray(list)) return union(list.map((s) => schemaType(s as Schema, pad)));
  }
  if (Array.isArray(schema.allOf))
    return schema.allOf.map((s) => paren(schemaType(s as Schema, pad))).join(' & ');
  const type = schema.type;
  if (Array.isArray(type)) return union(type.map((t) => schemaType({ ...schema, type: t }, pad)));
  switch (type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array': {
      if (Array.isArray(schema.prefixItems))
        return `[${schema.prefixItems.map((s) => schemaType(s as Schema, pad)).join(', ')}]`;
      return `${paren(schemaType(schema.items as Schema | undefined, pad))}[]`;
    }
    case 'object':
      return objectType(schema, pad);
    default:
      return schema.properties ? objectType(schema, pad) : 'unknown';
  }
}

function paren(type: string): string {
  return /^[\w$.'[\]]+$/.test(type) || type.startsWith('{') ? type : `(${type})`;
}

function union(types: string[]): string {
  const unique = [...new Set(types)];
  return unique.includes('unknown') ? 'unknown' : unique.join(' | ') || 'never';
}

function objectType(schema: Schema, pad: string): string {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  const inner = `${pad}  `;
  const lines = Object.entries(properties).map(
    ([name, s]) =>
      `${comment(s.description, inner)}${inner}${key(name)}${required.has(name) ? '' : '?'}: ${schemaType(s, inner)};`,
  );
  const extra = schema.additionalProperties;
  if (extra === true || (extra && typeof extra === 'object') || (extra === undefined && lines.length === 0)) {
    const value = extra && typeof extra === 'object' ? schemaType(extra as Schema, inner) : 'unknown';
    lines.push(`${inner}[key: string]: ${lines.length > 0 ? 'unknown' : value};`);
  }
  return `{\n${lines.join('\n')}\n${pad}}`;
}

function parametersType(parameters: Parameter[], pad: string): string {
  const inner = `${pad}  `;
  const lines = (['query', 'header', 'path', 'cookie'] as const).map((place) => {
    const list = parameters.filter((p) => p.in === place);
    if (list.length === 0) return `${inner}${place}?: never;`;
    const fields = list.map((p) => {
      const optional = !p.required || (p.schema !== undefined && 'default' in p.schema);
      return `${comment(p.description, `${inner}  `)}${inner}  ${key(p.name)}${optional ? '?' : ''}: ${schemaType(p.schema, `${inner}  `)};`;
    });
    const required = list.some((p) => p.required && !(p.schema && 'default' in p.schema));
    return `${inner}${place}${required ? '' : '?'}: {\n${fields.join('\n')}\n${inner}};`;
  });
  return `{\n${lines.join('\n')}\n${pad}}`;
}

function contentType(content: Record<string, { schema?: Schema }> | undefined, pad: string): string {
  const entries = Object.entries(content ?? { 'application/json': {} }).sort(([a], [b]) => (a < b ? -1 : 1));
  const inner = `${pad}  `;
  return `{\n${entries.map(([media, c]) => `${inner}${key(media)}: ${schemaType(c.schema, inner)};`).join('\n')}\n${pad}}`;
}

function operationType(op: Operation, pad: string): string {
  const inner = `${pad}  `;
  const lines = [`${inner}parameters: ${parametersType(op.parameters ?? [], inner)};`];
  const body = op.requestBody;
  lines.push(
    body?.content
      ? `${inner}requestBody${body.required ? '' : '?'}: {\n${inner}  content: ${contentType(body.content, `${inner}  `)};\n${inner}};`
      : `${inner}requestBody?: never;`,
  );
  const responses = Object.entries(op.responses ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  const r = `${inner}  `;
  lines.push(
    `${inner}responses: {\n${responses
      .map(
        ([status, response]) =>
          `${r}${/^\d+$/.test(status) ? status : key(status)}: {\n${r}  headers: { [name: string]: unknown };\n${r}  content: ${contentType(response.content, `${r}  `)};\n${r}};`,
      )
      .join('\n')}\n${inner}};`,
  );
  return `{\n${lines.join('\n')}\n${pad}}`;
}

/** The whole generated module: `paths` and `components` in the shape openapi-fetch expects. */
export function openApiTypes(doc: Doc): string {
  const paths = Object.entries(doc.paths ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  const out = [
    '// Generated from the OpenAPI document (GET /openapi.json) by `npm run web:api`. Do not edit:',
    '// test/web/api-types.test.ts fails when this file no longer matches the server.',
    '/* eslint-disable */',
    '',
    'export interface paths {',
  ];
  for (const [path, item] of paths) {
    const ops = methods.filter((m) => item[m]);
    out.push(`  ${key(path)}: {`);
    for (const m of ops) {
      const op = item[m] as Operation;
      out.push(`${comment(op.summary, '    ')}    ${m}: ${operationType(op, '    ')};`);
    }
    out.push('  };');
  }
  out.push('}', '', 'export interface components {', '  schemas: {');
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {}).sort(([a], [b]) =>
    a < b ? -1 : 1,
  ))
    out.push(`    ${key(name)}: ${schemaType(schema, '    ')};`);
  out.push('  };', '}', '');
  return out.join('\n');
}
