/**
 * Every listener of the app, by feature, and the one function that registers them on Bolt.
 * LISTENERS is the same table read as a list: the manifest test compares it with manifest.yml.
 */
import type { App, BlockAction, ViewSubmitAction } from '@slack/bolt';
import { alertListeners } from './alerts';
import type { FeatureListeners, Listener, ListenerDeps } from './context';
import { digestListeners } from './digests';
import { homeListeners } from './home';
import { occupancyListeners } from './occupancy';
import { reportListeners } from './report';

export type { ListenerDeps } from './context';

const FEATURES: readonly FeatureListeners[] = [occupancyListeners, reportListeners, digestListeners, alertListeners, homeListeners];

/** What the app listens to: slash commands, action ids, view callback ids, events. */
export interface ListenerList {
  readonly commands: readonly string[];
  readonly actions: readonly string[];
  readonly views: readonly string[];
  readonly events: readonly string[];
}

const idsOf = (pick: (f: FeatureListeners) => object | undefined): string[] => FEATURES.flatMap((f) => Object.keys(pick(f) ?? {}));

export const LISTENERS: ListenerList = {
  commands: idsOf((f) => f.commands),
  actions: idsOf((f) => f.actions),
  views: idsOf((f) => f.views),
  events: idsOf((f) => f.events),
};

/**
 * One Bolt listener per kind, each dispatching by id through a table: Bolt runs every
 * registered listener's matchers for every request, so 28 registrations cost 28 chains on the
 * ack path of each one. An id nobody handles (a link button, a stale message's action) is
 * acknowledged at once rather than left for Slack to time out.
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  const table = <A>(pick: (f: FeatureListeners) => Readonly<Record<string, Listener<A>>> | undefined) =>
    new Map(FEATURES.flatMap((f) => Object.entries(pick(f) ?? {}).map(([id, listener]) => [id, listener(deps)] as const)));
  const commands = table((f) => f.commands);
  const actions = table((f) => f.actions);
  const views = table((f) => f.views);
  const unhandled = deps.logger.child({ component: 'listeners' });

  for (const [name, handler] of commands) app.command(name, handler);
  app.action<BlockAction>(ANY_ID, async (args) => {
    const handler = actions.get(args.action.action_id);
    if (handler) return handler(args);
    unhandled.debug({ action: args.action.action_id }, 'acknowledged an action nobody handles');
    await args.ack();
  });
  app.view<ViewSubmitAction>(ANY_ID, async (args) => {
    const handler = views.get(args.view.callback_id);
    if (handler) return handler(args);
    unhandled.debug({ view: args.view.callback_id }, 'acknowledged a form nobody handles');
    await args.ack();
  });
  // Nothing here asks for these yet; answered at once so Slack never waits 3 s on them.
  app.view({ type: 'view_closed', callback_id: ANY_ID }, async ({ ack }) => ack());
  app.shortcut(ANY_ID, async ({ ack }) => ack());
  app.options(ANY_ID, async ({ ack }) => ack({ options: [] }));
  for (const feature of FEATURES) if (feature.events?.app_home_opened) app.event('app_home_opened', feature.events.app_home_opened(deps));
}

/** Matches every action id and callback id (Bolt tests a RegExp against them). */
const ANY_ID = /^/;
