/** Lines added to a message that reaches someone another way than they would expect. */
import { channelMention } from './mrkdwn';
import { context, type KnownBlock, type SlackMessage } from './kit';

/** A message meant to show in a channel, sent by direct message because it could not show there. */
export function sentByDirectMessage(msg: SlackMessage, channelId: string): SlackMessage {
  const note = `I couldn't show this to you in ${channelMention(channelId)} (I'm not a member there), so it's here.`;
  return { text: msg.text, blocks: [...(msg.blocks as KnownBlock[]), context([note])] };
}
