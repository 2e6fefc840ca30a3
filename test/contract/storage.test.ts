import { silentLogger } from '../support/logger';
import { openStore } from '../../src/storage';
import { type Store } from '../../src/ports/store';
import { runStoreContract, type StoreHarness } from './storage.contract';
import { STORE_DIALECTS, type DialectTarget } from './storage/dialects';

/** A store over a fresh database of the target's engine, opened the way the app opens it. */
function harnessFor(target: DialectTarget) {
  return async (options: { now: () => number }): Promise<StoreHarness> => {
    const database = await target.provision();
    const open = (): Promise<Store> => openStore({ url: database.url, logger: silentLogger(), now: options.now });
    let store = await open();
    return {
      store,
      reopen: async () => {
        await store.close();
        store = await open();
        return store;
      },
      cleanup: async () => {
        await store.close();
        await database.drop();
      },
    };
  };
}

for (const target of STORE_DIALECTS) runStoreContract(target.name, harnessFor(target));
