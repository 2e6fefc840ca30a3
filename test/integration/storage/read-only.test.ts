/**
 * A store that can be read but not written (a read-only file or volume, a PostgreSQL role or
 * database set read-only): found at start, with a reason, instead of a bot that answers every
 * change with "something went wrong"; and reported by the health check when it happens later.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { StorageError } from '../../../src/errors';
import { openStore } from '../../../src/storage';
import { silentLogger } from '../../support/logger';
import { testDatabase } from '../../support/postgres';

const isRoot = process.getuid?.() === 0;

/** Read-only for this process: root ignores permissions, so it gets the immutable flag instead. */
function freeze(dir: string, file: string): () => void {
  if (isRoot) {
    execFileSync('chattr', ['+i', file]);
    return () => execFileSync('chattr', ['-i', file]);
  }
  chmodSync(file, 0o444);
  chmodSync(dir, 0o555);
  return () => {
    chmodSync(dir, 0o755);
    chmodSync(file, 0o644);
  };
}

describe('a store that cannot be written', () => {
  it('SQLite: opening it fails at once, saying it can be read but not written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'occupancy-ro-'));
    const file = join(dir, 'bot.db');
    const first = await openStore({ url: `sqlite:${file}`, logger: silentLogger() });
    await first.close();
    const thaw = freeze(dir, file);
    try {
      const opening = openStore({ url: `sqlite:${file}`, logger: silentLogger() });
      await expect(opening).rejects.toBeInstanceOf(StorageError);
      await expect(opening).rejects.toThrow(/^The store can be read but not written \(SQLITE_\w+\): check that the database file and its folder are writable/);
    } finally {
      thaw();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('PostgreSQL: a database set read-only fails at start, and an open store that reconnects says so in its health', async () => {
    const db = await testDatabase();
    const before = await openStore({ url: db.url, logger: silentLogger(), poolSize: 1 });
    try {
      expect(await before.health()).toMatchObject({ ok: true });
      const admin = new pg.Client({ connectionString: db.url });
      await admin.connect();
      await admin.query(`ALTER DATABASE ${db.name} SET default_transaction_read_only = on`);
      await admin.end();
      await expect(openStore({ url: db.url, logger: silentLogger() })).rejects.toThrow(/^The store can be read but not written \(25006\)/);
      // The open store's session predates the setting; once the server drops it, the next one has it.
      const killer = new pg.Client({ connectionString: db.url });
      await killer.connect();
      await killer.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
      await killer.end();
      // The first call may meet the dropped connection itself ("did not answer"); the pool then opens another.
      let health = await before.health();
      for (let i = 0; i < 20 && !String(health.problem).includes('not written'); i += 1) health = await before.health();
      expect(health).toMatchObject({ engine: 'postgres', ok: false, problem: 'the store can be read but not written (25006)' });
    } finally {
      await before.close();
      await db.drop();
    }
  });
});
