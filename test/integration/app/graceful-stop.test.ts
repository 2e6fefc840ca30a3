import { startTestApp } from './harness';

describe('graceful stop', () => {
  it('stops taking requests and lets an answer already under way finish', async () => {
    const t = await startTestApp();
    try {
      t.app.simulator!.setFaults({ latencyMs: 300 });
      const res = await t.driver.command('U0LOCAL001', 'C0GENERAL', '/occupancy', 'building 71 2026-11-17');
      expect(res.status).toBe(200);
      const stopping = t.app.stop();
      // New requests are refused while the answer is still being prepared.
      await new Promise((r) => setTimeout(r, 100));
      await expect(fetch(`http://127.0.0.1:${t.app.port}/healthz`)).rejects.toThrow();
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
