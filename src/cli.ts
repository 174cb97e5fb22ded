import { randomBytes } from 'node:crypto';
import { Command, InvalidArgumentError } from 'commander';
import { allScopes, createApiKey, revokeApiKey } from './auth/api-keys.js';
import type { Scope } from './auth/principal.js';
import { loadConfig } from './config/config.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { reportStartupError, serve } from './serve.js';
import { createUser } from './users/service.js';

/** Opens the configured database for a one-off command (refused while a server holds the PGlite folder). */
async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.SUYUAN_DATA_DIR });
  try {
    await migrate(database.pool);
    return await fn(database);
  } finally {
    await database.close();
  }
}

function scopes(value: string): Scope[] {
  const list = value.split(',').map((s) => s.trim()) as Scope[];
  const bad = list.filter((s) => !allScopes.includes(s));
  if (bad.length > 0)
    throw new InvalidArgumentError(`unknown scope ${bad.join(', ')}; use ${allScopes.join(', ')}`);
  return list;
}

const program = new Command('suyuan').description('suyuan 溯源: important-product traceability platform');

program
  .command('serve')
  .description('start the HTTP server (PORT, HOST, DATABASE_URL, SUYUAN_DATA_DIR …)')
  .action(() => serve());

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(() =>
    withDatabase(async (database) => {
      const applied = await migrate(database.pool);
      console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'the schema is up to date');
    }),
  );

const apikey = program.command('apikey').description('machine credentials');
apikey
  .command('create')
  .description('create an API key and print it once')
  .requiredOption('--name <name>', 'what the key is for')
  .option('--scope <scopes>', `comma-separated: ${allScopes.join(', ')}`, scopes, [
    'capture',
    'query',
  ] as Scope[])
  .action((options: { name: string; scope: Scope[] }) =>
    withDatabase(async (database) => {
      const key = await createApiKey(database.db, options.name, options.scope);
      console.log(
        `id:     ${key.id}\nscopes: ${key.scopes.join(',')}\nkey:    ${key.key}\n(shown once; store it now)`,
      );
    }),
  );
apikey
  .command('revoke <id>')
  .description('revoke an API key')
  .action((id: string) =>
    withDatabase(async (database) => {
      console.log((await revokeApiKey(database.db, id)) ? `revoked ${id}` : `no active key ${id}`);
    }),
  );

const admin = program.command('admin').description('platform administrators');
admin
  .command('create')
  .description(
    'create a platform administrator; the password comes from SUYUAN_ADMIN_PASSWORD or is generated and printed once',
  )
  .requiredOption('--username <username>', 'login name (a-z 0-9 . _ -)')
  .option('--name <displayName>', 'display name', '平台管理员')
  .action((options: { username: string; name: string }) =>
    withDatabase(async (database) => {
      const given = process.env.SUYUAN_ADMIN_PASSWORD;
      const password = given ?? randomBytes(18).toString('base64url');
      await createUser(database.db, {
        username: options.username,
        displayName: options.name,
        password,
        role: 'platform_admin',
      });
      console.log(
        `created administrator ${options.username}${given ? '' : `\npassword: ${password}\n(shown once; change it after logging in)`}`,
      );
    }),
  );

program.parseAsync().catch(reportStartupError);
