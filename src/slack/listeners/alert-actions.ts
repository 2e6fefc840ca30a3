import type { App, BlockAction, ButtonAction, RespondFn, StaticSelectAction } from '@slack/bolt';
import type { Who } from '../../services/alerts';
import { buildSubscriptionChangedMessage } from '../blocks/alert-notices';
import { ACTION_IDS } from '../blocks/ids';
import type { SlackMessage } from '../blocks/kit';
import { buildSubscriptionsMessage } from '../blocks/subscriptions';
import { decodeIdValue, decodeSnoozeValue } from '../blocks/values';
import { errorMessage, refreshHome, tellUser, type AlertSlackDeps } from '../handlers/alert-context';
import { openEditForm } from '../handlers/subscribe-form';

type Outcome = { ok: true; message: SlackMessage } | { ok: false; message: SlackMessage };

function whoOf(body: BlockAction): Who {
  return { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id };
}

/**
 * Buttons on alert messages, on `/occupancy subscriptions` and on App Home: snooze, mute,
 * unmute, unsubscribe, edit. Each acknowledges, calls one service, then answers where the
 * button was: an ephemeral note under a message (the list redrawn when it was the list), or
 * App Home redrawn.
 */
export function registerAlertActions(app: App, deps: AlertSlackDeps): void {
  const answer = async (body: BlockAction, respond: RespondFn, outcome: Outcome) => {
    const who = whoOf(body);
    if (body.container?.type === 'view') {
      await refreshHome(deps, who);
      if (!outcome.ok) await tellUser(deps, who, null, outcome.message);
      return;
    }
    if (body.container?.is_ephemeral === true && outcome.ok) {
      const list = buildSubscriptionsMessage({ subscriptions: await deps.alerts.subscriptions.summaries(who) });
      await respond({ response_type: 'ephemeral', replace_original: true, ...list });
    }
    await respond({ response_type: 'ephemeral', replace_original: false, ...outcome.message });
  };

  const handle = (name: string, body: BlockAction, respond: RespondFn, id: number | null, work: (who: Who, id: number) => Promise<SlackMessage>) => {
    const who = whoOf(body);
    const log = deps.logger.child({ action: name, team: who.teamId, user: who.userId, subscription: id });
    if (id === null) {
      log.warn('ignored an alert button with an unreadable value');
      return;
    }
    deps.inflight.run(
      async () => {
        let outcome: Outcome;
        try {
          outcome = { ok: true, message: await work(who, id) };
          log.info('alert changed');
        } catch (err) {
          log.info({ err }, 'alert not changed');
          outcome = { ok: false, message: errorMessage(err, id) };
        }
        await answer(body, respond, outcome);
      },
      (err) => log.error({ err }, 'answering an alert button failed'),
    );
  };

  app.action<BlockAction<StaticSelectAction>>(ACTION_IDS.snooze, async ({ ack, body, action, respond }) => {
    await ack();
    const value = decodeSnoozeValue(action.selected_option?.value);
    handle('snooze', body, respond, value?.id ?? null, async (who, id) => {
      const s = await deps.alerts.subscriptions.snooze(who, id, value?.snooze ?? 'PT1H');
      return buildSubscriptionChangedMessage(id, 'snoozed', { ms: s.until, timeZone: s.timeZone });
    });
  });

  app.action<BlockAction<ButtonAction>>(ACTION_IDS.mute, async ({ ack, body, action, respond }) => {
    await ack();
    handle('mute', body, respond, decodeIdValue(action.value), async (who, id) => {
      await deps.alerts.subscriptions.mute(who, id);
      return buildSubscriptionChangedMessage(id, 'muted');
    });
  });

  app.action<BlockAction<ButtonAction>>(ACTION_IDS.unmute, async ({ ack, body, action, respond }) => {
    await ack();
    handle('unmute', body, respond, decodeIdValue(action.value), async (who, id) => {
      await deps.alerts.subscriptions.unmute(who, id);
      return buildSubscriptionChangedMessage(id, 'unmuted');
    });
  });

  app.action<BlockAction<ButtonAction>>(ACTION_IDS.unsubscribe, async ({ ack, body, action, respond }) => {
    await ack();
    handle('unsubscribe', body, respond, decodeIdValue(action.value), async (who, id) => {
      await deps.alerts.subscriptions.remove(who, id);
      return buildSubscriptionChangedMessage(id, 'removed');
    });
  });

  app.action<BlockAction<ButtonAction>>(ACTION_IDS.editSubscription, async ({ ack, body, action }) => {
    await ack();
    const who = whoOf(body);
    const id = decodeIdValue(action.value);
    if (id === null) return;
    const home = body.container?.type === 'view';
    const channel = body.channel?.id ?? null;
    deps.inflight.run(
      async () => {
        try {
          await openEditForm(deps, who, id, body.trigger_id, { channel, home });
        } catch (err) {
          await tellUser(deps, who, channel, errorMessage(err, id));
        }
      },
      (err) => deps.logger.warn({ err }, 'opening the alert form failed'),
    );
  });
}
