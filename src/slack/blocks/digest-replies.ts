/**
 * Short answers about digests: saved, removed, paused, resumed, sent, and the direct message
 * a creator gets when a digest had to pause itself.
 */
import { digestSummaryText } from './digest-list';
import type { ErrorLike } from './errors';
import { DIGEST_FIELDS } from './ids';
import { context, message, section, type SlackMessage } from './kit';
import { channelMention, echoCode } from './mrkdwn';
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

/** A plain `#name` that Slack did not turn into a channel id. */
export function buildChannelNameMessage(name: string): SlackMessage {
  const words = `I can't tell which channel ${echoCode(`#${name}`)} is. Pick it from Slack's list as you type \`#\`, or run the command in that channel.`;
  return message(words, [section(words)]);
}

/** The direct message to a digest's creator when it paused itself; sent once per pause. */
export function buildDigestPausedNotice(id: number, channelId: string, because: PausedBecause): SlackMessage {
  const where = channelMention(channelId);
  const reason =
    because === 'not_in_channel'
      ? `I'm no longer a member of ${where}. Invite me with \`/invite @occupancy\` there`
      : because === 'is_archived'
        ? `${where} is archived. Unarchive it, or set the digest up in another channel`
        : `I can't find ${where} any more: it was deleted, or it is private and I'm not in it. Invite me with \`/invite @occupancy\``;
  const words = `I paused digest #${id}: ${reason}, then run \`/occupancy digest resume ${id}\`.`;
  return message(words, [section(words), context(['You get this message because you set the digest up.'])]);
}

/**
 * The form's errors for `response_action: errors`, keyed by block: why the digest could not
 * be saved, in plain text (modal errors do not render mrkdwn).
 */
export function digestFormErrors(error: ErrorLike): Record<string, string> {
  const d = error.details ?? {};
  const channel = DIGEST_FIELDS.channel.blockId;
  switch (error.code) {
    case 'FORBIDDEN':
      return {
        [channel]: typeof d.channelId === 'string'
          ? 'Only members of that channel, or an admin, can set up its digests.'
          : 'Only the person who set this digest up, or an admin, can change it.',
      };
    case 'SLACK_API':
      return { [channel]: FORM_SLACK_WORDS[String(d.slackError)] ?? "Slack didn't let me check that channel. Try again in a minute." };
    case 'NOT_FOUND':
      return d.kind === 'building' && typeof d.id === 'number'
        ? { [DIGEST_FIELDS.buildings.blockId]: `I couldn't find building ${d.id}. /occupancy buildings lists the ones you can see.` }
        : { [channel]: 'That digest no longer exists. Close this form and set up a new one.' };
    case 'BAD_INPUT':
      if (d.reason === 'form_metadata') return { [channel]: 'This form is out of date. Close it and run /occupancy digest again.' };
      return { [channel]: 'Pick the channel the digest goes to.' };
    default:
      return { [channel]: 'Something went wrong on my side, so the digest is not saved. Try again in a minute.' };
  }
}

const FORM_SLACK_WORDS: Readonly<Record<string, string>> = {
  not_in_channel: "I'm not in that channel. Invite me there with /invite @occupancy, then try again.",
  channel_not_found: "I can't see that channel: it may be private. Invite me with /invite @occupancy, or pick another one.",
  is_archived: 'That channel is archived. Pick another one.',
};
