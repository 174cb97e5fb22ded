import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../app.js';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { packageRoot } from '../db/root.js';
import { permissionsMarkdown, routeTable } from './routes-table.js';

/** npm run docs:permissions — regenerates docs/permissions.md from the route declarations. */
const database = await openDatabase({ dataDir: 'memory://' });
await migrate(database.pool);
const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }), { database, worker: false });
await app.ready();
writeFileSync(join(packageRoot(), 'docs', 'permissions.md'), permissionsMarkdown(routeTable(app)));
await app.close();
await database.close();
console.log('written docs/permissions.md');
