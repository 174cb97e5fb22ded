import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { packageRoot } from '../src/db/root.js';
import type { Backend } from './databases.js';

/** `--backend both|pglite|postgres` as a list. */
export function backendsOf(option: string): Backend[] {
  return option === 'both' ? ['pglite', 'postgres'] : [option as Backend];
}

export const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');

/** Two decimals, for the printed tables. */
export const round2 = (n: number): number => Math.round(n * 100) / 100;

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

export function progress(label: string, total: number): { increment(): void; stop(): void } {
  if (!process.stderr.isTTY) return { increment() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label.padEnd(18)} {bar} {value}/{total} {duration_formatted}`, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { increment: () => bar.increment(), stop: () => bar.stop() };
}

/** Prints a table and writes the figures as JSON to bench/results/<name>-<timestamp>.json. */
export function publish(name: string, rows: Record<string, unknown>[], targets: string[]): string {
  console.table(rows);
  for (const t of targets) console.log(t);
  const dir = join(packageRoot(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ name, at: new Date().toISOString(), rows, targets }, null, 2));
  console.log(`written ${file}`);
  return file;
}
