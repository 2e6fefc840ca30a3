/**
 * How long tests wait for something that must happen. Generous on purpose: the suite runs on
 * 2 cores, sometimes beside another run of itself, and a wait that only bounds a broken test's
 * hang costs nothing when the thing happens in milliseconds. jest's testTimeout (jest.config.js)
 * is longer still, so a wait that gives up says what it waited for.
 */
export const PATIENCE_MS = 60_000;

/**
 * Per-request and per-call InnerSpace limits for tests that are not about timeouts: far beyond
 * any loaded-machine delay, so a slow machine never turns into a retry that changes request
 * counts or an answer that says "InnerSpace took too long". Tests about timeouts set their own.
 */
export const PATIENT_INNERSPACE = { timeoutMs: 30_000, deadlineMs: 60_000 } as const;

/** Resolves once an async probe holds; fails after PATIENCE_MS saying what it waited for. */
export async function eventually(what: string, probe: () => Promise<boolean>, timeoutMs = PATIENCE_MS): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
