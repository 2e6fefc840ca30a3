import { SlackMethodError } from './errors';
import { bool } from './http';
import type { WorkspaceCore } from './methods/context';
import { messageContent } from './methods/access';
import type { ResponseUrlContext } from './types';
import { downloadImages } from './validation-images';

export interface ResponseOutcome {
  readonly status: number;
  readonly error?: string;
  readonly ignored?: readonly string[];
}

const ORIGINAL_FIELDS = ['replace_original', 'delete_original'] as const;

/**
 * Applies a POST to a response_url the way Slack does: `delete_original` removes the message the
 * interaction came from (and a message sent along is then posted anew), `replace_original`
 * rewrites it in place (keeping it ephemeral or not), otherwise a new message is posted,
 * ephemeral to the invoking user unless `response_type` is `in_channel`. Its images are downloaded
 * first, as for chat.postMessage. A refused post answers 404 with `{ok:false, error}` (Slack's
 * answer to invalid blocks there), never the details a Web API call gets.
 *
 * A slash command's response_url has no original. Slack documents replace/delete only for the
 * message an interaction (a button, a menu) came from; on a command's URL they change nothing:
 * neither the ack's message nor an earlier post through the same URL is replaced, and the
 * content is posted as a new message (reported in bolt-python#1268, answered by Slack's team,
 * and bolt-js#2287). The fields are then listed in `ignored`, so tests can see a bot relying on
 * a replace that never happens.
 */
export async function applyResponsePost(core: WorkspaceCore, rec: ResponseUrlContext | undefined, body: Record<string, unknown>): Promise<ResponseOutcome> {
  if (!rec) return { status: 404, error: 'invalid_url' };
  const refused = core.caps.useResponseUrl(rec);
  if (refused) return { status: 404, error: refused };
  const { state } = core;
  const original = rec.channel !== undefined && rec.messageTs !== undefined ? state.findMessage(rec.channel, rec.messageTs) : undefined;
  const hasContent = body.text !== undefined || body.blocks !== undefined || body.attachments !== undefined;
  if (rec.kind === 'command') {
    const ignored = ORIGINAL_FIELDS.filter((f) => bool(body, f));
    if (ignored.length > 0) {
      const posted = hasContent ? await postNew(core, rec, body) : { status: 200 };
      return { ...posted, ignored };
    }
  }
  try {
    if (bool(body, 'delete_original')) {
      if (!original) return { status: 404, error: 'message_not_found' };
      state.deleteMessage(original);
      if (!hasContent) return { status: 200 };
    } else if (bool(body, 'replace_original')) {
      if (!original) return { status: 404, error: 'message_not_found' };
      const content = messageContent(core, body);
      await downloadImages(core.images, content.blocks);
      state.changeMessage(original, {
        text: content.text, blocks: content.blocks, attachments: content.attachments,
        ...(content.metadata !== undefined ? { metadata: content.metadata } : {}),
      });
      return { status: 200 };
    }
  } catch (e) {
    if (e instanceof SlackMethodError) return { status: 404, error: e.error };
    throw e;
  }
  return postNew(core, rec, body);
}

/** A new message where the response_url was minted: ephemeral unless `in_channel`. */
async function postNew(core: WorkspaceCore, rec: ResponseUrlContext, body: Record<string, unknown>): Promise<ResponseOutcome> {
  const { state } = core;
  try {
    if (rec.channel === undefined) return { status: 404, error: 'channel_not_found' };
    const channel = state.getChannel(rec.channel);
    if (!channel) return { status: 404, error: 'channel_not_found' };
    const content = messageContent(core, body);
    await downloadImages(core.images, content.blocks);
    const inChannel = body.response_type === 'in_channel';
    const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
    state.addMessage({
      channel: channel.id, user: state.bot.userId, botId: state.bot.botId, ...content,
      ...(inChannel ? {} : { ephemeralFor: rec.user }),
      ...(threadTs !== undefined ? { threadTs } : {}),
    });
    return { status: 200 };
  } catch (e) {
    if (e instanceof SlackMethodError) return { status: 404, error: e.error };
    throw e;
  }
}
