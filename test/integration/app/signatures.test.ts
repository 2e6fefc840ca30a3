import { request } from 'node:http';
import { startTestApp, type TestApp } from './harness';

const USER = 'U0LOCAL001';
const CHANNEL = 'C0GENERAL';

describe('request signatures (real Bolt over HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  const nowSeconds = () => Math.floor(Date.now() / 1000);

  /** Waits a moment, then checks nothing reached InnerSpace or the response_url. */
  async function expectListenerNotRun(responseUrlId: string | undefined, before: number) {
    await new Promise((r) => setTimeout(r, 300));
    expect(t.app.simulator!.stats.graphqlRequests).toBe(before);
    expect(t.slack.responses.filter((r) => r.id === responseUrlId)).toEqual([]);
  }

  it('accepts a correctly signed command', async () => {
    const res = await t.driver.command(USER, CHANNEL, '/occupancy', 'help');
    expect(res.status).toBe(200);
    expect(res.text).toContain('/occupancy building 71');
  });

  it('accepts a request signed 299 seconds ago', async () => {
    const res = await t.driver.command(USER, CHANNEL, '/occupancy', 'help', { timestamp: nowSeconds() - 299 });
    expect(res.status).toBe(200);
  });

  it('refuses a request signed 301 seconds ago, without running the listener', async () => {
    const before = t.app.simulator!.stats.graphqlRequests;
    const res = await t.driver.command(USER, CHANNEL, '/occupancy', 'building 71', { timestamp: nowSeconds() - 301 });
    expect(res.status).toBe(401);
    expect(res.text).toBe('');
    await expectListenerNotRun(res.responseUrlId, before);
  });

  it('refuses a request signed 10 minutes in the future', async () => {
    const before = t.app.simulator!.stats.graphqlRequests;
    const res = await t.driver.command(USER, CHANNEL, '/occupancy', 'building 71', { timestamp: nowSeconds() + 600 });
    expect(res.status).toBe(401);
    await expectListenerNotRun(res.responseUrlId, before);
  });

  it('refuses a body changed by one byte after signing', async () => {
    const before = t.app.simulator!.stats.graphqlRequests;
    const res = await t.driver.command(USER, CHANNEL, '/occupancy', 'building 71', {
      tamper: (raw) => raw.replace('building+71', 'building+72'),
    });
    expect(res.status).toBe(401);
    await expectListenerNotRun(res.responseUrlId, before);
  });

  it('refuses a request signed with another secret', async () => {
    const res = await t.driver.command(USER, CHANNEL, '/occupancy', 'help', { signingSecret: 'another0secret0of0the0same0size0' });
    expect(res.status).toBe(401);
  });

  it.each(['/slack/./events', '/slack/events#x', '/slack/x/../events', '/./slack/events?x=1'])(
    'an unsigned command sent to %s, which Bolt reads as the events path, is refused 401',
    async (path) => {
      const before = t.app.simulator!.stats.graphqlRequests;
      const body = new URLSearchParams({ command: '/occupancy', text: 'building 71', user_id: USER, channel_id: CHANNEL, team_id: 'T0LOCAL', trigger_id: '1.2.3' }).toString();
      // node:http sends the path as written (fetch would resolve the dot segments itself).
      const status = await new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: t.app.port, path, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(body);
      });
      expect(status).toBe(401);
      await expectListenerNotRun(undefined, before);
    },
  );

  it('answers /healthz with a small JSON status', async () => {
    const res = await fetch(`http://127.0.0.1:${t.app.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', mode: 'http', innerspace: 'simulator' });
  });
});

describe('paths nobody serves', () => {
  it('answer 404, not an error', async () => {
    const t = await startTestApp();
    try {
      const res = await fetch(`http://127.0.0.1:${t.app.port}/nope`);
      expect(res.status).toBe(404);
      expect(t.logs.join('')).not.toContain('request handling failed');
    } finally {
      await t.stop();
    }
  });
});
