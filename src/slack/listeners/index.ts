/**
 * Every listener of the app, by feature, and the one function that registers them on Bolt.
 * LISTENERS is the same table read as a list: the manifest test compares it with manifest.yml.
 */
import type { App, BlockAction, ViewSubmitAction } from '@slack/bolt';
import { alertListeners } from './alerts';
import type { FeatureListeners, ListenerDeps } from './context';
import { digestListeners } from './digests';
import { homeListeners } from './home';
import { occupancyListeners } from './occupancy';
import { reportListeners } from './report';
import { ackUnheard } from './unheard';

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

export function registerListeners(app: App, deps: ListenerDeps): void {
  app.use(ackUnheard(LISTENERS, deps.logger));
  for (const feature of FEATURES) {
    for (const [name, listener] of Object.entries(feature.commands ?? {})) app.command(name, listener(deps));
    for (const [id, listener] of Object.entries(feature.actions ?? {})) app.action<BlockAction>(id, listener(deps));
    for (const [id, listener] of Object.entries(feature.views ?? {})) app.view<ViewSubmitAction>(id, listener(deps));
    if (feature.events?.app_home_opened) app.event('app_home_opened', feature.events.app_home_opened(deps));
  }
}
