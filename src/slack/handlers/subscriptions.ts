/**
 * `/occupancy subscribe|subscriptions|unsubscribe`.
 */
import { buildSubscriptionChangedMessage, buildSubscriptionSavedMessage } from '../blocks/alert-notices';
import { buildSubscriptionsMessage } from '../blocks/subscriptions';
import type { SubcommandHandlers } from '../listeners/occupancy-command';
import { errorMessage, whoOf, type AlertSlackDeps } from './alert-context';
import { openNewForm } from './subscribe-form';

/** The three subcommands, for registerOccupancyCommand's handler map. */
export function subscriptionSubcommands(deps: AlertSlackDeps): Required<Pick<SubcommandHandlers, 'subscribe' | 'subscriptions' | 'unsubscribe'>> {
  return {
    async subscribe(command, r, reply) {
      if (command.action === 'modal') {
        try {
          if (!r.triggerId) throw new Error('no trigger_id on the command');
          await openNewForm(deps, r.triggerId, { id: null, channel: r.channelId, home: false });
        } catch (err) {
          deps.logger.warn({ err }, 'could not open the alert form');
          await reply(errorMessage(err));
        }
        return;
      }
      try {
        const saved = await deps.alerts.subscriptions.create(whoOf(r), command.draft);
        await reply(buildSubscriptionSavedMessage(saved.rule, saved.backtest, 'created'));
      } catch (err) {
        deps.logger.info({ err }, 'alert not created');
        await reply(errorMessage(err));
      }
    },
    async subscriptions(_command, r, reply) {
      try {
        await reply(buildSubscriptionsMessage({ subscriptions: await deps.alerts.subscriptions.summaries(whoOf(r)) }));
      } catch (err) {
        deps.logger.warn({ err }, 'could not list alerts');
        await reply(errorMessage(err));
      }
    },
    async unsubscribe(command, r, reply) {
      try {
        await deps.alerts.subscriptions.remove(whoOf(r), command.id);
        await reply(buildSubscriptionChangedMessage(command.id, 'removed'));
      } catch (err) {
        deps.logger.info({ err, id: command.id }, 'alert not removed');
        await reply(errorMessage(err, command.id));
      }
    },
  };
}
