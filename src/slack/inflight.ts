/**
 * Tracks work that continues after a request was acknowledged (answers sent by response_url),
 * so a graceful stop can wait for it, within a bound.
 */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();
  private closing = false;

  get size(): number {
    return this.pending.size;
  }

  get isClosing(): boolean {
    return this.closing;
  }

  /** Runs `work` in the background, tracked; its errors are handed to `onError`. */
  run(work: () => Promise<unknown>, onError: (err: unknown) => void): void {
    const p = (async () => {
      try {
        // Let the ack that preceded this work reach the socket before the work takes the CPU.
        await new Promise((resolve) => setImmediate(resolve));
        await work();
      } catch (err) {
        onError(err);
      }
    })();
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  /** Resolves when all tracked work is done or `timeoutMs` passed; returns how many were left. */
  async drain(timeoutMs: number): Promise<number> {
    this.closing = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref();
    });
    await Promise.race([Promise.allSettled([...this.pending]).then(() => undefined), timeout]);
    if (timer) clearTimeout(timer);
    return this.pending.size;
  }
}
