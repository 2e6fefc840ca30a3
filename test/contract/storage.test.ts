import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../src/logging/logger';
import { createMemoryStore, createSqliteStore, openDatabase, type Store } from '../../src/storage';
import { runStoreContract, type StoreHarness } from './storage.contract';

/** SQLite on a real file in a fresh temp directory; reopen() closes it and opens the file again. */
async function sqliteHarness(options: { now: () => number }): Promise<StoreHarness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'occupancy-store-'));
  const file = path.join(dir, 'nested', 'bot.db');
  const open = async (): Promise<Store> => createSqliteStore(await openDatabase({ path: file, logger: silentLogger() }), options);
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
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

runStoreContract('sqlite (temp file)', sqliteHarness, { durable: true });

runStoreContract('memory', async (options) => {
  const store = createMemoryStore(options);
  return { store, cleanup: () => store.close() };
});
