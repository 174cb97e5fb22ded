import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
}

export function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

export function shortName(root: string, path: string): string {
  return relative(root, path);
}
