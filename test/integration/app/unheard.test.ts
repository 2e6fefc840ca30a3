import { signSlackRequest } from '../../../dev/slack';
import { TEST_SIGNING_SECRET } from '../../fakes/slack';
import { startTestApp, type TestApp } from './harness';

const GRACE = 'U0LOCAL001';

/**
 * Requests no listener takes are acknowledged at once with 200, not left to Bolt's timeout
 * (past Slack's 3 s, then a 404): found by the property suite (test/property/interactions).
 */
describe('requests no listener takes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  const post = async (payload: Record<string, unknown>) => {
    const raw = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`http://127.0.0.1:${t.app.port}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signSlackRequest(TEST_SIGNING_SECRET, ts, raw) },
      body: raw,
    });
    return { status: res.status, text: await res.text() };
  };
  const user = { id: GRACE, username: 'grace', team_id: 'T0LOCAL' };
  const team = { id: 'T0LOCAL', domain: 'local-workspace' };

  it('a button the bot no longer has (a message drawn by an older version)', async () => {
    const answer = await t.driver.command(GRACE, 'C0GENERAL', '/occupancy', 'help');
    expect(answer.status).toBe(200);
    const res = await post({
      type: 'block_actions', user, team, trigger_id: t.slack.mintTriggerId(GRACE), container: { type: 'message', message_ts: '1.2', channel_id: 'C0GENERAL' },
      channel: { id: 'C0GENERAL', name: 'general' }, actions: [{ action_id: 'occupancy_retired_button', block_id: 'b', type: 'button', value: 'x', action_ts: '1.3' }],
    });
    expect(res).toEqual({ status: 200, text: '' });
    expect(t.logs.join('')).toContain('a request no listener takes');
  });

  it('a menu asking for options answers with none', async () => {
    const res = await post({ type: 'block_suggestion', user, team, action_id: 'anything', block_id: 'b', value: 'bu' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ options: [] });
  });

  it.each([
    ['shortcut', { type: 'shortcut', callback_id: 'open_occupancy', trigger_id: 'x', user, team }],
    ['message_action', { type: 'message_action', callback_id: 'share_it', trigger_id: 'x', user, team, channel: { id: 'C0GENERAL' }, message: { ts: '1.2', text: 'hi' } }],
    ['view_closed', { type: 'view_closed', user, team, view: { id: 'V1', callback_id: 'occupancy_digest_modal', state: { values: {} } } }],
    ['view_submission of a form the bot does not have', { type: 'view_submission', user, team, view: { id: 'V1', callback_id: 'old_form', state: { values: {} } } }],
  ])('%s', async (_label, payload) => {
    expect(await post(payload)).toEqual({ status: 200, text: '' });
  });

  it('a slash command the bot does not have', async () => {
    const res = await t.driver.command(GRACE, 'C0GENERAL', '/occupancy-old', 'help');
    expect(res.status).toBe(200);
  });
});
