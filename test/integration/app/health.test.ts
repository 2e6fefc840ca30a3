/**
 * /healthz tells what the bot needs besides its store: how the last InnerSpace and Slack calls
 * went and when the scheduled passes last ran, so an operator sees a dead upstream or a stuck
 * timer without reading logs.
 */
import { startTestApp, type TestApp } from './harness';
import { PATIENCE_MS } from '../../support/patience';

const USER = 'U0LOCAL001';
const CHANNEL = 'C0GENERAL';

interface Health {
  status: string;
  lastInnerSpaceCall: { ok: boolean; at: string; error?: string } | null;
  lastSlackCall: { ok: boolean; at: string; error?: string } | null;
  lastDigestPassAt: string | null;
  lastAlertCheckAt: string | null;
}

describe('/healthz', () => {
  let t: TestApp;
  beforeAll(async () => {
    // An alert check every second, so its time shows up within the test.
    t = await startTestApp({ ALERT_CHECK_CRON: '* * * * * *' });
  });
  afterAll(async () => {
    await t.stop();
  });

  const health = async (): Promise<Health> => (await (await fetch(`http://127.0.0.1:${t.app.port}/healthz`)).json()) as Health;

  async function until(probe: (h: Health) => boolean): Promise<Health> {
    const deadline = Date.now() + PATIENCE_MS;
    for (;;) {
      const h = await health();
      if (probe(h) || Date.now() > deadline) return h;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('reports the last InnerSpace call, a failed one with its code', async () => {
    const ok = await t.driver.command(USER, CHANNEL, '/occupancy', 'building 71');
    await t.slack.waitForResponse(ok.responseUrlId, undefined, PATIENCE_MS);
    expect((await health()).lastInnerSpaceCall).toMatchObject({ ok: true, at: expect.stringMatching(/^\d{4}-/) });
    t.app.simulator!.setFaults({ serverErrorBurst: 10_000 });
    const failed = await t.driver.command(USER, CHANNEL, '/occupancy', 'building 104 2026-11-02');
    await t.slack.waitForResponse(failed.responseUrlId, undefined, PATIENCE_MS);
    expect((await health()).lastInnerSpaceCall).toMatchObject({ ok: false, error: 'UPSTREAM_UNAVAILABLE' });
    t.app.simulator!.setFaults({ serverErrorBurst: 0 });
  });

  it('reports the last Slack call, a refused one with Slack’s error', async () => {
    t.slack.failNext('users.conversations', { error: 'internal_error' });
    const res = await t.driver.command(USER, CHANNEL, '/occupancy', 'digest add building 71 at 08:00 daily');
    await t.slack.waitForResponse(res.responseUrlId, undefined, PATIENCE_MS);
    expect((await until((h) => h.lastSlackCall?.ok === false)).lastSlackCall).toMatchObject({ ok: false, error: 'internal_error' });
  });

  it('reports when the alert check last ran, and the status stays ok', async () => {
    const h = await until((x) => x.lastAlertCheckAt !== null);
    expect(h.lastAlertCheckAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(h.status).toBe('ok');
    expect(h).toHaveProperty('lastDigestPassAt');
  });
});
