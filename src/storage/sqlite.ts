import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { StorageError } from '../errors';
import type { Logger } from '../logging/logger';
import type { Database } from './database';
import { checkHealth } from './health';
import { migrateToLatest } from './migrations';
import type { StorageSchema } from './repositories/schema';

/** The SQLite driver: the only code that knows better-sqlite3 and its pragmas. */
export interface OpenSqliteOptions {
  /** File path, or ':memory:' for a private in-memory database. */
  path: string;
  logger: Logger;
  /** How long a write waits for another connection's lock before failing. */
  busyTimeoutMs?: number;
}

export interface SqliteDatabase extends Database {
  readonly dialect: 'sqlite';
  readonly path: string;
  /** The journal mode SQLite settled on: 'wal' for files, 'memory' for ':memory:'. */
  readonly journalMode: string;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) the SQLite database and migrates it. Throws StorageError
 * if either step fails.
 */
export async function openSqliteDatabase(opts: OpenSqliteOptions): Promise<SqliteDatabase> {
  const log = opts.logger.child({ component: 'storage' });
  const inMemory = opts.path === ':memory:';
  if (!inMemory) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(opts.path)), { recursive: true });
    } catch (err) {
      throw new StorageError(`Cannot create the folder for the database at ${opts.path}`, { path: opts.path }, err);
    }
  }

  let sqlite: BetterSqlite3.Database;
  let journalMode: string;
  try {
    sqlite = new BetterSqlite3(opts.path);
  } catch (err) {
    throw new StorageError(`Cannot open the database at ${opts.path}`, { path: opts.path }, err);
  }
  try {
    // busy_timeout first, so switching to WAL waits for another connection instead of failing.
    sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);
    journalMode = String(sqlite.pragma('journal_mode = WAL', { simple: true }));
    // FULL rather than WAL's usual NORMAL: a digest claim that rolled back after a power cut
    // could be claimed and posted a second time, and claims are too rare for fsync to matter.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
  } catch (err) {
    sqlite.close();
    throw new StorageError(`Cannot configure the database at ${opts.path}`, { path: opts.path }, err);
  }
  if (!inMemory && journalMode !== 'wal') {
    log.warn({ path: opts.path, journalMode }, 'SQLite did not switch to WAL; concurrent reads will wait on writes');
  }

  const db = new Kysely<StorageSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrateToLatest(db, 'sqlite', log);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  log.debug({ path: opts.path, journalMode }, 'database open');

  let closing: Promise<void> | undefined;
  return {
    dialect: 'sqlite',
    db,
    path: opts.path,
    journalMode,
    health: () => checkHealth(db, 'sqlite'),
    close: () => (closing ??= db.destroy()),
  };
}
