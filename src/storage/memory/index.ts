import type { Store, StoreOptions } from '../ports';
import { memoryAlertStates } from './alert-states';
import { memoryDigestRuns } from './digest-runs';
import { memoryDigests } from './digests';
import { memoryNotices } from './notices';
import { memorySubscriptions } from './subscriptions';
import { MemoryTables } from './tables';
import { memoryWatermarks } from './watermarks';

/** A store that lives in this process only: for tests and for trying the bot without a disk. */
export function createMemoryStore(options: StoreOptions = {}): Store {
  const tables = new MemoryTables(options.now ?? (() => Date.now()));
  return {
    digests: memoryDigests(tables),
    digestRuns: memoryDigestRuns(tables),
    subscriptions: memorySubscriptions(tables),
    alertStates: memoryAlertStates(tables),
    watermarks: memoryWatermarks(tables),
    notices: memoryNotices(tables),
    close: async () => tables.close(),
  };
}
