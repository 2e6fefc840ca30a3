import type { Logger } from '../logging/logger';
import type { Store, StoreOptions } from '../ports/store/index';
import { openDatabase } from './database';
import { createStore } from './repositories';

export { openDatabase, type Database, type OpenDatabaseOptions } from './database';
export { createStore } from './repositories';
export { MIGRATIONS } from './migrations';
export { describeDatabase, parseDatabaseUrl, type DatabaseTarget, type PostgresTarget, type SslMode } from './url';
export type { Dialect } from './dialect';

export interface OpenStoreOptions extends StoreOptions {
  /** DATABASE_URL: `sqlite:<path>`, `sqlite::memory:`, `postgres://…` / `postgresql://…`. */
  url: string;
  logger: Logger;
  /** PostgreSQL connections this process may hold (DATABASE_POOL_SIZE); SQLite ignores it. */
  poolSize?: number;
}

/** Opens the database DATABASE_URL names, migrates it and returns the store over it, in one step. */
export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  const database = await openDatabase({ url: opts.url, logger: opts.logger, ...(opts.poolSize === undefined ? {} : { poolSize: opts.poolSize }) });
  return createStore(database, opts.now ? { now: opts.now } : {});
}
