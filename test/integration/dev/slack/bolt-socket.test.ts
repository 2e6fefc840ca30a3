import { App, SocketModeReceiver, type Logger } from '@slack/bolt';
import type { SlackDriver } from '../../../../dev/slack';
import { startFakeSlack, type FakeSlack } from '../../../fakes/slack';

const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, setLevel: () => {}, getLevel: () => 'error' as never, setName: () => {} };

const GRACE = 'U0LOCAL001';

describe('a Bolt app in Socket Mode against the embedded workspace', () => {
  let ws: FakeSlack;
  let app: App;
  let driver: SlackDriver;

  beforeAll(async () => {
    ws = await startFakeSlack();
    app = new App({ token: ws.botToken, appToken: ws.appToken, socketMode: true, ...ws.identity, clientOptions: ws.clientOptions, logger: silent });
    app.command('/occupancy', async ({ command, ack, respond }) => {
      if (command.text === '') {
        await ack({ response_type: 'ephemeral', text: 'Try /occupancy building 71' });
        return;
      }
      await ack();
      await respond({ text: `Building ${command.text}` });
    });
    app.command('/silent', async () => {
      // never acks: Socket Mode has no 3-second fallback in Bolt
    });
    app.view('digest', async ({ ack }) => {
      await ack({ response_action: 'errors', errors: { time: 'Use HH:MM' } });
    });
    await app.start();
    driver = ws.socketDriver();
  });
  afterAll(async () => {
    // app.stop() does not wait for the close handshake; wait for it, or the client's close timer outlives the test.
    await app.stop();
    await ws.waitFor(() => ws.socket.connections === 0);
    await ws.close();
  });

  test('apps.connections.open was called with the app token and one socket is connected', () => {
    expect(ws.callsTo('apps.connections.open')).toMatchObject([{ tokenOk: true, tokenKind: 'app', status: 200 }]);
    expect(ws.socket.connections).toBe(1);
  });

  test('a slash_commands envelope is acked over the socket and the answer comes by response_url', async () => {
    const res = await driver.command(GRACE, 'C0GENERAL', '/occupancy', '71');
    expect(res.status).toBe(200);
    expect(res.envelopeId).toMatch(/^[0-9a-f-]{36}$/);
    const answer = await ws.waitForResponse(res.responseUrlId);
    expect(answer.body).toMatchObject({ text: 'Building 71' });
    expect(ws.state.messagesFor('C0GENERAL', GRACE).map((m) => m.text)).toContain('Building 71');
  });

  test('an ack with a payload comes back as the envelope payload', async () => {
    const res = await driver.command(GRACE, 'C0GENERAL', '/occupancy', '');
    expect(res).toMatchObject({ status: 200, body: { response_type: 'ephemeral', text: 'Try /occupancy building 71' } });
  });

  test('a view_submission ack with response_action errors reaches the workspace over the socket', async () => {
    const view = ws.state.views.open(GRACE, {
      type: 'modal', callback_id: 'digest', title: { type: 'plain_text', text: 'Digest' }, submit: { type: 'plain_text', text: 'Save' },
      blocks: [{ type: 'input', block_id: 'time', label: { type: 'plain_text', text: 'Time' }, element: { type: 'timepicker', action_id: 't' } }],
    });
    const res = await driver.viewSubmission(GRACE, view.id, { time: { t: { selected_time: '25:00' } } });
    expect(res.body).toEqual({ response_action: 'errors', errors: { time: 'Use HH:MM' } });
    expect(ws.state.views.get(view.id)?.errors).toEqual({ time: 'Use HH:MM' });
  });

  test('an envelope nobody acks resolves with status 0 after the ack timeout', async () => {
    const res = await ws.socketDriver(200).command(GRACE, 'C0GENERAL', '/silent', '');
    expect(res).toMatchObject({ status: 0, body: undefined });
  });

  test('an events_api envelope is acked', async () => {
    const res = await driver.event({ type: 'reaction_added', user: GRACE, reaction: 'eyes', item: { type: 'message', channel: 'C0GENERAL', ts: '1.000001' }, event_ts: '1.000002' });
    expect(res.status).toBe(200);
    expect(res.sent).toMatchObject({ type: 'event_callback', team_id: 'T0LOCAL', event: { type: 'reaction_added' } });
  });
});

describe('Socket Mode reconnects', () => {
  test('a "disconnect" message makes the client reconnect with a fresh URL', async () => {
    const ws = await startFakeSlack();
    const receiver = new SocketModeReceiver({ appToken: ws.appToken, clientPingTimeout: 300, logger: silent, installerOptions: { clientOptions: ws.clientOptions } });
    const app = new App({ receiver, token: ws.botToken, ...ws.identity, clientOptions: ws.clientOptions, logger: silent });
    app.command('/occupancy', async ({ ack }) => {
      await ack({ text: 'pong' });
    });
    await app.start();
    try {
      ws.socket.requestReconnect('refresh_requested');
      await ws.waitFor(() => ws.callsTo('apps.connections.open').length === 2 && ws.socket.connections === 1);
      const res = await ws.socketDriver().command('U0LOCAL001', 'C0GENERAL', '/occupancy', '');
      expect(res.body).toEqual({ text: 'pong' });
    } finally {
      await app.stop();
      await ws.waitFor(() => ws.socket.connections === 0);
      await ws.close();
    }
  });
});
