import { startTestApp } from './harness';
import { PATIENCE_MS } from '../../support/patience';

/** Polls `probe` until it holds; the limit only bounds a broken test. */
async function until(probe: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const giveUpAt = Date.now() + PATIENCE_MS;
  while (!(await probe())) {
    if (Date.now() > giveUpAt) throw new Error(`still waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const refused = (port: number) => fetch(`http://127.0.0.1:${port}/healthz`).then(() => false, () => true);

describe('graceful stop', () => {
  it('stops taking requests and lets an answer already under way finish', async () => {
    const t = await startTestApp();
    try {
      // Warm the directory, so the answer below waits on its insight queries alone.
      const warm = await t.driver.command('U0LOCAL001', 'C0GENERAL', '/occupancy', 'building 71 2026-11-16');
      expect((await t.slack.waitForResponse(warm.responseUrlId)).status).toBe(200);

      // Every GraphQL response now takes HOLD_MS: once a query has reached InnerSpace, the
      // answer cannot be posted for that long, so the stop below starts while it is under way.
      const HOLD_MS = 5_000;
      t.app.simulator!.setFaults({ latencyMs: HOLD_MS });
      const before = t.app.simulator!.stats.graphqlRequests;
      const res = await t.driver.command('U0LOCAL001', 'C0GENERAL', '/occupancy', 'building 71 2026-11-17');
      expect(res.status).toBe(200);
      await until(() => t.app.simulator!.stats.graphqlRequests > before, 'the answer to reach InnerSpace');
      const answered = () => t.slack.responses.some((r) => r.id === res.responseUrlId);
      expect(answered()).toBe(false);

      let stopped = false;
      const stopping = t.app.stop().then(() => void (stopped = true));
      // New requests are refused while the answer is still being prepared.
      await until(() => refused(t.app.port), 'the server to refuse new requests');
      expect({ answered: answered(), stopped }).toEqual({ answered: false, stopped: false });

      await stopping;
      const answers = t.slack.responses.filter((r) => r.id === res.responseUrlId);
      expect(answers).toHaveLength(1);
      expect(answers[0]!.status).toBe(200);
      expect(JSON.stringify(answers[0]!.body)).toContain('DEMO');
    } finally {
      await t.stop();
    }
  });
});
