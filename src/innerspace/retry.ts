import type { Logger } from 'pino';
import {
  UpstreamBadDataError,
  UpstreamRateLimitedError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
  type UpstreamError,
  type UpstreamFacts,
} from '../errors';

/**
 * Retries for one upstream call: capped exponential backoff with full jitter, Retry-After,
 * and a total deadline that no attempt or pause may cross. The read-only API makes every
 * query safe to repeat; what is worth repeating is decided by the caller's classification.
 */

export interface RetryPolicy {
  /** First backoff ceiling; doubles with each retry. */
  baseMs: number;
  /** Largest backoff ceiling. */
  capMs: number;
  /** Attempts in all, the first included. */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 200, capMs: 3_000, maxAttempts: 5 };

/** Full jitter: a uniform pause between 0 and the capped exponential ceiling. */
export function backoffDelay(retryIndex: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, retryIndex));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}

/**
 * Retry-After as milliseconds from now: delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
 * A date is measured against the response's own Date header when there is one, so a skewed
 * local clock does not stretch or cut the pause. Null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number, serverDate?: string | null): number | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  if (/^\d+\.\d+$/.test(v)) return Math.ceil(Number(v) * 1000);
  // An HTTP-date always names a weekday or month; this keeps Date.parse from reading "-3" as a year.
  if (!/[a-z]{3}/i.test(v)) return null;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  const reference = serverDate ? Date.parse(serverDate) : Number.NaN;
  return Math.max(0, at - (Number.isNaN(reference) ? nowMs : reference));
}

export type TransientCode = 'UPSTREAM_TIMEOUT' | 'UPSTREAM_UNAVAILABLE' | 'UPSTREAM_RATE_LIMITED' | 'UPSTREAM_BAD_DATA';

/** A failure worth another attempt. Permanent failures are thrown by the attempt itself. */
export interface Transient {
  code: TransientCode;
  /** Short, value-free description for logs and the final error. */
  reason: string;
  status?: number;
  retryAfterMs?: number | null;
  cause?: unknown;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; transient: Transient };

export interface RetryContext {
  /** Operation name for logs and the final error. */
  what: string;
  /** Monotonic time (ms) by which the whole call must be over. */
  deadlineAt: number;
  timeoutMs: number;
  policy: RetryPolicy;
  random: () => number;
  /** Monotonic clock in ms. */
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  log: Logger;
}

type FinalError = new (message: string, facts: UpstreamFacts & { retryAfterSeconds?: number }, cause?: unknown) => UpstreamError;

const FINAL: Record<TransientCode, { error: FinalError; message: string }> = {
  UPSTREAM_TIMEOUT: { error: UpstreamTimeoutError, message: 'InnerSpace did not answer in time' },
  UPSTREAM_UNAVAILABLE: { error: UpstreamUnavailableError, message: 'InnerSpace is unavailable' },
  UPSTREAM_RATE_LIMITED: { error: UpstreamRateLimitedError, message: 'InnerSpace is limiting the request rate' },
  UPSTREAM_BAD_DATA: { error: UpstreamBadDataError, message: 'InnerSpace sent a response that could not be read' },
};

function giveUp(ctx: RetryContext, t: Transient, attempts: number, why: string): UpstreamError {
  ctx.log.warn({ request: ctx.what, code: t.code, reason: t.reason, status: t.status, attempts, why }, 'InnerSpace call failed');
  const final = FINAL[t.code];
  const retryAfterSeconds = t.retryAfterMs === undefined || t.retryAfterMs === null ? undefined : Math.ceil(t.retryAfterMs / 1000);
  return new final.error(
    `${final.message} (${ctx.what})`,
    { upstream: 'innerspace', operation: ctx.what, reason: t.reason, status: t.status, attempts, retryAfterSeconds },
    t.cause,
  );
}

export async function withRetries<T>(
  ctx: RetryContext,
  attempt: (timeoutMs: number, attemptIndex: number) => Promise<Outcome<T>>,
): Promise<T> {
  let badData = 0;
  for (let n = 0; ; n += 1) {
    const remaining = ctx.deadlineAt - ctx.clock();
    if (remaining <= 0) {
      throw giveUp(ctx, { code: 'UPSTREAM_TIMEOUT', reason: 'deadline passed' }, n, 'deadline');
    }
    const outcome = await attempt(Math.max(1, Math.min(ctx.timeoutMs, Math.floor(remaining))), n);
    if (outcome.ok) return outcome.value;
    const t = outcome.transient;
    const attempts = n + 1;
    if (t.code === 'UPSTREAM_BAD_DATA' && ++badData > 1) throw giveUp(ctx, t, attempts, 'unreadable twice');
    if (attempts >= ctx.policy.maxAttempts) throw giveUp(ctx, t, attempts, 'attempts exhausted');
    const left = ctx.deadlineAt - ctx.clock();
    let delay: number;
    if (t.retryAfterMs !== undefined && t.retryAfterMs !== null) {
      // Waiting less than asked only earns another 429; waiting past the deadline helps nobody.
      if (t.retryAfterMs >= left) throw giveUp(ctx, { ...t, code: 'UPSTREAM_RATE_LIMITED' }, attempts, 'Retry-After beyond deadline');
      delay = t.retryAfterMs;
    } else {
      delay = backoffDelay(n, ctx.policy, ctx.random);
      if (delay >= left) throw giveUp(ctx, t, attempts, 'no time left for another attempt');
    }
    ctx.log.info({ request: ctx.what, code: t.code, reason: t.reason, status: t.status, attempt: attempts, delayMs: delay }, 'retrying InnerSpace call');
    await ctx.sleep(delay);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * How a thrown fetch error reads: our own timeout, or the network failing. Checked by name,
 * not instanceof: fetch's errors may come from another realm (test sandboxes, workers).
 */
export function transientFromFetchError(err: unknown): Transient | null {
  if (err === null || typeof err !== 'object') return null;
  const name = (err as { name?: unknown }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return { code: 'UPSTREAM_TIMEOUT', reason: 'timed out' };
  if (name === 'TypeError') {
    const cause = (err as { cause?: { code?: unknown } }).cause;
    const code = cause && typeof cause.code === 'string' ? cause.code : 'network error';
    return { code: 'UPSTREAM_UNAVAILABLE', reason: code, cause: err };
  }
  return null;
}
