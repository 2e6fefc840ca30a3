/**
 * In-memory results: a bounded LRU with per-entry expiry, plus an in-flight map so identical
 * concurrent requests share one upstream call. Only successes are stored.
 */

/**
 * How long a stored value may be served. Until `trustedUntil` it is served as is; after that,
 * only while `settled()` says it can no longer change; never after `until`.
 */
export interface Keep {
  readonly until: number;
  readonly trustedUntil?: number;
  readonly settled?: () => boolean;
}

interface Entry<T> {
  value: T;
  keep: Keep;
}

export interface ThroughOptions {
  /** Ask again even when a value is stored (joining an identical call already under way is fine). */
  readonly fresh?: boolean;
}

export class ResultCache {
  private readonly entries = new Map<string, Entry<unknown>>();
  private readonly inflight = new Map<string, Promise<unknown>>();
  hits = 0;
  coalesced = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => Date,
  ) {}

  /**
   * The cached value for `key`, the promise of an identical call already under way, or a new
   * call to `load`. `keep` decides, from the fresh value, how long it may be served: an epoch
   * ms expiry, or a Keep for values that are trusted briefly unless they have settled.
   */
  async through<T>(key: string, load: () => Promise<T>, keep: (value: T) => number | Keep, opts: ThroughOptions = {}): Promise<T> {
    if (!opts.fresh) {
      const hit = this.get<T>(key);
      if (hit !== undefined) {
        this.hits += 1;
        return hit.value;
      }
    }
    const running = this.inflight.get(key);
    if (running) {
      this.coalesced += 1;
      return running as Promise<T>;
    }
    const p = load()
      .then((value) => {
        const k = keep(value);
        this.set(key, value, typeof k === 'number' ? { until: k } : k);
        return value;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  /** Whether `key` has a value that may be served, or a call under way; counts nothing. */
  holds(key: string): boolean {
    if (this.inflight.has(key)) return true;
    const e = this.entries.get(key);
    if (!e) return false;
    const t = this.now().getTime();
    const { until, trustedUntil, settled } = e.keep;
    return until > t && (trustedUntil === undefined || trustedUntil > t || (settled?.() ?? false));
  }

  get size(): number {
    return this.entries.size;
  }

  private get<T>(key: string): { value: T } | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    const t = this.now().getTime();
    const { until, trustedUntil, settled } = e.keep;
    if (until <= t || (trustedUntil !== undefined && trustedUntil <= t && !(settled?.() ?? false))) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-insert to mark as most recently used.
    this.entries.delete(key);
    this.entries.set(key, e);
    return { value: e.value as T };
  }

  private set(key: string, value: unknown, keep: Keep): void {
    if (this.maxEntries <= 0 || keep.until <= this.now().getTime()) return;
    this.entries.delete(key);
    this.entries.set(key, { value, keep });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }
}
