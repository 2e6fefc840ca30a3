import type { Kysely } from 'kysely';
import type { Logger } from '../logging/logger';
import type { StoreHealth } from '../ports/store/index';
import type { Dialect } from './dialect';
import { openPostgresDatabase } from './postgres';
import type { StorageSchema } from './repositories/schema';
import { openSqliteDatabase } from './sqlite';
import { errorCode, probeWrite } from './health';
import { StorageError } from '../errors';
import { parseDatabaseUrl } from './url';

/** An open, migrated database of some dialect: all the repositories need. */
export interface Database {
  readonly dialect: Dialect;
  readonly db: Kysely<StorageSchema>;
  /** A round trip and the applied migrations; never throws. */
  health(): Promise<StoreHealth>;
  /** Closes every connection; safe to call twice. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** DATABASE_URL: `sqlite:<path>`, `sqlite::memory:`, `postgres://…` / `postgresql://…`. */
  url: string;
  logger: Logger;
  /** PostgreSQL connections this process may hold (DATABASE_POOL_SIZE, default 10); SQLite has one. */
  poolSize?: number;
}

export const DEFAULT_POOL_SIZE = 10;

/**
 * Opens the database DATABASE_URL names and brings its schema up to date before anything else
 * can touch it. Throws CONFIG_INVALID for a URL it cannot use, STORAGE when connecting, opening
 * or migrating fails.
 */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  const target = parseDatabaseUrl(opts.url);
  const database =
    target.dialect === 'sqlite'
      ? await openSqliteDatabase({ path: target.path, logger: opts.logger })
      : await openPostgresDatabase({ target, poolSize: opts.poolSize ?? DEFAULT_POOL_SIZE, logger: opts.logger });
  // Migrations that are current write nothing, so a read-only store would open fine and then
  // refuse every change: found here, it stops the start with a reason instead.
  try {
    await probeWrite(database.db);
  } catch (err) {
    await database.close();
    const driverCode = errorCode(err);
    throw new StorageError(
      `The store can be read but not written${driverCode ? ` (${driverCode})` : ''}: check that the database file and its folder are writable, or that the PostgreSQL role may write`,
      { op: 'open', ...(driverCode ? { driverCode } : {}) },
      err,
    );
  }
  return database;
}
