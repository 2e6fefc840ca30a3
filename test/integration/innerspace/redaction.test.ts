import { Writable } from 'node:stream';
import { createLogger } from '../../../src/logging/logger';
import { NO_FAULTS, startSimulator, type RunningSimulator } from '../../../dev/simulator';
import { clientFor, errorOf, memoryLogger, SIM_NOW, YESTERDAY, type Mode } from './helpers';

const CANARY_SECRET = 'canary-secret-5b1e0c7d9a2f';
const WRONG_SECRET = 'canary-wrong-secret-3e8f1a';

let sim: RunningSimulator;
let simNow = SIM_NOW.getTime();
beforeAll(async () => {
  sim = await startSimulator({ clock: () => new Date(simNow), clientSecret: CANARY_SECRET });
});
afterAll(() => sim.close());

const day = (d: number) => ({ ids: [71], from: d, to: d, granularity: 'PT1H' as const, siteIds: [900000222] });

/** Drives the client through success and every error path we can provoke. */
async function exercise(mode: Mode, logger: import('pino').Logger, onSecret: (s: string) => void): Promise<unknown[]> {
  const errors: unknown[] = [];
  const client = clientFor(sim, mode, { logger, onSecret, retry: { maxAttempts: 2 } });
  // Its own client for the timeout: a 300 ms limit on every query would fail others on a busy machine.
  const impatient = clientFor(sim, mode, { logger, onSecret, timeoutMs: 300, retry: { maxAttempts: 2 } });
  sim.setFaults({ ...NO_FAULTS, sessionTtlSeconds: 60 });
  await client.buildingInsights(day(20250601));
  simNow += 120_000; // the session expires on the server: 401, re-authentication
  await client.buildingInsights(day(20250602));
  const faults = [
    { graphqlErrors: 1 },
    { malformedJson: 2 },
    { serverErrorBurst: 5 },
    { latencyMs: 1_000 },
    { rateLimit: { next: 1, retryAfter: '3600' } },
    { rejectGuessFields: true },
  ];
  for (const [i, f] of faults.entries()) {
    sim.setFaults({ ...NO_FAULTS, ...f });
    const asking = 'latencyMs' in f ? impatient : client;
    errors.push(await asking.buildingInsights(day(20250603 + i)).then(() => null, (e: unknown) => e));
  }
  sim.setFaults({ ...NO_FAULTS });
  sim.revokeCredentials(); // every session now unknown: 401, then a fresh one
  await client.buildingInsights(day(YESTERDAY));
  sim.setFaults({ ...NO_FAULTS, tokenFailures: 5 });
  const fresh = clientFor(sim, mode, { logger, onSecret, retry: { maxAttempts: 2 } });
  errors.push(await errorOf(fresh.groups()));
  sim.setFaults({ ...NO_FAULTS });
  const wrong = clientFor(sim, mode, { logger, onSecret, clientSecret: WRONG_SECRET });
  errors.push(await errorOf(wrong.groups()));
  return errors;
}

describe.each<Mode>(['session', 'bearer'])('secrets never reach logs or errors (%s)', (mode) => {
  beforeEach(() => {
    simNow = SIM_NOW.getTime();
  });

  it('the client itself writes none, even to an unscrubbed trace-level logger', async () => {
    const log = memoryLogger();
    const learned: string[] = [];
    const errors = await exercise(mode, log.logger, (s) => learned.push(s));
    const tokens = learned.filter((s) => s !== CANARY_SECRET && s !== WRONG_SECRET);
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    const text = log.text();
    expect(text.length).toBeGreaterThan(1000);
    const everything = text + JSON.stringify(errors) + errors.map((e) => `${String((e as Error | null)?.message)} ${String((e as Error | null)?.cause)}`).join('\n');
    for (const secret of [CANARY_SECRET, WRONG_SECRET, ...tokens]) expect(everything).not.toContain(secret);
  });

  it('through the app logger, with onSecret feeding its scrubber, nothing leaks even when logged on purpose', async () => {
    let out = '';
    const destination = new Writable({
      write(chunk: Buffer, _e, cb) {
        out += chunk.toString('utf8');
        cb();
      },
    });
    const { logger, addSecret } = createLogger({ level: 'trace', destination, secrets: [] });
    const learned: string[] = [];
    const errors = await exercise(mode, logger, (s) => {
      learned.push(s);
      addSecret(s);
    });
    for (const e of errors) logger.error({ err: e }, 'call failed');
    logger.warn(`tokens were ${learned.join(',')}`);
    expect(out).toContain('[REDACTED]');
    for (const secret of learned) expect(out).not.toContain(secret);
  });
});
