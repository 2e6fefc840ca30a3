import type { App } from '@slack/bolt';
import { refreshHome, type AlertSlackDeps } from '../handlers/alert-context';

/** App Home: drawn afresh each time the tab is opened (events are acknowledged by Bolt). */
export function registerAppHome(app: App, deps: AlertSlackDeps): void {
  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    const who = { teamId: body.team_id, userId: event.user };
    deps.inflight.run(
      () => refreshHome(deps, who),
      (err) => deps.logger.warn({ err, user: who.userId }, 'drawing App Home failed'),
    );
  });
}
