import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { backends, unique, useDatabase } from '../../test/database.js';
import { preparedRows } from './prepared.js';

describe.each(backends())('prepared statements [%s]', (backend) => {
  const database = useDatabase(backend);

  it('runs by name on the pool, unnamed in a transaction, and survives a function changing its columns', async () => {
    const { db } = database.current;
    const fn = `prepared_test_${unique()}`;
    const name = `prepared-test-${fn}`;
    const text = `SELECT * FROM ${fn}($1::integer)`;
    await sql
      .raw(`CREATE FUNCTION ${fn}(x integer) RETURNS TABLE (a integer) LANGUAGE sql AS 'SELECT x'`)
      .execute(db);
    for (let i = 0; i < 3; i++) expect(await preparedRows(db, name, text, [i])).toEqual([{ a: i }]);
    if (backend === 'pglite') {
      // one connection: the statement is prepared there, once
      const { rows } = await database.current.pool.query(
        'SELECT name FROM pg_prepared_statements WHERE name = $1',
        [name],
      );
      expect(rows).toHaveLength(1);
    }
    expect(await db.transaction().execute((trx) => preparedRows(trx, name, text, [7]))).toEqual([{ a: 7 }]);

    // a migration replaces the function with other result columns: the named statement is stale
    await sql.raw(`DROP FUNCTION ${fn}(integer)`).execute(db);
    await sql
      .raw(
        `CREATE FUNCTION ${fn}(x integer) RETURNS TABLE (a integer, b integer) LANGUAGE sql AS 'SELECT x, x + 1'`,
      )
      .execute(db);
    for (let i = 0; i < 6; i++) expect(await preparedRows(db, name, text, [i])).toEqual([{ a: i, b: i + 1 }]);

    // other errors are the caller's
    await expect(
      preparedRows(db, `${name}-bad`, `SELECT * FROM ${fn}_missing($1::integer)`, [1]),
    ).rejects.toThrow(/does not exist/);
    await sql.raw(`DROP FUNCTION ${fn}(integer)`).execute(db);
  });
});
