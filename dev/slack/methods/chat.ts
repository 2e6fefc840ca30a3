import { fail } from '../errors';
import { permalinkPath } from '../ids';
import { downloadImages } from '../validation-images';
import { wireMessage } from '../wire';
import type { MethodContext, MethodHandler } from './context';
import { bool, customIdentity, messageContent, postTarget, str, threadRoot, visibleChannel } from './access';

async function postMessage({ args, core }: MethodContext): Promise<Record<string, unknown>> {
  const channel = postTarget(core, str(args, 'channel'));
  const content = messageContent(core, args);
  const threadTs = threadRoot(core, channel, args);
  await downloadImages(core.images, content.blocks);
  const { state } = core;
  const msg = state.addMessage({
    channel: channel.id, user: state.bot.userId, botId: state.bot.botId, ...content, ...customIdentity(args),
    ...(threadTs !== undefined ? { threadTs, replyBroadcast: bool(args, 'reply_broadcast') } : {}),
  });
  return { channel: channel.id, ts: msg.ts, message: wireMessage(state, msg) };
}

async function postEphemeral({ args, core }: MethodContext): Promise<Record<string, unknown>> {
  const userId = str(args, 'user');
  const { state } = core;
  const channel = postTarget(core, str(args, 'channel'));
  // chat:write.public does not reach ephemerals: the bot must be in the conversation.
  if (!state.isBotMember(channel)) fail('not_in_channel');
  if (userId === undefined || !state.getUser(userId)) fail('user_not_found');
  if (!channel.members.has(userId)) fail('user_not_in_channel');
  const content = messageContent(core, args);
  const threadTs = threadRoot(core, channel, args);
  await downloadImages(core.images, content.blocks);
  const msg = state.addMessage({
    channel: channel.id, user: state.bot.userId, botId: state.bot.botId, ...content, ...customIdentity(args),
    ephemeralFor: userId, ...(threadTs !== undefined ? { threadTs } : {}),
  });
  return { message_ts: msg.ts };
}

function ownMessage({ args, core }: MethodContext) {
  const channel = visibleChannel(core, str(args, 'channel'));
  const ts = str(args, 'ts');
  const msg = ts === undefined ? undefined : core.state.findMessage(channel.id, ts);
  if (!msg || msg.ephemeralFor !== undefined) fail('message_not_found');
  if (msg.user !== core.state.bot.userId) fail('cant_update_message');
  return { channel, msg };
}

async function update(ctx: MethodContext): Promise<Record<string, unknown>> {
  const { channel, msg } = ownMessage(ctx);
  if (channel.isArchived) fail('is_archived');
  // A message posted with chat:write.public, without joining, cannot be edited later.
  if (!ctx.core.state.isBotMember(channel)) fail('not_in_channel');
  const content = messageContent(ctx.core, ctx.args, false);
  // Like Slack: an edit must bring something to show; fields left out keep their value (below).
  const brings = content.text.trim() !== '' || (content.blocks?.length ?? 0) > 0 || content.attachments !== undefined;
  if (!brings) fail('no_text');
  await downloadImages(ctx.core.images, content.blocks);
  const changes: Parameters<typeof ctx.core.state.changeMessage>[1] = {};
  // Like Slack: fields that are not sent keep their previous value; an empty list removes them.
  if (ctx.args.text !== undefined) changes.text = content.text;
  if (ctx.args.blocks !== undefined) changes.blocks = content.blocks ?? [];
  if (ctx.args.attachments !== undefined) changes.attachments = content.attachments;
  if (ctx.args.metadata !== undefined) changes.metadata = content.metadata;
  const updated = ctx.core.state.changeMessage(msg, changes);
  return { channel: channel.id, ts: msg.ts, text: updated.text, message: wireMessage(ctx.core.state, updated) };
}

function del(ctx: MethodContext): Record<string, unknown> {
  const { channel, msg } = ownMessage(ctx);
  ctx.core.state.deleteMessage(msg);
  return { channel: channel.id, ts: msg.ts };
}

function getPermalink({ args, core }: MethodContext): Record<string, unknown> {
  const channel = visibleChannel(core, str(args, 'channel'));
  const ts = str(args, 'message_ts');
  const msg = ts === undefined ? undefined : core.state.findMessage(channel.id, ts);
  if (!msg || msg.ephemeralFor !== undefined) fail('message_not_found');
  return { channel: channel.id, permalink: `${core.baseUrl()}${permalinkPath(channel.id, msg.ts)}` };
}

export const chatMethods: Record<string, MethodHandler> = {
  'chat.postMessage': postMessage,
  'chat.postEphemeral': postEphemeral,
  'chat.update': update,
  'chat.delete': del,
  'chat.getPermalink': getPermalink,
};
