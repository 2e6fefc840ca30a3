import fc from 'fast-check';
import pino from 'pino';
import { AppError, UpstreamBadRequestError, UpstreamRateLimitedError, UpstreamTimeoutError } from '../../../src/errors';
import { factsOf } from '../../support/error-facts';
import { backoffDelay, parseRetryAfter, withRetries, type Outcome, type RetryContext, type Transient } from '../../../src/innerspace/retry';

const policy = { baseMs: 100, capMs: 1000, maxAttempts: 5 };

describe('backoffDelay (full jitter)', () => {
  it('stays within [0, min(cap, base * 2^n))', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (n, r) => {
        const d = backoffDelay(n, policy, () => r);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(Math.min(policy.capMs, policy.baseMs * 2 ** n));
      }),
    );
  });

  it('grows then caps', () => {
    const top = (n: number) => backoffDelay(n, policy, () => 0.999999);
    expect([0, 1, 2, 3, 4, 5].map(top)).toEqual([99, 199, 399, 799, 999, 999]);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2025, 4, 1, 12);
  it('delay-seconds', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
  });
  it('HTTP-date, against the Date header when present', () => {
    expect(parseRetryAfter('Thu, 01 May 2025 12:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Thu, 01 May 2025 12:00:07 GMT', 0, 'Thu, 01 May 2025 12:00:05 GMT')).toBe(2000);
    expect(parseRetryAfter('Thu, 01 May 2025 11:00:00 GMT', now)).toBe(0);
  });
  it('absent or unreadable', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-3', now)).toBeNull();
  });
});

/** A retry context on a virtual clock: sleeping advances it, so nothing waits for real. */
function virtualCtx(over: Partial<RetryContext> = {}) {
  let t = 0;
  const sleeps: number[] = [];
  const ctx: RetryContext = {
    what: 'Test',
    deadlineAt: 10_000,
    timeoutMs: 2_000,
    policy,
    random: () => 0.5,
    clock: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
    log: pino({ level: 'silent' }),
    ...over,
  };
  return { ctx, sleeps, advance: (ms: number) => void (t += ms) };
}

const fail = (t: Transient): Outcome<string> => ({ ok: false, transient: t });

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return 'OK';
}

describe('withRetries', () => {
  it('retries transient failures with jittered backoff, then succeeds', async () => {
    const { ctx, sleeps } = virtualCtx();
    let n = 0;
    const value = await withRetries(ctx, async () => (++n < 3 ? fail({ code: 'UPSTREAM_UNAVAILABLE', reason: 'HTTP 503' }) : { ok: true, value: 'done' }));
    expect(value).toBe('done');
    expect(sleeps).toEqual([50, 100]);
  });

  it('gives each attempt min(timeout, time left)', async () => {
    const { ctx, advance } = virtualCtx({ deadlineAt: 3_000 });
    const timeouts: number[] = [];
    await codeOf(
      withRetries(ctx, async (timeoutMs) => {
        timeouts.push(timeoutMs);
        advance(timeoutMs);
        return fail({ code: 'UPSTREAM_TIMEOUT', reason: 'timed out' });
      }),
    );
    expect(timeouts[0]).toBe(2000);
    expect(timeouts[1]).toBeLessThan(1000);
  });

  it('honours Retry-After, and fails at once with RATE_LIMITED when it would pass the deadline', async () => {
    const a = virtualCtx();
    let n = 0;
    await withRetries(a.ctx, async () => (++n === 1 ? fail({ code: 'UPSTREAM_RATE_LIMITED', reason: 'HTTP 429', retryAfterMs: 7000 }) : { ok: true, value: 'x' }));
    expect(a.sleeps).toEqual([7000]);

    const b = virtualCtx();
    let calls = 0;
    const code = await codeOf(
      withRetries(b.ctx, async () => {
        calls += 1;
        return fail({ code: 'UPSTREAM_UNAVAILABLE', reason: 'HTTP 503', retryAfterMs: 60_000 });
      }),
    );
    expect(code).toBe('UPSTREAM_RATE_LIMITED');
    expect(calls).toBe(1);
    expect(b.sleeps).toEqual([]);
  });

  it('stops after maxAttempts with the last failure as code', async () => {
    const { ctx } = virtualCtx({ deadlineAt: 1e9 });
    let calls = 0;
    const code = await codeOf(
      withRetries(ctx, async () => {
        calls += 1;
        return fail({ code: 'UPSTREAM_TIMEOUT', reason: 'timed out' });
      }),
    );
    expect(code).toBe('UPSTREAM_TIMEOUT');
    expect(calls).toBe(5);
  });

  it('gives up with the typed error of the last failure and the facts of the call', async () => {
    const timedOut = await withRetries(virtualCtx({ deadlineAt: 1e9 }).ctx, async () => fail({ code: 'UPSTREAM_TIMEOUT', reason: 'timed out' })).catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(UpstreamTimeoutError);
    expect(factsOf(timedOut)).toEqual({ upstream: 'innerspace', operation: 'Test', reason: 'timed out', attempts: 5 });

    const limited = await withRetries(virtualCtx().ctx, async () => fail({ code: 'UPSTREAM_RATE_LIMITED', reason: 'HTTP 429', status: 429, retryAfterMs: 60_500 })).catch(
      (e: unknown) => e,
    );
    expect(limited).toBeInstanceOf(UpstreamRateLimitedError);
    expect(factsOf(limited)).toEqual({ upstream: 'innerspace', operation: 'Test', reason: 'HTTP 429', status: 429, attempts: 1, retryAfterSeconds: 61 });
  });

  it('retries unreadable responses once only', async () => {
    const { ctx } = virtualCtx();
    let calls = 0;
    const code = await codeOf(
      withRetries(ctx, async () => {
        calls += 1;
        return fail({ code: 'UPSTREAM_BAD_DATA', reason: 'not JSON' });
      }),
    );
    expect(code).toBe('UPSTREAM_BAD_DATA');
    expect(calls).toBe(2);
  });

  it('does not retry what the attempt throws', async () => {
    const { ctx } = virtualCtx();
    let calls = 0;
    const code = await codeOf(
      withRetries(ctx, async () => {
        calls += 1;
        throw new UpstreamBadRequestError('no', { upstream: 'innerspace', messages: [], codes: [] });
      }),
    );
    expect(code).toBe('UPSTREAM_BAD_REQUEST');
    expect(calls).toBe(1);
  });

  it('never sleeps past the deadline', async () => {
    const { ctx, sleeps } = virtualCtx({ deadlineAt: 400, random: () => 0.99 });
    const code = await codeOf(withRetries(ctx, async () => fail({ code: 'UPSTREAM_UNAVAILABLE', reason: 'HTTP 502' })));
    expect(code).toBe('UPSTREAM_UNAVAILABLE');
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThan(400);
  });
});
