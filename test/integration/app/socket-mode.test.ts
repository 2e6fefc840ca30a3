import { startTestApp, type TestApp } from './harness';
import { PATIENCE_MS } from '../../support/patience';

describe('Socket Mode: the same app over a WebSocket', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { socketMode: true });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('connects with the app token and answers a slash command delivered over the socket', async () => {
    expect(t.app.mode).toBe('socket');
    expect(t.slack.callsTo('apps.connections.open')).toMatchObject([{ tokenOk: true, tokenKind: 'app' }]);
    const res = await t.slack.socketDriver().command('U0LOCAL001', 'C0GENERAL', '/occupancy', 'building 71');
    expect(res.status).toBe(200);
    // An empty ack: the answer is the one message.
    expect(res.body).toBeUndefined();
    const answer = await t.slack.waitForResponse(res.responseUrlId, undefined, PATIENCE_MS);
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).toContain('DEMO');
  });

  it('still answers /healthz over HTTP', async () => {
    const res = await fetch(`http://127.0.0.1:${t.app.port}/healthz`);
    expect(await res.json()).toMatchObject({ status: 'ok', mode: 'socket' });
  });
});
