/** App Home: drawn afresh each time the tab is opened, and after anything on it changed. */
import { buildHomeView } from '../../blocks/home';
import { actorOf, requesterOf, type Actor, type HomeOpenedArgs, type Listener, type ListenerDeps } from '../context';

/** Publishes the user's App Home; a failure is logged, never thrown. */
export async function refreshHome(deps: Pick<ListenerDeps, 'alerts' | 'chat' | 'logger'>, who: Actor): Promise<void> {
  try {
    await deps.chat.publishHome(who.userId, buildHomeView(await deps.alerts.home.view(who)));
  } catch (err) {
    deps.logger.warn({ err, user: who.userId }, 'could not publish App Home');
  }
}

/** Events are acknowledged by Bolt itself. */
export const homeOpened: Listener<HomeOpenedArgs> = (deps) => async ({ event, body }) => {
  if (event.tab !== 'home') return;
  const who = actorOf(requesterOf(body));
  deps.inflight.run(
    () => refreshHome(deps, who),
    (err) => deps.logger.warn({ err, user: who.userId }, 'drawing App Home failed'),
  );
};
