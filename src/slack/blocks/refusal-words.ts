/**
 * Why Slack keeps refusing a digest's or an alert's messages, and what to do about it, for the
 * notice its creator gets once when it pauses, and for answers to someone waiting on a post.
 * Keyed by Slack's error string; the ones no sentence covers are named by their code.
 */
import { TEAM_ERRORS } from '../../services/refusals';
import { echoCode } from './mrkdwn';

const RESTRICTED = new Set([
  'restricted_action', 'restricted_action_read_only_channel', 'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel', 'posting_to_general_channel_denied', 'ekm_access_denied', 'no_permission',
]);

const CONTENT = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'invalid_attachments', 'too_many_attachments', 'no_text']);

/** The clause after "I paused …: " / "I can't post: ", with what to do; `where` is a channel mention or "our direct messages". */
export function refusalReason(slackError: string, where: string, elsewhere: string): string {
  if (slackError === 'not_in_channel') return `I'm no longer a member of ${where}. Invite me with \`/invite @occupancy\` there`;
  if (slackError === 'is_archived') return `${where} is archived. Unarchive it, or ${elsewhere}`;
  if (slackError === 'channel_not_found') {
    return `I can't find ${where} any more: it was deleted, or it is private and I'm not in it. Invite me with \`/invite @occupancy\``;
  }
  if (slackError === 'access_revoked' || TEAM_ERRORS.has(slackError)) return "Slack no longer accepts this workspace's token for me. Ask whoever installed the bot to reinstall it";
  if (RESTRICTED.has(slackError)) {
    return `only some people may post in ${where} (it is announcement-only or restricted). Ask a channel manager or admin to let me post there, or ${elsewhere}`;
  }
  if (slackError === 'missing_scope') {
    return "I'm missing a Slack permission this needs. Ask whoever installed the bot to reinstall it from the current manifest (the README lists the scopes)";
  }
  if (CONTENT.has(slackError)) {
    return `Slack refused the message itself (${echoCode(slackError)}), which is a fault on my side. Tell whoever runs this bot; the details are in its log`;
  }
  return `Slack keeps refusing my messages there (${echoCode(slackError)}). Tell whoever runs this bot; the details are in its log`;
}
