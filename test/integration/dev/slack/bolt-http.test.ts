import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type BlockAction, type ButtonAction, type Logger } from '@slack/bolt';
import type { SlackDriver } from '../../../../dev/slack';
import { startFakeSlack, TEST_SIGNING_SECRET, type FakeSlack } from '../../../fakes/slack';

const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, setLevel: () => {}, getLevel: () => 'error' as never, setName: () => {} };

const GRACE = 'U0LOCAL001';

describe('a Bolt app in HTTP mode against the embedded workspace', () => {
  let ws: FakeSlack;
  let app: App;
  let driver: SlackDriver;
  const heard: string[] = [];

  beforeAll(async () => {
    ws = await startFakeSlack();
    const receiver = new HTTPReceiver({ signingSecret: TEST_SIGNING_SECRET, logger: silent });
    app = new App({ receiver, token: ws.botToken, ...ws.identity, clientOptions: ws.clientOptions, logger: silent });
    app.command('/occupancy', async ({ command, ack, respond }) => {
      await ack();
      heard.push(command.text);
      if (command.text === 'digest') {
        await app.client.views.open({
          trigger_id: command.trigger_id,
          view: {
            type: 'modal', callback_id: 'digest', title: { type: 'plain_text', text: 'Daily digest' }, submit: { type: 'plain_text', text: 'Save' },
            blocks: [{ type: 'input', block_id: 'time', label: { type: 'plain_text', text: 'Time' }, element: { type: 'plain_text_input', action_id: 'hhmm' } }],
          },
        });
        return;
      }
      await respond({
        response_type: 'ephemeral', text: `Building ${command.text}`,
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: `*Building ${command.text}*` } },
          { type: 'actions', block_id: 'nav', elements: [{ type: 'button', action_id: 'share', text: { type: 'plain_text', text: 'Share in channel' }, value: command.text }] },
        ],
      });
    });
    app.action<BlockAction<ButtonAction>>('share', async ({ ack, action, body, respond }) => {
      await ack();
      heard.push(`share:${action.value ?? ''}:${body.container.is_ephemeral === true}:${body.message === undefined}`);
      await respond({ delete_original: true, response_type: 'in_channel', text: `Building ${action.value ?? ''} (shared by <@${body.user.id}>)` });
    });
    app.view('digest', async ({ ack, view }) => {
      const hhmm = view.state.values.time?.hhmm?.value ?? '';
      if (!/^\d\d:\d\d$/.test(hhmm)) {
        await ack({ response_action: 'errors', errors: { time: 'Use HH:MM, like 08:30' } });
        return;
      }
      await ack();
    });
    app.event('app_home_opened', async ({ event, client }) => {
      await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Your digests' } }] } });
    });
    const server = (await app.start(0)) as Server;
    driver = ws.httpDriver(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await app.stop();
    await ws.close();
  });
  beforeEach(() => {
    ws.reset();
    heard.length = 0;
  });

  test('a slash command is acked, and the answer arrives at its response_url as an ephemeral message', async () => {
    const res = await driver.command(GRACE, 'C0GENERAL', '/occupancy', '71');
    expect(res.status).toBe(200);
    expect(res.sent).toMatchObject({ command: '/occupancy', text: '71', user_id: GRACE, channel_id: 'C0GENERAL', channel_name: 'general', team_id: 'T0LOCAL' });
    const answer = await ws.waitForResponse(res.responseUrlId);
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', text: 'Building 71' });
    expect(ws.state.messagesFor('C0GENERAL', GRACE)).toMatchObject([{ text: 'Building 71', ephemeralFor: GRACE }]);
  });

  test('a button on the ephemeral answer shares it: the payload has no message, as Slack sends it', async () => {
    const cmd = await driver.command(GRACE, 'C0GENERAL', '/occupancy', '71');
    await ws.waitForResponse(cmd.responseUrlId);
    const [eph] = ws.state.messagesFor('C0GENERAL', GRACE);
    const res = await driver.blockAction(GRACE, 'C0GENERAL', { messageTs: eph?.ts ?? '' }, { action_id: 'share' });
    expect(res.status).toBe(200);
    expect(res.sent).toMatchObject({ type: 'block_actions', container: { type: 'message', is_ephemeral: true }, actions: [{ action_id: 'share', block_id: 'nav', value: '71', type: 'button' }] });
    await ws.waitForResponse(res.responseUrlId);
    expect(heard).toContain('share:71:true:true');
    expect(ws.state.messagesFor('C0GENERAL', 'U0LOCAL002').map((m) => m.text)).toEqual([`Building 71 (shared by <@${GRACE}>)`]);
    expect(ws.state.messagesFor('C0GENERAL', GRACE)).toHaveLength(1);
  });

  test('a modal opened with the trigger_id shows response_action errors, then closes on a good submission', async () => {
    await driver.command(GRACE, 'C0FACILITY', '/occupancy', 'digest');
    const [modal] = await ws.waitFor(() => (ws.state.views.stack(GRACE).length > 0 ? ws.state.views.stack(GRACE) : undefined));
    const bad = await driver.viewSubmission(GRACE, modal?.id ?? '', { time: { hhmm: { value: 'eight' } } });
    expect(bad).toMatchObject({ status: 200, body: { response_action: 'errors', errors: { time: 'Use HH:MM, like 08:30' } } });
    expect(bad.sent).toMatchObject({ type: 'view_submission', view: { callback_id: 'digest', state: { values: { time: { hhmm: { type: 'plain_text_input', value: 'eight' } } } } } });
    expect(ws.state.views.stack(GRACE)[0]?.errors).toEqual({ time: 'Use HH:MM, like 08:30' });
    const good = await driver.viewSubmission(GRACE, modal?.id ?? '', { time: { hhmm: { value: '08:30' } } });
    expect(good.status).toBe(200);
    expect(ws.state.views.stack(GRACE)).toEqual([]);
  });

  test('app_home_opened leads to views.publish of the Home tab', async () => {
    const res = await driver.appHomeOpened(GRACE);
    expect(res.status).toBe(200);
    expect(res.sent).toMatchObject({ type: 'event_callback', event: { type: 'app_home_opened', user: GRACE, tab: 'home' } });
    await ws.waitForCall('views.publish');
    expect(ws.state.views.home(GRACE)?.definition.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'Your digests' } }]);
  });

  describe('signatures', () => {
    const now = () => Math.floor(Date.now() / 1000);

    test('a correct signature is accepted', async () => {
      expect((await driver.command(GRACE, 'C0GENERAL', '/occupancy', '1')).status).toBe(200);
    });

    test('a timestamp 301 s old is refused with 401 and the listener never runs', async () => {
      const res = await driver.command(GRACE, 'C0GENERAL', '/occupancy', 'stale', { timestamp: now() - 301 });
      expect(res.status).toBe(401);
      expect(heard).toEqual([]);
    });

    test('a body changed after signing is refused with 401', async () => {
      const res = await driver.command(GRACE, 'C0GENERAL', '/occupancy', '71', { tamper: (b) => b.replace('text=71', 'text=72') });
      expect(res.status).toBe(401);
      expect(heard).toEqual([]);
    });

    test('a wrong secret and a missing signature are refused', async () => {
      expect((await driver.command(GRACE, 'C0GENERAL', '/occupancy', '71', { signingSecret: 'another0secret0entirely0000' })).status).toBe(401);
      expect((await driver.command(GRACE, 'C0GENERAL', '/occupancy', '71', { unsigned: true })).status).toBe(401);
      expect(heard).toEqual([]);
    });

    test('Bolt alone accepts a timestamp 10 minutes ahead (the app adds its own two-sided check)', async () => {
      const res = await driver.command(GRACE, 'C0GENERAL', '/occupancy', 'future', { timestamp: now() + 600 });
      expect(res.status).toBe(200);
      expect(heard).toEqual(['future']);
    });
  });
});
