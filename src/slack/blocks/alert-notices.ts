/**
 * Short answers about alert rules: saved, removed, muted, snoozed, and the direct message a
 * creator gets when a rule had to pause itself. What went wrong is worded in ./errors.ts.
 */
import { BASELINE_WEEKS, MIN_BASELINE_WEEKS } from '../../domain/baseline';
import { momentText, ruleLine, ruleScopeMd } from './format';
import { SUBSCRIBE_BACKTEST_BLOCK_ID } from './ids';
import { context, message, section, type KnownBlock, type ModalView, type SlackMessage } from './kit';
import { channelMention } from './mrkdwn';
import { backtestText } from './subscribe-modal';
import { refusalReason } from './refusal-words';
import type { AlertPausedBecause, BacktestView, RuleView } from '../../views/alert';

function destinationWords(rule: RuleView): string {
  return rule.destination.kind === 'dm' ? 'to you by direct message' : `to ${channelMention(rule.destination.channelId)}`;
}

/** What "usual" means, under a rule relative to it (domain/baseline). */
const USUAL_NOTE = `Usual: the mean of the same weekday and hour over the ${BASELINE_WEEKS} weeks before; an hour with data in fewer than ${MIN_BASELINE_WEEKS} of them is not judged.`;

/** "🔔 Alert #7 is set up" with the rule, where it goes and what the backtest found. */
export function buildSubscriptionSavedMessage(rule: RuleView, backtest: BacktestView, mode: 'created' | 'updated'): SlackMessage {
  const head = `🔔 Alert #${rule.id} ${mode === 'created' ? 'is set up' : 'is updated'} for *${ruleScopeMd(rule.scope)}*, sent ${destinationWords(rule)}.`;
  const blocks: KnownBlock[] = [section(head), section(ruleLine(rule))];
  if (backtest.status !== 'incomplete') blocks.push(section(backtestText(backtest)));
  blocks.push(
    context([
      "Checked as InnerSpace publishes each night: you hear once when an episode starts and once when it ends. `/occupancy subscriptions` lists your alerts.",
      ...(rule.measure === 'usual' ? [USUAL_NOTE] : []),
    ]),
  );
  return message(`${head} ${ruleLine(rule)}`, blocks);
}

export type SubscriptionChange = 'removed' | 'muted' | 'unmuted' | 'snoozed' | 'taken_over';

/** What a button or command changed; `until` and `timeZone` for a snooze. */
export function buildSubscriptionChangedMessage(id: number, change: SubscriptionChange, until?: { ms: number; timeZone: string }): SlackMessage {
  const words: Record<SubscriptionChange, () => string> = {
    taken_over: () => `🔔 Alert #${id} is yours now: you can change it, and one sent by direct message comes to you.`,
    removed: () => `🗑 Alert #${id} is removed; you will hear nothing more from it. Its messages now say it was deleted.`,
    muted: () => `🔕 Alert #${id} is muted. Nothing is checked or sent until you unmute it.`,
    unmuted: () => `🔔 Alert #${id} is on again, starting from the latest published data.`,
    snoozed: () =>
      `💤 Alert #${id} is snoozed${until ? ` until ${momentText(until.ms, until.timeZone)}` : ''}. What happens meanwhile is sent when the snooze ends.`,
  };
  const text = words[change]();
  return message(text, [section(text)]);
}

/** The direct message to a rule's creator when it paused itself; sent once per pause. */
export function buildAlertPausedNotice(rule: RuleView, because: AlertPausedBecause): SlackMessage {
  const where = rule.destination.kind === 'channel' ? channelMention(rule.destination.channelId) : 'our direct messages';
  const reason = refusalReason(because, where, 'point the alert at another channel with Edit');
  const words = `I paused alert #${rule.id} on *${ruleScopeMd(rule.scope)}*: ${reason}, then unmute it from my Home tab or \`/occupancy subscriptions\`.`;
  return message(words, [section(words), context(['You get this message because you set the alert up.'])]);
}

/**
 * The form with a sentence in place of the backtest, for what the backtest statuses cannot say
 * (an unknown building, no capacity for a percentage).
 */
export function withBacktestNotice(view: ModalView, words: string): ModalView {
  return {
    ...view,
    blocks: view.blocks.map((b) => (b.block_id === SUBSCRIBE_BACKTEST_BLOCK_ID ? section(`*Backtest:* ${words}`, SUBSCRIBE_BACKTEST_BLOCK_ID) : b)),
  };
}
