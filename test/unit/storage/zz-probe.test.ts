import { Kysely, SqliteDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import Database from 'better-sqlite3';
test('probe', async () => {
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  const r = await sql<{ x: number }>`select 1 as x`.execute(db);
  expect(r.rows[0]?.x).toBe(1);
  expect(typeof Migrator).toBe('function');
  await db.destroy();
});
