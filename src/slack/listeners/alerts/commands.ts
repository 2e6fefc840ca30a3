/** `/occupancy subscribe …`, `subscriptions` and `unsubscribe <id>`. */
import { InternalError } from '../../../errors';
import { buildSubscriptionChangedMessage, buildSubscriptionSavedMessage } from '../../blocks/alert-notices';
import { buildSubscriptionsMessage } from '../../blocks/subscriptions';
import type { SubscribeCommand } from '../../parser/types';
import { actorOf, errorReply, type CommandRequester, type ListenerDeps, type Subcommand } from '../context';
import { openNewForm } from './form';

const logFor = (deps: ListenerDeps, command: string, who: CommandRequester) => deps.logger.child({ command, team: who.teamId, user: who.userId });

export const subscribeCommand: Subcommand<SubscribeCommand> = async (deps, command, who, reply) => {
  try {
    if (command.action === 'modal') {
      if (!who.triggerId) throw new InternalError('no trigger_id with the command');
      await openNewForm(deps, who.triggerId, { id: null, channel: who.channelId, home: false });
      return;
    }
    const saved = await deps.alerts.subscriptions.create(actorOf(who), command.draft);
    await reply(buildSubscriptionSavedMessage(saved.rule, saved.backtest, 'created'));
  } catch (err) {
    await reply(errorReply(err, { kind: 'subscription' }, logFor(deps, 'subscribe', who)));
  }
};

export const subscriptionsCommand: Subcommand<{ readonly kind: 'subscriptions' }> = async (deps, _command, who, reply) => {
  try {
    await reply(buildSubscriptionsMessage({ subscriptions: await deps.alerts.subscriptions.summaries(actorOf(who)) }));
  } catch (err) {
    await reply(errorReply(err, { kind: 'subscription' }, logFor(deps, 'subscriptions', who)));
  }
};

export const unsubscribeCommand: Subcommand<{ readonly kind: 'unsubscribe'; readonly id: number }> = async (deps, command, who, reply) => {
  try {
    await deps.alerts.subscriptions.remove(actorOf(who), command.id);
    await reply(buildSubscriptionChangedMessage(command.id, 'removed'));
  } catch (err) {
    await reply(errorReply(err, { kind: 'subscription', id: command.id }, logFor(deps, 'unsubscribe', who)));
  }
};
