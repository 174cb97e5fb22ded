import cliProgress from 'cli-progress';
import { type Command, InvalidArgumentError } from 'commander';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { DomainError } from '../http/errors.js';
import { defaultSeed, describeDemo, type SeedSize, seedDemo } from './seed.js';

const sizes: SeedSize[] = ['small', 'medium', 'large'];

function size(value: string): SeedSize {
  if (!sizes.includes(value as SeedSize)) throw new InvalidArgumentError(`use ${sizes.join(', ')}`);
  return value as SeedSize;
}

function seedNumber(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new InvalidArgumentError('a whole number (up to 9 digits)');
  return Number(value);
}

type WithDatabase = <T>(fn: (database: Database, config: Config) => Promise<T>) => Promise<T>;

/** `suyuan seed --demo [--size small|medium|large] [--seed N]`. */
export function registerSeedCommand(program: Command, withDatabase: WithDatabase): void {
  program
    .command('seed')
    .description(
      'write demo data: enterprises, users, chains of every category, planted problems (idempotent)',
    )
    .requiredOption('--demo', 'the demo world (DEMO ONLY: its accounts have published passwords)')
    .option(
      '--size <size>',
      'small (the chains), medium (+200,000 events) or large (+10 million events)',
      size,
      'small',
    )
    .option('--seed <n>', 'the seed: the same seed gives the same codes', seedNumber, defaultSeed)
    .option('--writers <n>', 'medium and large on PostgreSQL: chunks written at once', seedNumber, 4)
    .action((options: { size: SeedSize; seed: number; writers: number }) =>
      withDatabase(async (database, config) => {
        if (options.size === 'large' && database.kind === 'pglite') {
          throw new DomainError(
            'VALIDATION_FAILED',
            '--size large (10 million events) is for PostgreSQL: set DATABASE_URL (medium works on both)',
          );
        }
        const bar = new cliProgress.SingleBar(
          {
            format: ' {stage} [{bar}] {percentage}% | {value}/{total} events | {duration_formatted}',
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        let current = '';
        bar.start(1, 0, { stage: 'starting' });
        const summary = await seedDemo(database, {
          size: options.size,
          seed: options.seed,
          prefix: config.SUYUAN_NODE_PREFIX,
          writers: Math.max(1, Math.min(options.writers, 8)),
          onProgress: (stage, done, total) => {
            if (stage !== current) {
              current = stage;
              bar.setTotal(Math.max(total, 1));
            }
            bar.update(done, { stage });
          },
        }).finally(() => bar.stop());
        console.log(describeDemo(summary, config.SUYUAN_PUBLIC_URL));
      }),
    );
}
