/**
 * Keeps this process's claims alive. Work that holds a lease in the store (a digest run, an
 * alert scope) registers how to renew it for as long as it runs; a timer renews them all well
 * before they end. A process that dies stops renewing, so its leases run out and another
 * replica takes the work over: that is the whole failure detector.
 */
import type { Logger } from '../../logging/logger';

export interface Replica {
  /** This process's name on its claims. */
  readonly id: string;
  /** How long a claim holds without renewal. */
  readonly leaseMs: number;
}

/** One process on a store nobody else uses: its claims need no other name. */
export const SOLE_REPLICA: Replica = { id: 'sole', leaseMs: 30_000 };

export interface HeldLease {
  /** Stops renewing (the work is done, or the lease was given back). */
  drop(): void;
}

export class LeaseKeeper {
  private readonly held = new Set<() => Promise<boolean>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly replica: Replica,
    private readonly log: Logger,
  ) {}

  /** Renews with `renew` until dropped; `renew` answering false means the lease was lost. */
  hold(what: string, renew: () => Promise<boolean>): HeldLease {
    const fn = async () => {
      const kept = await renew();
      if (!kept) this.log.warn({ what }, 'a lease was lost before its work ended');
      return kept;
    };
    this.held.add(fn);
    this.start();
    return { drop: () => void this.held.delete(fn) };
  }

  get size(): number {
    return this.held.size;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private start(): void {
    if (this.timer) return;
    // A third of the lease: two renewals can fail (a slow store) before it runs out.
    this.timer = setInterval(() => void this.renewAll(), Math.max(1000, Math.floor(this.replica.leaseMs / 3)));
    this.timer.unref();
  }

  private async renewAll(): Promise<void> {
    if (this.held.size === 0) return this.stop();
    await Promise.all(
      [...this.held].map((fn) => fn().catch((err: unknown) => this.log.warn({ err }, 'could not renew a lease; it holds until it ends'))),
    );
  }
}
