import { App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import { ACTION_IDS, buildHelpMessage } from '../../../../src/slack/blocks';
import { LISTENERS, registerListeners } from '../../../../src/slack/listeners';
import { CHANNEL, RESPONSE_URL, TEAM, TRIGGER, USER, listenerDeps } from './helpers';

/** Records what is registered, as Bolt's App would receive it. */
function recordingApp() {
  const registered = { commands: [] as string[], actions: [] as string[], views: [] as string[], events: [] as string[], middleware: 0 };
  const app = {
    use: () => void (registered.middleware += 1),
    command: (id: string) => void registered.commands.push(id),
    action: (id: string) => void registered.actions.push(id),
    view: (id: string) => void registered.views.push(id),
    event: (id: string) => void registered.events.push(id),
  };
  return { app: app as unknown as App, registered };
}

/** Bolt's receiver port, with nothing behind it: events are pushed in with app.processEvent. */
const idleReceiver: Receiver = { init: () => undefined, start: async () => undefined, stop: async () => undefined };

describe('registerListeners', () => {
  it('registers exactly what LISTENERS lists, each once', () => {
    const { app, registered } = recordingApp();
    registerListeners(app, listenerDeps().deps);
    expect(registered).toEqual({
      commands: [...LISTENERS.commands],
      actions: [...LISTENERS.actions],
      views: [...LISTENERS.views],
      events: [...LISTENERS.events],
      // The one global middleware: it acks what no listener takes (unheard.ts).
      middleware: 1,
    });
    expect(new Set(registered.actions).size).toBe(registered.actions.length);
  });

  it('lists every action id the messages use', () => {
    for (const id of Object.values(ACTION_IDS)) expect(LISTENERS.actions).toContain(id);
    expect(LISTENERS.commands).toEqual(['/occupancy']);
    expect(LISTENERS.events).toEqual(['app_home_opened']);
  });

  it('routes a slash command through Bolt to its listener', async () => {
    const app = new App({ token: 'xoxb-test', receiver: idleReceiver, botId: 'B0BOT', botUserId: 'U0BOT', convoStore: false });
    const t = listenerDeps();
    registerListeners(app, t.deps);
    const acks: unknown[] = [];
    const event: ReceiverEvent = {
      body: { command: '/occupancy', text: 'help', team_id: TEAM, user_id: USER, channel_id: CHANNEL, trigger_id: TRIGGER, response_url: RESPONSE_URL, api_app_id: 'A0APP' },
      ack: async (response?: unknown) => void acks.push(response),
    };
    await app.processEvent(event);
    expect(acks).toEqual([{ response_type: 'ephemeral', ...buildHelpMessage() }]);
  });
});
