/** Lines added to a message that reaches someone another way than they would expect. */
import { SlackCallError, CannotPostError } from '../../errors';
import { OUTCOME_UNKNOWN_ERRORS } from '../../services/refusals';
import { channelMention } from './mrkdwn';
import { context, type KnownBlock, type SlackMessage } from './kit';

const NOT_A_MEMBER = new Set(['not_in_channel', 'channel_not_found']);

/** Why the ephemeral did not show, as far as Slack said: the note claims no more than that. */
function whyNotShown(err: unknown, where: string): string {
  const slackError = err instanceof SlackCallError || err instanceof CannotPostError ? err.slackError : null;
  if (slackError !== null && NOT_A_MEMBER.has(slackError)) return `I couldn't show this to you in ${where} (I'm not a member there), so it's here.`;
  const unconfirmed = err instanceof SlackCallError && (err.kind === 'unknown' || OUTCOME_UNKNOWN_ERRORS.has(slackError ?? ''));
  if (unconfirmed) return `Slack didn't confirm it showed this to you in ${where}, so it's here too; you may see it twice.`;
  return `I couldn't show this to you in ${where}, so it's here.`;
}

/** A message meant to show in a channel, sent by direct message because it could not show there (`err`: why). */
export function sentByDirectMessage(msg: SlackMessage, channelId: string, err: unknown): SlackMessage {
  return { text: msg.text, blocks: [...(msg.blocks as KnownBlock[]), context([whyNotShown(err, channelMention(channelId))])] };
}
