/**
 * Signatures already served, for as long as a copy could still pass the timestamp check. A
 * signature covers the timestamp and the body, so a second request with the same one is the
 * same request again. Bounded: past `maxEntries` the oldest are forgotten first.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly keepMs: number,
    private readonly now: () => number,
    private readonly maxEntries = 100_000,
  ) {}

  /** True the first time a signature is seen within the window. */
  firstTime(signature: string): boolean {
    const now = this.now();
    this.prune(now);
    const until = this.seen.get(signature);
    if (until !== undefined && until > now) return false;
    this.seen.set(signature, now + this.keepMs);
    if (this.seen.size > this.maxEntries) this.seen.delete(this.seen.keys().next().value as string);
    return true;
  }

  private prune(now: number): void {
    // Insertion order is expiry order (keepMs is fixed), so the stale ones are at the front.
    for (const [sig, until] of this.seen) {
      if (until > now) break;
      this.seen.delete(sig);
    }
  }
}
