import type { Logger } from '../logging/logger';
import type { Store, StoreOptions } from '../ports/store/index';
import { openDatabase } from './database';
import { createStore } from './repositories';

export { openDatabase, type Database, type OpenDatabaseOptions } from './database';
export { createStore } from './repositories';
export { MIGRATIONS } from './migrations';
export { parseDatabaseUrl, type DatabaseTarget } from './url';
export type { Dialect } from './dialect';

export interface OpenStoreOptions extends StoreOptions {
  /** DATABASE_URL: `sqlite:<path>`, `sqlite::memory:`; `postgres://…` is refused until it has a driver. */
  url: string;
  logger: Logger;
}

/** Opens the database DATABASE_URL names, migrates it and returns the store over it, in one step. */
export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  const database = await openDatabase({ url: opts.url, logger: opts.logger });
  return createStore(database, opts.now ? { now: opts.now } : {});
}
