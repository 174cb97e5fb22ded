import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from '../db/root.js';
import type { Template } from './model.js';
import { validateTemplate, withDefaults } from './schema.js';

/** src/templates/builtin of the package: the same folder from src/ (tests) and dist/src/ (built). */
export function builtinDir(): string {
  return join(packageRoot(), 'src', 'templates', 'builtin');
}

/** Parses and checks one template file; throws with every problem named. */
export function parseTemplateFile(text: string, file: string): Template {
  const body = withDefaults(parse(text) as unknown);
  const issues = validateTemplate(body);
  if (issues.length > 0) {
    throw new Error(
      `${file}: invalid template\n${issues
        .slice(0, 20)
        .map((i) => `  ${i.pointer}: ${i.message}`)
        .join('\n')}`,
    );
  }
  return body as Template;
}

let cache: Template[] | undefined;

/** Every built-in template version, read once per process. */
export function builtinTemplates(dir = builtinDir()): Template[] {
  if (dir === builtinDir() && cache) return cache;
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const templates = files.map((f) => parseTemplateFile(readFileSync(join(dir, f), 'utf8'), f));
  const seen = new Set<string>();
  for (const t of templates) {
    const key = `${t.id}@${t.version}`;
    if (seen.has(key)) throw new Error(`built-in template ${key} is defined twice`);
    seen.add(key);
  }
  if (dir === builtinDir()) cache = templates;
  return templates;
}
