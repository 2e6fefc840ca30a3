/**
 * One replica at a time works on an alert scope (kind, id, granularity): the check that reads its
 * data, evaluates its rules and sends what they mean, or a person's change to one of its rules.
 * The claim is a lease in the store (alert_scope_checks), renewed while the work runs; a
 * scheduled check also takes the tick, so each scope is checked once per tick across the fleet.
 */
import type { ScopeKey } from '../../domain/alert-state';
import type { Logger } from '../../logging/logger';
import type { Store } from '../../ports/store';
import type { HeldLease, LeaseKeeper } from '../replicas/leases';

export function scopeKeyText(k: ScopeKey): string {
  return `${k.scopeKind}:${k.scopeId}:${k.granularity}${k.groupId !== undefined ? `:${k.groupId}` : ''}`;
}

export interface ScopeLocksDeps {
  readonly store: Store;
  readonly leases: LeaseKeeper;
  readonly now: () => number;
  readonly logger: Logger;
  readonly sleep?: (ms: number) => Promise<void>;
  /** How long a person's change waits for a check under way before going ahead anyway. */
  readonly changeWaitMs?: number;
}

export interface ScopeHold {
  /** Renews now: false when the lease was lost (nothing more may be sent for the scope). */
  still(): Promise<boolean>;
  release(): Promise<void>;
}

export class ScopeLocks {
  private readonly sleep: (ms: number) => Promise<void>;
  private releasedStale = false;

  constructor(private readonly deps: ScopeLocksDeps) {
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * Takes the scope for a check: for the scheduled tick `tick` (an ISO instant), or for a check
   * asked for by hand (null). Null when another replica has it or already checked this tick.
   */
  async forCheck(key: string, tick: string | null): Promise<ScopeHold | null> {
    await this.releaseStale();
    const owner = this.deps.leases.replica.id;
    const now = this.deps.now();
    if (!(await this.deps.store.scopeChecks.claim(key, tick, owner, now, now + this.deps.leases.replica.leaseMs))) return null;
    return this.hold(key);
  }

  /** Runs a person's change to rules of these scopes while no check works on them. */
  async during<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    await this.releaseStale();
    const holds: ScopeHold[] = [];
    try {
      // Sorted, so two changes over the same scopes never wait on each other in a circle.
      for (const key of [...new Set(keys)].sort()) {
        const hold = await this.waitFor(key);
        if (hold) holds.push(hold);
      }
      return await work();
    } finally {
      for (const h of holds) await h.release();
    }
  }

  private async waitFor(key: string): Promise<ScopeHold | null> {
    const deadline = this.deps.now() + (this.deps.changeWaitMs ?? 30_000);
    for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
      const hold = await this.forCheck(key, null);
      if (hold) return hold;
      if (this.deps.now() >= deadline) {
        this.deps.logger.warn({ scope: key }, 'a check held this alert scope too long; the change goes ahead without waiting');
        return null;
      }
      await this.sleep(wait);
    }
  }

  private hold(key: string): ScopeHold {
    const { store, leases, now } = this.deps;
    const owner = leases.replica.id;
    const renew = () => store.scopeChecks.renew(key, owner, now() + leases.replica.leaseMs);
    const held: HeldLease = leases.hold(`alert scope ${key}`, renew);
    return {
      still: renew,
      release: async () => {
        held.drop();
        await store.scopeChecks.release(key, owner).catch((err: unknown) => this.deps.logger.warn({ err, scope: key }, 'could not release an alert scope; it frees itself when its lease ends'));
      },
    };
  }

  /** A store one process owns: whatever an earlier process held is free (that process is gone). */
  private async releaseStale(): Promise<void> {
    if (this.releasedStale || this.deps.store.shared) return;
    this.releasedStale = true;
    await this.deps.store.scopeChecks.releaseAll();
  }
}
