import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backends, useDatabase } from '../../test/database.js';
import { loadMigrations, migrate } from './migrate.js';

function migrationsIn(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return loadMigrations(dir);
}

describe.each(backends())('migrate [%s]', (backend) => {
  const db = useDatabase(backend);

  it('has applied every migration of the repository, and applying again changes nothing', async () => {
    expect(await migrate(db.current.pool)).toEqual([]);
    const { rows } = await db.current.pool.query('SELECT name FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.name)).toEqual(loadMigrations().map((m) => m.name));
  });

  it('leaves the schema as it was when a migration fails', async () => {
    const suffix = Math.random().toString(36).slice(2, 8);
    const bad = migrationsIn({
      ...Object.fromEntries(loadMigrations().map((m) => [`${m.name}.sql`, m.sql])),
      '9001_ok.sql': `CREATE TABLE t_ok_${suffix} (id int);`,
      '9002_bad.sql': `CREATE TABLE t_half_${suffix} (id int); SELECT no_such_function();`,
    });
    await expect(migrate(db.current.pool, bad)).rejects.toThrow(/9002_bad failed and was rolled back/);
    const tables = await db.current.pool.query(
      `SELECT table_name FROM information_schema.tables WHERE table_name IN ('t_ok_${suffix}', 't_half_${suffix}')`,
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual([`t_ok_${suffix}`]);
    const recorded = await db.current.pool.query(
      "SELECT version FROM schema_migrations WHERE version >= '9001'",
    );
    expect(recorded.rows.map((r) => r.version)).toEqual(['9001']);
    await db.current.pool.query(
      `DROP TABLE t_ok_${suffix}; DELETE FROM schema_migrations WHERE version = '9001'`,
    );
  });

  it('refuses a migration edited after it was applied', async () => {
    const edited = loadMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'changed' } : m));
    await expect(migrate(db.current.pool, edited)).rejects.toThrow(/changed after it was applied/);
  });
});
