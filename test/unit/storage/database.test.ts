import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { createLogger, silentLogger } from '../../../src/logging/logger';
import { MIGRATIONS, openDatabase, type SqliteDatabase } from '../../../src/storage';

let dir: string;
const opened: SqliteDatabase[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'occupancy-db-'));
});

afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function open(file: string, logger = silentLogger()): Promise<SqliteDatabase> {
  const db = await openDatabase({ path: file, logger });
  opened.push(db);
  return db;
}

function capturingLogger(): { logger: ReturnType<typeof createLogger>['logger']; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const { logger } = createLogger({ level: 'debug', destination: { write: (s: string) => chunks.push(s) } });
  return { logger, lines: () => chunks.map((c) => JSON.parse(c) as Record<string, unknown>) };
}

async function pragma(db: SqliteDatabase, name: string): Promise<unknown> {
  const result = await sql<Record<string, unknown>>`select * from ${sql.raw(`pragma_${name}`)}`.execute(db.db);
  return Object.values(result.rows[0] ?? {})[0];
}

describe('openDatabase', () => {
  test('creates missing parent folders and the file, in WAL mode with foreign keys and a busy timeout', async () => {
    const file = path.join(dir, 'a', 'b', 'bot.db');
    const db = await open(file);
    expect(fs.existsSync(file)).toBe(true);
    expect(db.journalMode).toBe('wal');
    expect(await pragma(db, 'journal_mode')).toBe('wal');
    expect(await pragma(db, 'foreign_keys')).toBe(1);
    expect(await pragma(db, 'busy_timeout')).toBe(5000);
    expect(await pragma(db, 'synchronous')).toBe(2);
  });

  test('accepts :memory: and still migrates', async () => {
    const db = await open(':memory:');
    expect(db.journalMode).toBe('memory');
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(db.db);
    expect(tables.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['alert_state', 'digest_runs', 'digests', 'notices', 'scope_watermarks', 'subscriptions']),
    );
  });

  test('applies migrations once; reopening is a no-op that logs nothing about migrations', async () => {
    const file = path.join(dir, 'bot.db');
    const first = capturingLogger();
    const db1 = await open(file, first.logger);
    expect(first.lines().filter((l) => l.msg === 'database migrations applied').map((l) => l.applied)).toEqual([Object.keys(MIGRATIONS)]);
    await db1.close();

    const second = capturingLogger();
    const db2 = await open(file, second.logger);
    expect(second.lines().filter((l) => l.msg === 'database migrations applied')).toEqual([]);
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db2.db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS).sort());
  });

  test('migration names are in the order they must run', () => {
    const names = Object.keys(MIGRATIONS);
    expect(names).toEqual([...names].sort());
    expect(names[0]).toBe('001-initial');
  });

  test('a failed migration is a STORAGE error naming the migration', async () => {
    const file = path.join(dir, 'clash.db');
    const raw = new BetterSqlite3(file);
    raw.exec('create table digests (id integer primary key)');
    raw.close();
    await expect(openDatabase({ path: file, logger: silentLogger() })).rejects.toMatchObject({
      code: 'STORAGE',
      details: { migration: '001-initial' },
    });
  });

  test('a path that cannot hold a database is a STORAGE error', async () => {
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, 'x');
    await expect(openDatabase({ path: path.join(blocker, 'bot.db'), logger: silentLogger() })).rejects.toMatchObject({ code: 'STORAGE' });
  });

  test('close is idempotent', async () => {
    const db = await openDatabase({ path: path.join(dir, 'c.db'), logger: silentLogger() });
    await db.close();
    await db.close();
    await expect(sql`select 1`.execute(db.db)).rejects.toThrow();
  });
});
