import type { Store } from '../../src/ports/store';
import { digestRunContract } from './storage/digest-runs.contract';
import { coordinationContract, digestRunLeaseContract } from './storage/leases.contract';
import { digestContract } from './storage/digests.contract';
import { durabilityContract } from './storage/durability.contract';
import { localClockContract } from './storage/local-clock.contract';
import { watermarkAndNoticeContract } from './storage/scopes.contract';
import { subscriptionContract } from './storage/subscriptions.contract';
import { ManualClock, T0, type ContractContext, type MakeStore, type StoreHarness } from './storage/context';

export type { MakeStore, StoreHarness } from './storage/context';

/**
 * The behaviour the store must have on every dialect (SQLite today, PostgreSQL next). The
 * dialect's test calls this with a factory of fresh databases whose `reopen()` simulates a
 * process restart over the same data.
 */
export function runStoreContract(name: string, makeStore: MakeStore): void {
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
        // Reopening swaps the store the rest of the test sees, like a restarted process would.
        return { ...h, reopen: async () => (current = await h.reopen()) };
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
    digestRunLeaseContract(ctx);
    coordinationContract(ctx);
    subscriptionContract(ctx);
    watermarkAndNoticeContract(ctx);
    durabilityContract(ctx);
    localClockContract(ctx);
  });
}
