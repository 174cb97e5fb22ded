import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';
import { DomainError } from './http/errors.js';
import { seedOnFirstStart } from './seed/auto.js';

/** Starts the platform: `npm start`, `suyuan serve`. Shuts down gracefully on SIGINT/SIGTERM. */
export async function serve(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp(config);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    timer.unref();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.ready();
  await seedOnFirstStart(app);
  await app.listen({ port: config.PORT, host: config.HOST });
}

export function reportStartupError(error: unknown): never {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof DomainError) {
    console.error(`suyuan: ${error.message}`);
    for (const e of error.errors) console.error(`  ${e.pointer}: ${e.message}`);
  } else if (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    /^[A-Z_]+$/.test(error.code)
  ) {
    console.error(`suyuan: ${error.message}`);
  } else console.error(error);
  process.exit(1);
}
