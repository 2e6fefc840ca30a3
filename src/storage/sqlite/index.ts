import type { SqliteDatabase } from '../database';
import type { Store, StoreOptions } from '../ports';
import { sqliteAlertStates } from './alert-states';
import { sqliteDigestRuns } from './digest-runs';
import { sqliteDigests } from './digests';
import { sqliteNotices } from './notices';
import { sqliteSubscriptions } from './subscriptions';
import { sqliteWatermarks } from './watermarks';

/** The store over an open SQLite database; closing the store closes the database. */
export function createSqliteStore(database: SqliteDatabase, options: StoreOptions = {}): Store {
  const now = options.now ?? (() => Date.now());
  const { db } = database;
  return {
    digests: sqliteDigests(db, now),
    digestRuns: sqliteDigestRuns(db, now),
    subscriptions: sqliteSubscriptions(db, now),
    alertStates: sqliteAlertStates(db, now),
    watermarks: sqliteWatermarks(db, now),
    notices: sqliteNotices(db, now),
    close: () => database.close(),
  };
}
