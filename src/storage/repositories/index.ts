import type { Store, StoreOptions } from '../../ports/store/index';
import type { Database } from '../database';
import { createGuard } from '../errors';
import { notOk } from '../health';
import { alertMessageRepository } from './alert-messages';
import { alertStateRepository } from './alert-states';
import type { RepositoryContext } from './context';
import { digestRunRepository } from './digest-runs';
import { digestRepository } from './digests';
import { noticeRepository } from './notices';
import { subscriptionRepository } from './subscriptions';
import { watermarkRepository } from './watermarks';
import { scopeCheckRepository } from './scope-checks';
import { sendSlotRepository } from './send-slots';
import { formViewRepository } from './form-views';
import { localClockRepository } from './local-clock';

/** The store over an open database of any dialect; closing the store closes the database. */
export function createStore(database: Database, options: StoreOptions = {}): Store {
  let closed = false;
  const ctx: RepositoryContext = {
    db: database.db,
    now: options.now ?? (() => Date.now()),
    guard: createGuard(database.dialect, () => closed),
  };
  return {
    digests: digestRepository(ctx),
    digestRuns: digestRunRepository(ctx),
    subscriptions: subscriptionRepository(ctx),
    alertStates: alertStateRepository(ctx),
    alertMessages: alertMessageRepository(ctx),
    watermarks: watermarkRepository(ctx),
    notices: noticeRepository(ctx),
    scopeChecks: scopeCheckRepository(ctx),
    sendSlots: sendSlotRepository(ctx),
    formViews: formViewRepository(ctx),
    localClock: localClockRepository(ctx),
    shared: database.dialect !== 'sqlite',
    health: async () => (closed ? notOk(database.dialect, 'the store is closed') : database.health()),
    close: () => {
      closed = true;
      return database.close();
    },
  };
}
