import { randomBytes } from 'node:crypto';
import { Command, InvalidArgumentError } from 'commander';
import { allScopes, createApiKey, type DeviceIdentity, deviceTypes, revokeApiKey } from './auth/api-keys.js';
import type { Principal, Scope } from './auth/principal.js';
import { loadConfig } from './config/config.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { registerImportCommand } from './imports/cli.js';
import { partiesDb } from './parties/db.js';
import { changeFiling } from './parties/enterprises/filing.js';
import type { EnterpriseBody } from './parties/enterprises/schema.js';
import { createEnterprise } from './parties/enterprises/service.js';
import { registerSeedCommand } from './seed/cli.js';
import { reportStartupError, serve } from './serve.js';
import { syncBuiltinTemplates } from './templates/repository.js';
import { traceTree } from './trace/tree.js';
import { createUser } from './users/service.js';

/** Opens the configured database for a one-off command (refused while a server holds the PGlite folder). */
async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.SUYUAN_DATA_DIR });
  try {
    await migrate(database.pool);
    await syncBuiltinTemplates(database.db);
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

function deviceOf(value: string): DeviceIdentity {
  const [type, ...rest] = value.split(':');
  const serial = rest.join(':');
  if (!deviceTypes.includes(type as DeviceIdentity['type']) || !serial)
    throw new InvalidArgumentError(`use TYPE:SERIAL with TYPE one of ${deviceTypes.join(', ')}`);
  return { type: type as DeviceIdentity['type'], serial };
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
  .option('--enterprise <creditCode>', 'the enterprise (统一社会信用代码) the key acts for')
  .option(
    '--device <type:serial>',
    `a device key: ${deviceTypes.join('|')} and the device's serial number`,
    deviceOf,
  )
  .action((options: { name: string; scope: Scope[]; enterprise?: string; device?: DeviceIdentity }) =>
    withDatabase(async (database) => {
      const key = await createApiKey(
        database.db,
        options.name,
        options.scope,
        options.enterprise,
        options.device,
      );
      console.log(
        `id:     ${key.id}\nscopes: ${key.scopes.join(',')}\nenterprise: ${options.enterprise ?? '(none)'}\nkey:    ${key.key}\n(shown once; store it now)`,
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

const enterprise = program.command('enterprise').description('enterprises (备案)');
enterprise
  .command('add')
  .description('file an enterprise directly (platform operators and CI); prints its credit code')
  .requiredOption('--credit-code <code>', '统一社会信用代码')
  .requiredOption('--name <name>', 'registered name')
  .requiredOption('--region <code>', 'GB/T 2260 county-level code')
  .option('--industry <keys>', 'comma-separated industries (food, drug, edible-farm …)', 'food')
  .option('--node-type <keys>', 'comma-separated node types (processor, supermarket …)', 'processor')
  .option('--legal-representative <name>', '法定代表人', '未填写')
  .option('--address <address>', 'address', '未填写')
  .option('--contact <name:phone>', 'contact person and phone', '联系人:13800000000')
  .action(
    (o: {
      creditCode: string;
      name: string;
      region: string;
      industry: string;
      nodeType: string;
      legalRepresentative: string;
      address: string;
      contact: string;
    }) =>
      withDatabase(async (database) => {
        const db = partiesDb(database.db);
        const operator: Principal = { id: 'cli', kind: 'user', scopes: new Set(['admin']) };
        const [contactName, phone] = o.contact.split(':');
        const created = await createEnterprise(db, operator, {
          creditCode: o.creditCode,
          name: o.name,
          legalRepresentative: o.legalRepresentative,
          contact: { name: contactName ?? '联系人', phone: phone ?? '13800000000' },
          region: o.region,
          address: o.address,
          industries: o.industry.split(','),
          nodeTypes: o.nodeType.split(','),
        } as EnterpriseBody);
        await changeFiling(db, operator, created.creditCode, {
          to: 'filed',
          reason: 'filed on the command line',
        });
        for (const w of created.warnings) console.log(`warning: ${w.pointer} ${w.message}`);
        console.log(`filed ${created.creditCode} ${created.name}`);
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

program
  .command('trace <code>')
  .description('print where a code came from and where it went, as a tree')
  .option('--direction <way>', 'back, forward or both', 'both')
  .option('--depth <n>', 'most hops from the code', '50')
  .option('--at <time>', 'the graph as it stood at this instant (ISO 8601)')
  .action((code: string, options: { direction: string; depth: string; at?: string }) =>
    withDatabase(async (database) => console.log(await traceTree(database.db, code, options))),
  );

registerSeedCommand(program, (fn) => withDatabase((database) => fn(database, loadConfig())));

registerImportCommand(program, (fn) => withDatabase((database) => fn(database, loadConfig())));

program.parseAsync().catch(reportStartupError);
