export * from './ports';
export { openDatabase, type OpenDatabaseOptions, type SqliteDatabase } from './database';
export { createSqliteStore } from './sqlite';
export { createMemoryStore } from './memory';
export { MIGRATIONS } from './migrations';

import type { Logger } from '../logging/logger';
import { openDatabase } from './database';
import type { Store, StoreOptions } from './ports';
import { createSqliteStore } from './sqlite';

/** Opens the SQLite file (migrating it) and returns the store over it, in one step. */
export async function openSqliteStore(opts: { path: string; logger: Logger } & StoreOptions): Promise<Store> {
  const database = await openDatabase({ path: opts.path, logger: opts.logger });
  return createSqliteStore(database, opts.now ? { now: opts.now } : {});
}
