import type { Store } from '../../src/storage';
import { digestRunContract } from './storage/digest-runs.contract';
import { digestContract } from './storage/digests.contract';
import { durabilityContract } from './storage/durability.contract';
import { watermarkAndNoticeContract } from './storage/scopes.contract';
import { subscriptionContract } from './storage/subscriptions.contract';
import { ManualClock, T0, type ContractCapabilities, type ContractContext, type MakeStore, type StoreHarness } from './storage/context';

export type { ContractCapabilities, MakeStore, StoreHarness } from './storage/context';

/**
 * The behaviour every Store adapter must share. An adapter's test file calls this with a
 * factory; a durable adapter (SQLite today, PostgreSQL later) also passes `durable: true`
 * and a harness whose `reopen()` simulates a process restart over the same data.
 */
export function runStoreContract(name: string, makeStore: MakeStore, capabilities: ContractCapabilities = { durable: false }): void {
  describe(`Store contract: ${name}`, () => {
    let harness: StoreHarness | undefined;
    let current: Store | undefined;
    let clock = new ManualClock(T0);

    const ctx: ContractContext = {
      get store(): Store {
        if (!current) throw new Error('store used outside a test');
        return current;
      },
      get clock(): ManualClock {
        return clock;
      },
      get harness(): StoreHarness {
        if (!harness) throw new Error('harness used outside a test');
        const h = harness;
        const reopen = h.reopen;
        // Reopening swaps the store the rest of the test sees, like a restarted process would.
        return reopen ? { ...h, reopen: async () => (current = await reopen()) } : h;
      },
    };

    beforeEach(async () => {
      clock = new ManualClock(T0);
      harness = await makeStore({ now: clock.now });
      current = harness.store;
    });

    afterEach(async () => {
      await harness?.cleanup();
      harness = undefined;
      current = undefined;
    });

    digestContract(ctx);
    digestRunContract(ctx);
    subscriptionContract(ctx);
    watermarkAndNoticeContract(ctx);
    if (capabilities.durable) durabilityContract(ctx);
  });
}
