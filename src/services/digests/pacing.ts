/**
 * Posting many digests at once within Slack's limits: about one message per second per
 * channel, and a bounded number of posts under way across channels. A job waiting for its
 * channel never holds a slot another channel could use.
 */

export interface PacingClock {
  /** Monotonic milliseconds (performance.now): pacing is about real elapsed time. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/**
 * The longest one job waits for its channel's turn (a long Retry-After, here or heard by another
 * replica) before it is parked: left for a later pass, so it never holds up the others.
 */
export const PARK_AFTER_MS = 10_000;

/** Asked of a turn: give up rather than wait longer than `parkAfterMs` (nothing is taken then). */
export interface TakeOptions {
  readonly parkAfterMs?: number;
}

export const realPacingClock: PacingClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** When each channel may next be posted to. */
export class ChannelPacer {
  private readonly readyAt = new Map<string, number>();

  constructor(
    protected readonly clock: PacingClock,
    /** Gap between two posts to one channel. */
    readonly spacingMs: number,
  ) {}

  /** Milliseconds until the channel may be posted to; 0 when it may now. */
  waitFor(channel: string): number {
    return Math.max(0, (this.readyAt.get(channel) ?? 0) - this.clock.now());
  }

  /**
   * Waits for the channel's turn and takes it: true. False, with nothing taken, when the turn is
   * further off than `parkAfterMs` (waitFor then says how far). Callers serialise posts per
   * channel themselves.
   */
  async take(channel: string, opts: TakeOptions = {}): Promise<boolean> {
    for (let wait = this.waitFor(channel); wait > 0; wait = this.waitFor(channel)) {
      if (opts.parkAfterMs !== undefined && wait > opts.parkAfterMs) return false;
      await this.clock.sleep(wait);
    }
    this.readyAt.set(channel, this.clock.now() + this.spacingMs);
    return true;
  }

  /** Slack said 429: nothing more to that channel for `seconds`. */
  holdOff(channel: string, seconds: number): void {
    const until = this.clock.now() + Math.max(0, seconds) * 1000;
    this.readyAt.set(channel, Math.max(this.readyAt.get(channel) ?? 0, until));
  }

  /** Forgets channels whose turn has come, so the map stays as small as the busy channels. */
  sweep(): void {
    const now = this.clock.now();
    for (const [channel, at] of this.readyAt) if (at <= now) this.readyAt.delete(channel);
  }
}

export interface PacedJob {
  readonly channel: string;
  run(): Promise<void>;
}

/**
 * Runs jobs with at most `concurrency` at a time, one at a time per channel, in order per
 * channel, each starting only when its channel's turn has come. Job errors are the job's own
 * business: run() must not throw (a throw is swallowed so one job never stops the others).
 */
export interface RunPacedOptions {
  readonly concurrency: number;
  readonly pacer: ChannelPacer;
  readonly clock: PacingClock;
  readonly stopped?: () => boolean;
  /** A channel whose turn is further off than this is left out of the run (its jobs not run). */
  readonly maxWaitMs?: number;
  /** Told of each job left out that way. */
  readonly onLeft?: (job: PacedJob) => void;
}

export async function runPaced(jobs: readonly PacedJob[], opts: RunPacedOptions): Promise<void> {
  const queues = new Map<string, PacedJob[]>();
  for (const job of jobs) {
    const q = queues.get(job.channel);
    if (q) q.push(job);
    else queues.set(job.channel, [job]);
  }
  const busy = new Set<string>();
  let wake: (() => void) | null = null;
  const changed = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  const pick = (): PacedJob | 'wait' | null => {
    let pending = false;
    for (const [channel, q] of queues) {
      if (q.length === 0) {
        queues.delete(channel);
        continue;
      }
      if (!busy.has(channel) && opts.maxWaitMs !== undefined && opts.pacer.waitFor(channel) > opts.maxWaitMs) {
        for (const job of q) opts.onLeft?.(job);
        queues.delete(channel);
        continue;
      }
      pending = true;
      if (busy.has(channel) || opts.pacer.waitFor(channel) > 0) continue;
      return q.shift() ?? null;
    }
    return pending ? 'wait' : null;
  };

  const soonest = (): number => {
    let min = Infinity;
    for (const channel of queues.keys()) if (!busy.has(channel)) min = Math.min(min, opts.pacer.waitFor(channel));
    return min;
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      if (opts.stopped?.()) return;
      const job = pick();
      if (job === null) return;
      if (job === 'wait') {
        const ms = soonest();
        // Wake when a channel's turn comes or another job finishes, whichever is first.
        await new Promise<void>((resolve) => {
          const prev = wake;
          wake = () => {
            prev?.();
            resolve();
          };
          if (Number.isFinite(ms)) void opts.clock.sleep(ms).then(resolve);
        });
        continue;
      }
      busy.add(job.channel);
      try {
        await job.run();
      } catch {
        // run() reports its own failures; this only keeps the pool going.
      } finally {
        busy.delete(job.channel);
        changed();
      }
    }
  };

  const n = Math.max(1, Math.min(opts.concurrency, jobs.length));
  await Promise.all(Array.from({ length: n }, () => worker()));
}
