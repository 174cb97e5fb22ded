// `npm run web:api`: regenerates web/src/api/openapi.ts from a freshly built app's OpenAPI document.
import { writeFileSync } from 'node:fs';
import { buildApp } from '../app.js';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { openApiTypes } from './api-types.js';
import { webRoot } from './assets.js';

const database = await openDatabase({ dataDir: 'memory://' });
await migrate(database.pool);
const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }), { database, worker: false });
await app.ready();
const file = new URL('src/api/openapi.ts', webRoot.source);
writeFileSync(file, openApiTypes(app.swagger() as Parameters<typeof openApiTypes>[0]));
await app.close();
await database.close();
console.log(`wrote ${file.pathname}`);
