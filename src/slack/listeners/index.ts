/**
 * Every listener of the app, by feature, and the one function that registers them on Bolt.
 * LISTENERS is the same table read as a list: the manifest test compares it with manifest.yml.
 */
import type { App } from '@slack/bolt';
import { responseUrlOf, type Respond } from '../response-url';
import { alertListeners } from './alerts';
import type { BoltActionArgs, BoltCommandArgs, BoltViewArgs, FeatureListeners, HomeOpenedArgs, Listener, ListenerDeps, OptionsArgs } from './context';
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
 * No Bolt listener at all: one router, the last global middleware, dispatches each request by
 * its kind and id through a table. Bolt runs the chain of every registered listener for every
 * request, and each chain leaves closures behind; with a listener per kind those were most of
 * what the garbage collector promoted under load (npm run bench:ack), and its pauses are what
 * acks wait behind. The router sees the same arguments a listener would.
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  // Requests no listener takes are acknowledged before the router runs (./unheard.ts).
  app.use(ackUnheard(LISTENERS, deps.logger));
  const table = <A>(pick: (f: FeatureListeners) => Readonly<Record<string, Listener<A>>> | undefined) =>
    new Map(FEATURES.flatMap((f) => Object.entries(pick(f) ?? {}).map(([id, listener]) => [id, listener(deps)] as const)));
  const commands = table((f) => f.commands);
  const actions = table((f) => f.actions);
  const views = table((f) => f.views);
  const options = table((f) => f.options);
  const homeOpened = FEATURES.flatMap((f) => (f.events?.app_home_opened ? [f.events.app_home_opened(deps)] : []));

  // Every answer through a response_url goes by the app's poster (../response-url.ts), not Bolt's fetch.
  const ownRespond = <A extends { body: unknown }>(args: A): Omit<A, 'respond'> & { respond: Respond } => ({
    ...args,
    respond: deps.responseUrls.respondFor(responseUrlOf(args.body)),
  });
  app.use(async (args) => {
    const kind = (args.body as { type?: unknown }).type;
    if ('command' in args) {
      await commands.get(args.command.command)?.(ownRespond(args as BoltCommandArgs));
    } else if ('action' in args && kind === 'block_actions') {
      const a = args as BoltActionArgs;
      await actions.get(a.action.action_id)?.(ownRespond(a));
    } else if ('view' in args && kind === 'view_submission') {
      const v = args as BoltViewArgs;
      await views.get(v.view.callback_id)?.(ownRespond(v));
    } else if ('options' in args && kind === 'block_suggestion') {
      const o = args as OptionsArgs;
      await options.get(o.payload.action_id)?.(o);
    } else if ('event' in args && args.event.type === 'app_home_opened') {
      const e = args as HomeOpenedArgs;
      await Promise.all(homeOpened.map((listener) => listener(e)));
    }
  });
}
