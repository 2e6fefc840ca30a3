import type { Kysely } from 'kysely';
import { ConfigError } from '../errors';
import type { Logger } from '../logging/logger';
import type { Dialect } from './dialect';
import type { StorageSchema } from './repositories/schema';
import { openSqliteDatabase } from './sqlite';
import { parseDatabaseUrl } from './url';

/** An open, migrated database of some dialect: all the repositories need. */
export interface Database {
  readonly dialect: Dialect;
  readonly db: Kysely<StorageSchema>;
  /** Closes every connection; safe to call twice. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** DATABASE_URL: `sqlite:<path>`, `sqlite::memory:`, `postgres://…`. */
  url: string;
  logger: Logger;
}

/**
 * Opens the database DATABASE_URL names and brings its schema up to date before anything else
 * can touch it. Throws CONFIG_INVALID for a URL it cannot use, STORAGE when opening or
 * migrating fails.
 */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  const target = parseDatabaseUrl(opts.url);
  switch (target.dialect) {
    case 'sqlite':
      return openSqliteDatabase({ path: target.path, logger: opts.logger });
    case 'postgres':
      // The dialect is ready (dialect.ts); the driver is what is missing.
      throw postgresNotSupported();
  }
}

function postgresNotSupported(): ConfigError {
  const problem = 'DATABASE_URL names a PostgreSQL server: PostgreSQL is not supported yet, use sqlite:<path>';
  return new ConfigError([problem], { message: 'PostgreSQL is not supported yet' });
}
