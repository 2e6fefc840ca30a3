import type { Fault } from './types';

/**
 * Slack's per-minute rate tiers (per app per workspace) for the conversation methods and edits: Tier 2
 * about 20 a minute, Tier 3 about 50, Tier 4 about 100. Slack allows short bursts over them;
 * the workspace holds to the figures.
 */
export const TIER_LIMITS: Readonly<Record<string, number>> = {
  'conversations.list': 20,
  'conversations.info': 50,
  'conversations.join': 50,
  'conversations.open': 50,
  'conversations.history': 50,
  'conversations.replies': 50,
  'users.conversations': 50,
  'conversations.members': 100,
  // Edits are Tier 3 across the workspace; posts have their own per-channel limit instead.
  'chat.update': 50,
};

/**
 * Test levers: faults queued per method (`failNext`), per-channel rate limits like Slack's
 * ~1 message/second/channel for chat.postMessage, and the per-minute tiers above (on unless
 * switched off with `tiers(false)`).
 */
export class FaultBook {
  private readonly queued = new Map<string, Fault[]>();
  private readonly standing = new Map<string, Fault>();
  private readonly limits = new Map<string, number>();
  private readonly hits = new Map<string, number[]>();
  private readonly tierHits = new Map<string, number[]>();
  private tiersOn = true;

  /** The next `times` calls of `method` suffer `fault`. */
  failNext(method: string, fault: Fault, times = 1): void {
    const list = this.queued.get(method) ?? [];
    for (let i = 0; i < times; i += 1) list.push(fault);
    this.queued.set(method, list);
  }

  /** Every call of `method` to `channel` suffers `fault` until cleared with null (a channel Slack keeps refusing). */
  failChannel(method: string, channel: string, fault: Fault | null): void {
    const key = `${method}\u0000${channel}`;
    if (fault) this.standing.set(key, fault);
    else this.standing.delete(key);
  }

  /** The next fault for a call: a standing one for its channel first, then the queue. */
  take(method: string, channel?: string): Fault | undefined {
    const standing = channel === undefined ? undefined : this.standing.get(`${method}\u0000${channel}`);
    if (standing) return standing;
    const list = this.queued.get(method);
    const fault = list?.shift();
    if (list && list.length === 0) this.queued.delete(method);
    return fault;
  }

  /** Allows `perChannelPerSecond` calls of `method` per channel in any one-second window; 0 removes the limit. */
  rateLimit(method: string, perChannelPerSecond: number): void {
    if (perChannelPerSecond <= 0) this.limits.delete(method);
    else this.limits.set(method, perChannelPerSecond);
  }

  /** Counts a call; answers the Retry-After seconds when it is over the limit (the call is then not counted). */
  overLimit(method: string, channel: string, nowMs: number): number | undefined {
    const limit = this.limits.get(method);
    if (limit === undefined) return undefined;
    const key = `${method}\u0000${channel}`;
    const recent = (this.hits.get(key) ?? []).filter((t) => nowMs - t < 1000);
    if (recent.length >= limit) {
      this.hits.set(key, recent);
      const oldest = recent[0] ?? nowMs;
      return Math.max(1, Math.ceil((oldest + 1000 - nowMs) / 1000));
    }
    recent.push(nowMs);
    this.hits.set(key, recent);
    return undefined;
  }

  /** Turns the per-minute tiers on (default) or off. */
  tiers(on: boolean): void {
    this.tiersOn = on;
    this.tierHits.clear();
  }

  /** Counts a call against its method's tier; answers the Retry-After seconds when over it (the call is then not counted). */
  overTier(method: string, nowMs: number): number | undefined {
    const limit = TIER_LIMITS[method];
    if (!this.tiersOn || limit === undefined) return undefined;
    const recent = (this.tierHits.get(method) ?? []).filter((t) => nowMs - t < 60_000);
    if (recent.length >= limit) {
      this.tierHits.set(method, recent);
      return Math.max(1, Math.ceil(((recent[0] ?? nowMs) + 60_000 - nowMs) / 1000));
    }
    recent.push(nowMs);
    this.tierHits.set(method, recent);
    return undefined;
  }

  reset(): void {
    this.queued.clear();
    this.standing.clear();
    this.limits.clear();
    this.hits.clear();
    this.tierHits.clear();
    this.tiersOn = true;
  }
}
