import type { FastifyInstance } from 'fastify';
import { defaultSeed, describeDemo, isEmptyDatabase, seedDemo } from './seed.js';

/**
 * On the first start of an empty database, writes the small demo (SUYUAN_DEMO: `auto` only on the
 * embedded PGlite database, `1` on PostgreSQL too, `0` never). Logs the demo accounts loudly: their
 * passwords are published, so this is for trying suyuan out, not for production.
 */
export async function seedOnFirstStart(app: FastifyInstance): Promise<boolean> {
  const mode = app.config.SUYUAN_DEMO;
  if (mode === '0') return false;
  if (mode === 'auto' && app.database.kind !== 'pglite') return false;
  if (!(await isEmptyDatabase(app.database.db))) return false;
  app.log.info('empty database: writing the demo data (SUYUAN_DEMO=0 turns this off)');
  let summary: Awaited<ReturnType<typeof seedDemo>>;
  try {
    summary = await seedDemo(app.database, {
      size: 'small',
      seed: defaultSeed,
      prefix: app.config.SUYUAN_NODE_PREFIX,
    });
  } catch (error) {
    // The platform works without its demo: report and start anyway.
    app.log.error({ err: error }, 'could not write the demo data');
    return false;
  }
  app.log.warn(
    { enterprises: summary.enterprises, events: summary.events, seconds: summary.seconds },
    'DEMO DATA written: demo accounts with published passwords exist; do not use this database in production',
  );
  console.log(describeDemo(summary, app.config.SUYUAN_PUBLIC_URL));
  return true;
}
