import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { RequestGate, SIGNATURE_WINDOW_SECONDS } from '../../../../src/slack/gate';
import { readShape } from '../../../../src/slack/gate/shapes';

const SECRET = 'unit0gate0secret0000000000000000';
const NOW = Date.parse('2026-11-25T15:00:00Z');
const form = 'application/x-www-form-urlencoded';

function request(body: string, headers: Record<string, string>): IncomingMessage {
  return Object.assign(Readable.from([Buffer.from(body)]), { headers }) as unknown as IncomingMessage;
}

function signed(body: string, ts = String(Math.floor(NOW / 1000)), contentType = form): IncomingMessage {
  const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return request(body, { 'content-type': contentType, 'x-slack-request-timestamp': ts, 'x-slack-signature': sig });
}

const COMMAND = 'command=%2Foccupancy&text=help&user_id=U1&channel_id=C1&team_id=T1&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2Fx&trigger_id=1.2';

describe('the request gate', () => {
  const gate = () => new RequestGate({ signingSecret: SECRET, now: () => NOW });

  it('passes a signed command with its body, once; a second copy is a replay answered 200', async () => {
    const g = gate();
    const first = await g.admit(signed(COMMAND));
    expect(first).toMatchObject({ pass: true, contentType: form });
    expect(first.pass && first.body.toString()).toBe(COMMAND);
    expect(await g.admit(signed(COMMAND))).toMatchObject({ pass: false, status: 200, message: '' });
  });

  it('refuses timestamps that are not whole seconds inside the window, either side', async () => {
    const sec = Math.floor(NOW / 1000);
    for (const ts of ['Infinity', '1e400', `${sec}.5`, '', String(sec - SIGNATURE_WINDOW_SECONDS - 1), String(sec + SIGNATURE_WINDOW_SECONDS + 1)]) {
      expect(await gate().admit(signed(COMMAND, ts))).toMatchObject({ pass: false, status: 401 });
    }
    expect(await gate().admit(signed(COMMAND, String(sec + SIGNATURE_WINDOW_SECONDS)))).toMatchObject({ pass: true });
  });

  it('checks the signature before the shape: an unsigned bad body is 401, a signed one 400 naming the problem', async () => {
    expect(await gate().admit(request('payload=null', { 'content-type': form }))).toMatchObject({ pass: false, status: 401 });
    expect(await gate().admit(signed('payload=null'))).toMatchObject({ pass: false, status: 400, message: 'Bad request: payload is not an interaction Slack sends.' });
  });

  it('refuses a body over the limit by its declared length without reading it, and by its size when undeclared', async () => {
    const g = new RequestGate({ signingSecret: SECRET, now: () => NOW, bodyLimitBytes: 10 });
    expect(await g.admit(request('x', { 'content-length': '11' }))).toMatchObject({ pass: false, status: 413 });
    expect(await g.admit(signed(COMMAND))).toMatchObject({ pass: false, status: 413 });
  });

  it('admits, at its default limit, a click on a full Home tab as bench:gate measures it (259 KB)', async () => {
    const view = { id: 'V1', callback_id: '', state: { values: {} }, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '會'.repeat(30_000) } }] };
    const payload = { type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'digest_send', type: 'button' }], view };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    expect(body.length).toBeGreaterThan(259 * 1024);
    expect(await gate().admit(signed(body))).toMatchObject({ pass: true });
  });

  it("answers Slack's app_rate_limited notice at once (Bolt cannot tell what it is), with a warning", async () => {
    const notice = JSON.stringify({ token: 'x', type: 'app_rate_limited', team_id: 'T1', minute_rate_limited: 1796349600, api_app_id: 'A1' });
    expect(await gate().admit(signed(notice, undefined, 'application/json'))).toMatchObject({
      pass: false,
      status: 200,
      message: '',
      warn: true,
      reason: expect.stringContaining('app_rate_limited since 2026-12-04T'),
    });
  });

  it('lets the unsigned ssl_check through with nothing else in it', async () => {
    const v = await gate().admit(request('ssl_check=1&token=x', { 'content-type': form }));
    expect(v.pass && v.body.toString()).toBe('ssl_check=1');
  });
});

const BAD_INTERACTION = 'payload is not an interaction Slack sends';
const interaction = (payload: unknown): string => `payload=${encodeURIComponent(JSON.stringify(payload))}`;

describe('the shapes Slack sends', () => {
  it.each([
    ['a command', form, COMMAND, 'command'],
    ['a command with a charset', `${form}; charset=utf-8`, COMMAND, 'command'],
    ['block_actions', form, `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'a' }], extra: 1 }))}`, 'interaction'],
    ['view_submission', form, `payload=${encodeURIComponent(JSON.stringify({ type: 'view_submission', user: { id: 'U1' }, view: { id: 'V1', state: { values: { b: { a: { type: 'plain_text_input', value: 'x' } } } } } }))}`, 'interaction'],
    ['block_suggestion', form, `payload=${encodeURIComponent(JSON.stringify({ type: 'block_suggestion', user: { id: 'U1' }, action_id: 'a', value: 'dem' }))}`, 'interaction'],
    ['an event', 'application/json', JSON.stringify({ type: 'event_callback', team_id: 'T1', event: { type: 'app_home_opened', user: 'U1' } }), 'event'],
    ['url_verification', 'application/json', JSON.stringify({ type: 'url_verification', challenge: 'c' }), 'event'],
  ])('accepts %s', (_what, type, body, kind) => {
    expect(readShape(type, body)).toMatchObject({ kind });
  });

  it.each([
    ['two text= keys', form, `${COMMAND}&text=building+71`, 'the field text is given more than once'],
    ['a command without a user', form, 'command=%2Foccupancy&text=help', 'the body is not a slash command Slack sends'],
    ['payload=[]', form, 'payload=%5B%5D', 'payload is not an interaction Slack sends'],
    ['block_actions without actions', form, `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', user: { id: 'U1' } }))}`, 'payload is not an interaction Slack sends'],
    // Found by the property suite (test/property/forms): listeners read these as Slack types them.
    ['view_submission without its state', form, interaction({ type: 'view_submission', user: { id: 'U1' }, view: { id: 'V1' } }), BAD_INTERACTION],
    ...[
      { type: 'checkboxes', selected_options: 'x' },
      { type: 'plain_text_input', value: 5 },
      { type: 'radio_buttons', selected_option: 'x' },
      { type: 'static_select', selected_option: { value: 7 } },
      { type: 'timepicker', selected_time: 5 },
      { type: 'conversations_select', selected_conversation: {} },
    ].map((state): [string, string, string, string] => [`a form input ${JSON.stringify(state)}`, form, interaction({ type: 'view_submission', user: { id: 'U1' }, view: { id: 'V1', state: { values: { b: { a: state } } } } }), BAD_INTERACTION]),
    ['an action value that is a number', form, interaction({ type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'a', value: 5 }] }), BAD_INTERACTION],
    ['a JSON null', 'application/json', 'null', 'the body is not an event Slack sends'],
    ['text/plain', 'text/plain', 'hello', 'content-type must be application/x-www-form-urlencoded or application/json'],
  ])('refuses %s, saying why', (_what, type, body, problem) => {
    expect(readShape(type, body)).toEqual({ kind: 'bad', problem });
  });
});
