/**
 * Every listener of the app, by feature, and the one function that registers them on Bolt.
 * LISTENERS is the same table read as a list: the manifest test compares it with manifest.yml.
 */
import type { App, BlockAction, ViewSubmitAction } from '@slack/bolt';
import { responseUrlOf, type Respond } from '../response-url';
import { alertListeners } from './alerts';
import type { FeatureListeners, Listener, ListenerDeps } from './context';
import { digestListeners } from './digests';
import { homeListeners } from './home';
import { occupancyListeners } from './occupancy';
import { reportListeners } from './report';
import { ackUnheard } from './unheard';

export type { ListenerDeps } from './context';

const FEATURES: readonly FeatureListeners[] = [occupancyListeners, reportListeners, digestListeners, alertListeners, homeListeners];

/** What the app listens to: slash commands, action ids, view callback ids, menus' action ids, events. */
export interface ListenerList {
  readonly commands: readonly string[];
  readonly actions: readonly string[];
  readonly views: readonly string[];
  /** Action ids of the menus whose options the app sends (block_suggestion). */
  readonly options: readonly string[];
  readonly events: readonly string[];
}

const idsOf = (pick: (f: FeatureListeners) => object | undefined): string[] => FEATURES.flatMap((f) => Object.keys(pick(f) ?? {}));

export const LISTENERS: ListenerList = {
  commands: idsOf((f) => f.commands),
  actions: idsOf((f) => f.actions),
  views: idsOf((f) => f.views),
  options: idsOf((f) => f.options),
  events: idsOf((f) => f.events),
};

/**
 * One Bolt listener per kind, each dispatching by id through a table: Bolt runs every
 * registered listener's matchers for every request, so 28 registrations cost 28 chains on the
 * ack path of each one.
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  // Requests no listener takes are acknowledged before any listener runs (./unheard.ts).
  app.use(ackUnheard(LISTENERS, deps.logger));
  const table = <A>(pick: (f: FeatureListeners) => Readonly<Record<string, Listener<A>>> | undefined) =>
    new Map(FEATURES.flatMap((f) => Object.entries(pick(f) ?? {}).map(([id, listener]) => [id, listener(deps)] as const)));
  const commands = table((f) => f.commands);
  const actions = table((f) => f.actions);
  const views = table((f) => f.views);
  const options = table((f) => f.options);

  // Every answer through a response_url goes by the app's poster (../response-url.ts), not Bolt's fetch.
  const ownRespond = <A extends { body: unknown }>(args: A): Omit<A, 'respond'> & { respond: Respond } => ({
    ...args,
    respond: deps.responseUrls.respondFor(responseUrlOf(args.body)),
  });
  for (const [name, handler] of commands) app.command(name, async (args) => handler(ownRespond(args)));
  // ackUnheard let these through only with an id of the tables.
  app.action<BlockAction>(ANY_ID, async (args) => actions.get(args.action.action_id)?.(ownRespond(args)));
  app.view<ViewSubmitAction>(ANY_ID, async (args) => views.get(args.view.callback_id)?.(ownRespond(args)));
  app.options<'block_suggestion'>(ANY_ID, async (args) => options.get(args.payload.action_id)?.(args));
  for (const feature of FEATURES) if (feature.events?.app_home_opened) app.event('app_home_opened', feature.events.app_home_opened(deps));
}

/** Matches every action id and callback id (Bolt tests a RegExp against them). */
const ANY_ID = /^/;
