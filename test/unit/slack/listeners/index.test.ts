import { App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import { ACTION_IDS, buildHelpMessage } from '../../../../src/slack/blocks';
import { LISTENERS, registerListeners } from '../../../../src/slack/listeners';
import { CHANNEL, RESPONSE_URL, TEAM, TRIGGER, USER, listenerDeps } from './helpers';

/** Bolt's receiver port, with nothing behind it: events are pushed in with app.processEvent. */
const idleReceiver: Receiver = { init: () => undefined, start: async () => undefined, stop: async () => undefined };

function boltApp() {
  const app = new App({ token: 'xoxb-test', receiver: idleReceiver, botId: 'B0BOT', botUserId: 'U0BOT', convoStore: false });
  const t = listenerDeps();
  registerListeners(app, t.deps);
  return { app, t };
}

/** Pushes one request through Bolt; resolves with what it was acked with, once every listener has run. */
async function acksOf(app: App, body: Record<string, unknown>): Promise<unknown[]> {
  const acks: unknown[] = [];
  await app.processEvent({ body, ack: async (response?: unknown) => void acks.push(response) } as ReceiverEvent);
  return acks;
}

const interaction = (payload: Record<string, unknown>) => ({
  team: { id: TEAM },
  user: { id: USER, team_id: TEAM },
  api_app_id: 'A0APP',
  trigger_id: TRIGGER,
  ...payload,
});

describe('registerListeners', () => {
  it('dispatches every listed action id to its listener, which acks it once', async () => {
    const { app } = boltApp();
    for (const id of LISTENERS.actions) {
      const acks = await acksOf(app, interaction({ type: 'block_actions', container: { type: 'message' }, channel: { id: CHANNEL }, response_url: RESPONSE_URL, actions: [{ action_id: id, block_id: 'b', type: 'button', value: 'not-a-real-value' }] }));
      expect([id, acks.length]).toEqual([id, 1]);
    }
  });

  it('dispatches every listed menu to its listener, which answers once with options from the name directory', async () => {
    const app = new App({ token: 'xoxb-test', receiver: idleReceiver, botId: 'B0BOT', botUserId: 'U0BOT', convoStore: false });
    const asked: string[] = [];
    const t = listenerDeps({
      names: {
        search: async (kind, query) => {
          asked.push(`${kind}:${query}`);
          return [{ kind, id: 71, name: 'DEMO' }];
        },
      },
    });
    registerListeners(app, t.deps);
    expect(LISTENERS.options.length).toBeGreaterThan(0);
    for (const id of LISTENERS.options) {
      const acks = await acksOf(app, interaction({ type: 'block_suggestion', action_id: id, block_id: 'b', value: 'de', container: { type: 'view' }, view: { id: 'V1', callback_id: 'x' } }));
      expect([id, acks]).toEqual([id, [{ options: [{ text: { type: 'plain_text', text: 'DEMO (71)' }, value: '71' }] }]]);
    }
    expect(asked).toHaveLength(LISTENERS.options.length);
    expect(asked.every((a) => a.endsWith(':de'))).toBe(true);
  });

  it('acks at once what nobody handles: an unknown action, a closed form, a shortcut, a suggestion', async () => {
    const { app, t } = boltApp();
    expect(await acksOf(app, interaction({ type: 'block_actions', container: { type: 'message' }, actions: [{ action_id: 'nobody.handles', block_id: 'b', type: 'button' }] }))).toEqual([undefined]);
    expect(await acksOf(app, interaction({ type: 'view_submission', view: { id: 'V1', callback_id: 'nobody.handles', state: { values: {} } } }))).toEqual([undefined]);
    expect(await acksOf(app, interaction({ type: 'view_closed', view: { id: 'V1', callback_id: 'anything' }, is_cleared: false }))).toEqual([undefined]);
    expect(await acksOf(app, interaction({ type: 'shortcut', callback_id: 'anything' }))).toEqual([undefined]);
    expect(await acksOf(app, interaction({ type: 'block_suggestion', action_id: 'anything', block_id: 'b', value: 'x', container: { type: 'view' }, view: { id: 'V1', callback_id: 'x' } }))).toEqual([{ options: [] }]);
    expect(t.lines.some((l) => l.msg === 'a request no listener takes: acknowledged, nothing done')).toBe(true);
  });

  it('lists every action id the messages use', () => {
    for (const id of Object.values(ACTION_IDS)) expect(LISTENERS.actions).toContain(id);
    expect(LISTENERS.commands).toEqual(['/occupancy']);
    expect(LISTENERS.events).toEqual(['app_home_opened']);
  });

  it('routes a slash command through Bolt to its listener', async () => {
    const { app } = boltApp();
    const acks = await acksOf(app, { command: '/occupancy', text: 'help', team_id: TEAM, user_id: USER, channel_id: CHANNEL, trigger_id: TRIGGER, response_url: RESPONSE_URL, api_app_id: 'A0APP' });
    expect(acks).toEqual([{ response_type: 'ephemeral', ...buildHelpMessage() }]);
  });
});
