/**
 * Work that continues after a request was acknowledged (answers sent by response_url), run so
 * that acknowledging comes first: Slack gives a request 3 s to be acked, and an answer can take
 * its time. Node has one thread, so "first" is arranged by turns:
 * - each piece of background work starts, and gives way at its `turn()`s, in the check phase
 *   of the event loop (setImmediate), after the requests already read have been served; at most
 *   `stepsPerTurn` pieces go on per loop iteration, so a flood of answers cannot take the loop
 *   from the acks behind it;
 * - at most `concurrency` pieces are under way at once (they mostly wait on InnerSpace and
 *   Slack), and at most `maxWaiting` wait for a place; beyond that `hasRoom()` is false and
 *   the listener says the bot is busy instead of taking on work it would answer too late.
 * A graceful stop waits for the tracked work, within a bound.
 */
export interface InFlightOptions {
  /** Pieces of work under way at once. */
  readonly concurrency?: number;
  /** Pieces that may wait for a place before the bot calls itself busy. */
  readonly maxWaiting?: number;
  /** Pieces given a turn per event-loop iteration. */
  readonly stepsPerTurn?: number;
}

export const IN_FLIGHT_DEFAULTS = { concurrency: 32, maxWaiting: 256, stepsPerTurn: 2 } as const;

const BUSY_REPORT_EVERY_MS = 10_000;

export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();
  private readonly waiting: (() => void)[] = [];
  private readonly turns: (() => void)[] = [];
  private turnScheduled = false;
  private running = 0;
  private busySinceReport = 0;
  private lastBusyReport = -Infinity;
  private closing = false;
  private readonly concurrency: number;
  private readonly maxWaiting: number;
  private readonly stepsPerTurn: number;

  constructor(opts: InFlightOptions = {}) {
    this.concurrency = opts.concurrency ?? IN_FLIGHT_DEFAULTS.concurrency;
    this.maxWaiting = opts.maxWaiting ?? IN_FLIGHT_DEFAULTS.maxWaiting;
    this.stepsPerTurn = opts.stepsPerTurn ?? IN_FLIGHT_DEFAULTS.stepsPerTurn;
  }

  /** Work tracked: under way or waiting for a place. */
  get size(): number {
    return this.pending.size;
  }

  get isClosing(): boolean {
    return this.closing;
  }

  /** False when taking on more work would only make it wait behind too much: say busy instead. */
  hasRoom(): boolean {
    return this.running < this.concurrency || this.waiting.length < this.maxWaiting;
  }

  /**
   * Counts a request turned away as busy; returns how many were since the last report when it
   * is time for one (every 10 s at most), null otherwise: a flood must not become a flood of logs.
   */
  noteBusy(now = Date.now()): number | null {
    this.busySinceReport += 1;
    if (now - this.lastBusyReport < BUSY_REPORT_EVERY_MS) return null;
    const n = this.busySinceReport;
    this.busySinceReport = 0;
    this.lastBusyReport = now;
    return n;
  }

  /**
   * Resolves in a later event-loop iteration, once the requests already read have been served;
   * long work calls it between its steps (say, before rendering or posting) to give way.
   */
  turn(): Promise<void> {
    return new Promise((resolve) => {
      this.turns.push(resolve);
      this.scheduleTurns();
    });
  }

  /**
   * Runs `work` in the background, tracked, once it has a place and a turn; its errors are
   * handed to `onError`. Runs it even without room (callers ask `hasRoom()` first, before they
   * ack: work already acked "Looking up…" must still be answered).
   */
  run(work: () => Promise<unknown>, onError: (err: unknown) => void): void {
    const p = (async () => {
      await this.place();
      try {
        await this.turn();
        await work();
      } catch (err) {
        onError(err);
      } finally {
        this.leave();
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

  private place(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running += 1;
      return Promise.resolve();
    }
    // The place is handed over by leave(), so `running` stays counted for the waiter.
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private leave(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }

  private scheduleTurns(): void {
    if (this.turnScheduled) return;
    this.turnScheduled = true;
    setImmediate(() => {
      this.turnScheduled = false;
      for (const resolve of this.turns.splice(0, this.stepsPerTurn)) resolve();
      if (this.turns.length > 0) this.scheduleTurns();
    });
  }
}
