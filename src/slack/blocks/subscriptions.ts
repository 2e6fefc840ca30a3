/**
 * `/occupancy subscriptions` and the subscription rows of App Home.
 */
import { dayTimeOf, momentText, ruleLine, ruleScopeMd } from './format';
import { ACTION_IDS } from './ids';
import { actions, button, section, type KnownBlock, type SlackMessage } from './kit';
import { buildListing } from './list';
import { channelMention, userMention } from './mrkdwn';
import { encodeIdValue } from './values';
import type { SubscriptionStateView, SubscriptionSummaryView, SubscriptionsListView } from '../../views/index';

const STATE_WORDS: Readonly<Record<SubscriptionStateView, string>> = {
  ok: '🟢 OK',
  pending: '🟡 Pending',
  alerting: '🔴 Alerting',
  no_data: '⚪ Waiting for data',
};

export function subscriptionSummaryText(s: SubscriptionSummaryView): string {
  const { rule } = s;
  const to = rule.destination.kind === 'dm' ? 'to you by DM' : `to ${channelMention(rule.destination.channelId)}`;
  const last = s.lastAlertMs === null ? 'no alerts yet' : `last alert ${dayTimeOf(s.lastAlertMs, s.timeZone)}`;
  const quiet = s.muted ? ' · muted' : s.snoozedUntilMs !== null ? ` · snoozed until ${momentText(s.snoozedUntilMs, s.timeZone)}` : '';
  const by = s.createdBy === undefined ? '' : ` · set up by ${userMention(s.createdBy)}`;
  const sentTo = rule.destination.kind === 'dm' && s.createdBy !== undefined ? `to ${userMention(s.createdBy)} by DM` : to;
  return [`${STATE_WORDS[s.state]} · *${ruleScopeMd(rule.scope)}*`, ruleLine(rule), `Sent ${sentTo} · ${last}${quiet}${by}`].join('\n');
}

export function subscriptionSummaryBlocks(s: SubscriptionSummaryView): KnownBlock[] {
  const blocks: KnownBlock[] = [section(subscriptionSummaryText(s))];
  if (s.takeOver) {
    blocks.push(
      actions([
        button('Take over', ACTION_IDS.takeOverSubscription, encodeIdValue(s.rule.id), {
          confirm: { title: `Take over alert #${s.rule.id}?`, text: 'Whoever set it up has left. It becomes yours; one sent by DM comes to you.', confirm: 'Take over', deny: 'Not now' },
        }),
      ]),
    );
  }
  if (s.canManage) {
    const value = encodeIdValue(s.rule.id);
    blocks.push(
      actions([
        s.muted ? button('Unmute', ACTION_IDS.unmute, value) : button('Mute', ACTION_IDS.mute, value),
        button('Edit', ACTION_IDS.editSubscription, value),
        button('Send a test', ACTION_IDS.sendTestAlert, value),
        button('Unsubscribe', ACTION_IDS.unsubscribe, value, {
          style: 'danger',
          confirm: { title: `Unsubscribe from rule #${s.rule.id}?`, text: 'You will hear nothing more from this rule.', confirm: 'Unsubscribe', deny: 'Keep it' },
        }),
      ]),
    );
  }
  return blocks;
}

export function buildSubscriptionsMessage(view: SubscriptionsListView): SlackMessage {
  const n = view.subscriptions.length;
  return buildListing({
    title: '🔔 Your subscriptions',
    items: view.subscriptions,
    empty: 'You have no subscriptions yet. `/occupancy subscribe` sets one up, or use 🔔 Alert me… on an answer.',
    blocksOf: subscriptionSummaryBlocks,
    footer: 'Alerts use nightly data · `/occupancy subscribe` adds one · `/occupancy unsubscribe 7` removes rule #7',
    fallback: `${n} ${n === 1 ? 'subscription' : 'subscriptions'}: ${view.subscriptions.map((s) => `#${s.rule.id}`).join(', ')}`,
  });
}
