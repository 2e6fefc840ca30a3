/**
 * Short answers about digests: saved, removed, paused, resumed, sent, and the direct message
 * a creator gets when a digest had to pause itself. What went wrong is worded in ./errors.ts.
 */
import { digestSummaryText } from './digest-list';
import { context, message, section, type SlackMessage } from './kit';
import { channelMention } from './mrkdwn';
import { refusalReason } from './refusal-words';
import type { DigestSummaryView, PausedBecause } from '../../views/digest';

export type DigestChange = 'removed' | 'paused' | 'resumed';

/** "Digest #3 is set up" plus its summary; `joined` says the bot joined the channel to post there. */
export function buildDigestSavedMessage(d: DigestSummaryView, opts: { mode: 'created' | 'updated'; joined: boolean }): SlackMessage {
  const head = opts.mode === 'created' ? `Digest #${d.id} is set up.` : `Digest #${d.id} is updated.`;
  const joined = opts.joined ? ` I joined ${channelMention(d.channelId)} to post there.` : '';
  const words = `${head}${joined}`;
  return message(`${words} ${digestSummaryText(d)}`, [
    section(words),
    section(digestSummaryText(d)),
    context([`\`/occupancy digest list\` shows this channel's digests · \`/occupancy digest send ${d.id}\` sends it now`]),
  ]);
}

export function buildDigestChangedMessage(id: number, channelId: string, change: DigestChange): SlackMessage {
  const where = channelMention(channelId);
  const words =
    change === 'removed'
      ? `Digest #${id} is removed; nothing more goes to ${where}. Messages already posted stay.`
      : change === 'paused'
        ? `Digest #${id} is paused. \`/occupancy digest resume ${id}\` starts it again.`
        : `Digest #${id} is running again in ${where}.`;
  return message(words, [section(words)]);
}

export function buildDigestSentMessage(id: number, channelId: string): SlackMessage {
  const words = `Digest #${id} went to ${channelMention(channelId)}. Its scheduled run still happens as usual.`;
  return message(words, [section(words)]);
}

/** The digest had nothing to show and skips such days. */
export function buildDigestNothingToSendMessage(id: number): SlackMessage {
  const words = `Nothing was published for digest #${id}'s buildings yet, and it is set to skip such days, so I sent nothing.`;
  return message(words, [section(words)]);
}

/** The direct message to a digest's creator when it paused itself; sent once per pause. */
export function buildDigestPausedNotice(id: number, channelId: string, because: PausedBecause): SlackMessage {
  const reason = refusalReason(because, channelMention(channelId), 'set the digest up in another channel');
  const words = `I paused digest #${id}: ${reason}, then run \`/occupancy digest resume ${id}\`.`;
  return message(words, [section(words), context(['You get this message because you set the digest up.'])]);
}
