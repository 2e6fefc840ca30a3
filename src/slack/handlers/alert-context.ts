/**
 * What every alert listener shares: its dependencies, telling the user how something went,
 * and redrawing their App Home.
 */
import { toAppError } from '../../errors';
import type { Logger } from '../../logging/logger';
import type { Alerts, Who } from '../../services/alerts';
import { buildAlertErrorMessage } from '../blocks/alert-notices';
import { buildHomeView } from '../blocks/home';
import type { SlackMessage } from '../blocks/kit';
import type { SlackGateway } from '../gateway';
import type { InFlight } from '../inflight';
import type { Requester } from './context';

export interface AlertSlackDeps {
  readonly logger: Logger;
  readonly inflight: InFlight;
  readonly alerts: Pick<Alerts, 'subscriptions' | 'rules' | 'home'>;
  readonly slack: SlackGateway;
}

export function whoOf(r: Requester): Who {
  return { teamId: r.teamId, userId: r.userId };
}

export function errorMessage(err: unknown, id?: number): SlackMessage {
  return buildAlertErrorMessage(toAppError(err), { kind: 'subscription', ...(id !== undefined ? { id } : {}) });
}

/** An ephemeral message where the user is, or a direct message when that is not possible. */
export async function tellUser(deps: AlertSlackDeps, who: Who, channel: string | null, msg: SlackMessage): Promise<void> {
  if (channel && !channel.startsWith('D')) {
    try {
      await deps.slack.postEphemeral(channel, who.userId, msg);
      return;
    } catch (err) {
      deps.logger.debug({ err, channel }, 'ephemeral answer not possible; sending a direct message');
    }
  }
  try {
    await deps.slack.postMessage(await deps.slack.openDm(who.userId), msg);
  } catch (err) {
    deps.logger.warn({ err, user: who.userId }, 'could not tell the user about their alert');
  }
}

export async function refreshHome(deps: AlertSlackDeps, who: Who): Promise<void> {
  try {
    await deps.slack.publishHome(who.userId, buildHomeView(await deps.alerts.home.view(who)));
  } catch (err) {
    deps.logger.warn({ err, user: who.userId }, 'could not publish App Home');
  }
}
