/**
 * Buttons on alert messages, on `/occupancy subscriptions` and on App Home: snooze, mute,
 * unmute, unsubscribe, edit, send a test, and an admin's take over. Each acknowledges, calls one service, then answers where the
 * button was: an ephemeral note under a message (the list redrawn when it was the list), or
 * App Home redrawn.
 */
import type { BlockAction } from '@slack/bolt';
import type { Respond } from '../../response-url';
import { buildTestAlertMessage } from '../../blocks/alert';
import { buildSubscriptionChangedMessage } from '../../blocks/alert-notices';
import { message, section } from '../../blocks/kit';
import { channelMention, userMention } from '../../blocks/mrkdwn';
import type { SlackMessage } from '../../blocks/kit';
import { buildSubscriptionsMessage } from '../../blocks/subscriptions';
import { decodeIdValue, decodeSnoozeValue } from '../../blocks/values';
import { actionValue, actorOf, errorReply, requesterOf, responder, tellUser, type ActionArgs, type Actor, type Listener, type ListenerDeps } from '../context';
import { refreshHome } from '../home';
import { openEditForm } from './form';
import type { ShownMessage } from '../../../services/alerts';

type Outcome = { readonly ok: boolean; readonly message: SlackMessage };

/**
 * The message a button was pressed on, when it is a message everyone sees (an alert, not an
 * ephemeral list or App Home): the services redraw it with the rule's new state.
 */
function shownMessage(body: BlockAction): ShownMessage | undefined {
  if (body.container?.type !== 'message' || body.container.is_ephemeral === true) return undefined;
  const msg = body.message as { ts?: unknown; text?: unknown; blocks?: unknown } | undefined;
  const channel = body.channel?.id;
  if (!msg || typeof msg.ts !== 'string' || !Array.isArray(msg.blocks) || channel === undefined) return undefined;
  return { channel, ts: msg.ts, message: { text: typeof msg.text === 'string' ? msg.text : '', blocks: msg.blocks as object[] } };
}

async function answer(deps: ListenerDeps, body: BlockAction, respond: Respond, who: Actor, outcome: Outcome): Promise<void> {
  if (body.container?.type === 'view') {
    await refreshHome(deps, who);
    if (!outcome.ok) await tellUser(deps, who.userId, null, outcome.message);
    return;
  }
  const reply = responder(deps, respond);
  if (body.container?.is_ephemeral === true && outcome.ok) {
    await reply({ replace_original: true, ...buildSubscriptionsMessage({ subscriptions: await deps.alerts.subscriptions.summaries(who) }) });
  }
  await reply({ replace_original: false, ...outcome.message });
}

/** A button that changes one rule: `change` calls the service and says what changed. */
function ruleButton(
  name: string,
  idOf: (value: string | undefined) => number | null,
  change: (deps: ListenerDeps, who: Actor, id: number, value: string | undefined, shown: ShownMessage | undefined) => Promise<SlackMessage>,
): Listener<ActionArgs> {
  return (deps) => async ({ ack, body, action, respond }) => {
    await ack();
    const who = actorOf(requesterOf(body));
    const value = actionValue(action);
    const id = idOf(value);
    const log = deps.logger.child({ action: name, team: who.teamId, user: who.userId, subscription: id });
    if (id === null) {
      log.warn('ignored an alert button with an unreadable value');
      return;
    }
    deps.inflight.run(
      async () => {
        let outcome: Outcome;
        try {
          outcome = { ok: true, message: await change(deps, who, id, value, shownMessage(body)) };
          log.info('alert changed');
        } catch (err) {
          outcome = { ok: false, message: errorReply(err, { kind: 'subscription', id }, log) };
        }
        await answer(deps, body, respond, who, outcome);
      },
      (err) => log.error({ err }, 'answering an alert button failed'),
    );
  };
}

export const snooze = ruleButton('snooze', (v) => decodeSnoozeValue(v)?.id ?? null, async (deps, who, id, value, shown) => {
  const s = await deps.alerts.subscriptions.snooze(who, id, decodeSnoozeValue(value)?.snooze ?? 'PT1H', shown);
  return buildSubscriptionChangedMessage(id, 'snoozed', { ms: s.until, timeZone: s.timeZone });
});

export const mute = ruleButton('mute', decodeIdValue, async (deps, who, id, _value, shown) => {
  await deps.alerts.subscriptions.mute(who, id, shown);
  return buildSubscriptionChangedMessage(id, 'muted');
});

export const unmute = ruleButton('unmute', decodeIdValue, async (deps, who, id, _value, shown) => {
  await deps.alerts.subscriptions.unmute(who, id, shown);
  return buildSubscriptionChangedMessage(id, 'unmuted');
});

export const unsubscribe = ruleButton('unsubscribe', decodeIdValue, async (deps, who, id, _value, shown) => {
  await deps.alerts.subscriptions.remove(who, id, shown);
  return buildSubscriptionChangedMessage(id, 'removed');
});

/** An admin's Take over on a rule whose creator left the workspace (App Home). */
export const takeOverSubscription = ruleButton('take over', decodeIdValue, async (deps, who, id) => {
  await deps.alerts.subscriptions.takeOver(who, id);
  return buildSubscriptionChangedMessage(id, 'taken_over');
});

/** Send a test alert: a marked sample posted where the rule's alerts go. */
export const sendTestAlert = ruleButton('send test', decodeIdValue, async (deps, who, id) => {
  const view = await deps.alerts.subscriptions.testAlert(who, id);
  const destination = view.rule.destination;
  const channel = destination.kind === 'channel' ? destination.channelId : await deps.chat.openDm(destination.userId);
  await deps.chat.postMessage(channel, buildTestAlertMessage(view, who.userId));
  const where = destination.kind === 'channel' ? channelMention(destination.channelId) : destination.userId === who.userId ? 'your direct messages' : `${userMention(destination.userId)}'s direct messages`;
  const words = `🧪 A test alert for rule #${id} went to ${where}.`;
  return message(words, [section(words)]);
});

/** Edit: the form on the rule, where the button was. */
export const editSubscription: Listener<ActionArgs> = (deps) => async ({ ack, body, action }) => {
  await ack();
  const from = requesterOf(body);
  const who = actorOf(from);
  const id = decodeIdValue(actionValue(action));
  if (id === null) return;
  const log = deps.logger.child({ action: 'edit', team: who.teamId, user: who.userId, subscription: id });
  const home = body.container?.type === 'view';
  deps.inflight.run(
    async () => {
      try {
        await openEditForm(deps, who, id, body.trigger_id, { channel: from.channelId, home });
      } catch (err) {
        await tellUser(deps, who.userId, from.channelId, errorReply(err, { kind: 'subscription', id }, log));
      }
    },
    (err) => log.warn({ err }, 'opening the alert form failed'),
  );
};
