/**
 * A digest's preview: the very messages its channel would get (buildDigestMessages), each
 * marked at the top as a preview only its reader sees. A message already at Slack's block
 * limit cannot take the mark, so then the mark goes first as a message of its own.
 */
import { buildDigestMessages } from './digest';
import { LIMITS, message, section, type SlackMessage } from './kit';
import { channelMention } from './mrkdwn';
import type { DigestView } from '../../views/digest';

function previewNote(digestId: number, channelId: string): string {
  return `👀 *Preview of digest #${digestId}*, shown only to you: this is what ${channelMention(channelId)} would get if it ran now. Nothing was posted and no run was recorded.`;
}

export function buildDigestPreviewMessages(view: DigestView, channelId: string): SlackMessage[] {
  const note = previewNote(view.digestId, channelId);
  const digest = buildDigestMessages(view);
  const marked = digest.map((m) => (m.blocks.length < LIMITS.messageBlocks ? { ...m, text: `Preview: ${m.text}`, blocks: [section(note), ...m.blocks] } : null));
  if (marked.every((m) => m !== null)) return marked as SlackMessage[];
  return [message(`Preview of digest #${view.digestId}`, [section(note)]), ...digest];
}

/** A run now would send nothing, so neither does the preview: it says why. */
export function buildDigestPreviewSkippedMessage(digestId: number, channelId: string): SlackMessage {
  const words = `Nothing has been published for digest #${digestId}'s buildings yet, and it is set to skip such days, so ${channelMention(channelId)} would get nothing if it ran now.`;
  return message(words, [section(words)]);
}
