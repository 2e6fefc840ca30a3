/**
 * In-memory results: a bounded LRU with per-entry expiry, plus an in-flight map so identical
 * concurrent requests share one upstream call. Only successes are stored.
 */

interface Entry<T> {
  value: T;
  expiresAt: number;
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
   * call to `load`. `expiresAt` decides, from the fresh value, until when (epoch ms) it may be served.
   */
  async through<T>(key: string, load: () => Promise<T>, expiresAt: (value: T) => number): Promise<T> {
    const hit = this.get<T>(key);
    if (hit !== undefined) {
      this.hits += 1;
      return hit;
    }
    const running = this.inflight.get(key);
    if (running) {
      this.coalesced += 1;
      return running as Promise<T>;
    }
    const p = load()
      .then((value) => {
        this.set(key, value, expiresAt(value));
        return value;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  get size(): number {
    return this.entries.size;
  }

  private get<T>(key: string): T | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= this.now().getTime()) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-insert to mark as most recently used.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value as T;
  }

  private set(key: string, value: unknown, expiresAt: number): void {
    if (this.maxEntries <= 0 || expiresAt <= this.now().getTime()) return;
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }
}
