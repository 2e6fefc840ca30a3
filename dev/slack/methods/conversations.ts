import { fail } from '../errors';
import type { StoredMessage } from '../types';
import { wireChannel, wireMessage } from '../wire';
import type { MethodContext, MethodHandler } from './context';
import { bool, str, visibleChannel } from './access';

const encodeCursor = (offset: number): string => Buffer.from(`offset:${offset}`).toString('base64');

function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const m = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!m?.[1]) fail('invalid_cursor');
  return Number(m[1]);
}

/** Cursor pagination as Slack does it: `limit` (default 100, at most 1000), `response_metadata.next_cursor`. */
export function page<T>(items: readonly T[], args: Record<string, unknown>): { items: T[]; nextCursor: string } {
  const limit = Math.min(Math.max(Number(str(args, 'limit') ?? 100) || 100, 1), 1000);
  const start = decodeCursor(str(args, 'cursor'));
  const slice = items.slice(start, start + limit);
  return { items: slice, nextCursor: start + limit < items.length ? encodeCursor(start + limit) : '' };
}

function readable({ args, core }: MethodContext) {
  const channel = visibleChannel(core, str(args, 'channel'));
  if (!channel.isIm && !core.state.isBotMember(channel)) fail('not_in_channel');
  return channel;
}

function info(ctx: MethodContext): Record<string, unknown> {
  const channel = visibleChannel(ctx.core, str(ctx.args, 'channel'));
  return { channel: wireChannel(ctx.core.state, channel) };
}

function members(ctx: MethodContext): Record<string, unknown> {
  const channel = visibleChannel(ctx.core, str(ctx.args, 'channel'));
  const { items, nextCursor } = page([...channel.members], ctx.args);
  return { members: items, response_metadata: { next_cursor: nextCursor } };
}

function join({ args, core }: MethodContext): Record<string, unknown> {
  const channel = visibleChannel(core, str(args, 'channel'));
  if (channel.isIm || channel.isPrivate) fail('method_not_supported_for_channel_type');
  if (channel.isArchived) fail('is_archived');
  const already = core.state.isBotMember(channel);
  core.state.join(channel, core.state.bot.userId);
  const wire = wireChannel(core.state, channel);
  return already ? { channel: wire, warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } } : { channel: wire };
}

function open({ args, core }: MethodContext): Record<string, unknown> {
  const users = (str(args, 'users') ?? '').split(',').map((u) => u.trim()).filter((u) => u !== '');
  if (users.length === 0) {
    const ref = str(args, 'channel');
    if (ref === undefined) fail('users_list_not_supplied');
    const existing = visibleChannel(core, ref);
    if (!existing.isIm) fail('method_not_supported_for_channel_type');
    return { no_op: true, already_open: true, channel: bool(args, 'return_im') ? wireChannel(core.state, existing) : { id: existing.id } };
  }
  if (users.length > 1) fail('method_not_supported_for_channel_type', { response_metadata: { messages: ['[ERROR] group DMs are not modelled by this workspace'] } });
  const user = users[0] ?? '';
  if (!core.state.getUser(user)) fail('user_not_found');
  const known = core.state.listChannels().some((c) => c.isIm && c.imUser === user);
  const im = core.state.openIm(user);
  const channel = bool(args, 'return_im') ? wireChannel(core.state, im) : { id: im.id };
  return known ? { no_op: true, already_open: true, channel } : { channel };
}

function list({ args, core }: MethodContext): Record<string, unknown> {
  const types = new Set((str(args, 'types') ?? 'public_channel').split(',').map((t) => t.trim()));
  const excludeArchived = bool(args, 'exclude_archived');
  const { state } = core;
  const all = state.listChannels().filter((c) => {
    if (excludeArchived && c.isArchived) return false;
    if (c.isIm) return types.has('im') && c.imUser !== undefined;
    if (c.isMpim) return types.has('mpim') && state.isBotMember(c);
    if (c.isPrivate) return types.has('private_channel') && state.isBotMember(c);
    return types.has('public_channel');
  });
  const { items, nextCursor } = page(all, args);
  return { channels: items.map((c) => wireChannel(state, c)), response_metadata: { next_cursor: nextCursor } };
}

/**
 * users.conversations: the conversations `user` (default: the bot) is in, of `types`, that the
 * bot may see: public channels, and private ones and group DMs only when the bot is in them too.
 */
function userConversations({ args, core }: MethodContext): Record<string, unknown> {
  const { state } = core;
  const userId = str(args, 'user') ?? state.bot.userId;
  if (!state.getUser(userId)) fail('user_not_found');
  const types = new Set((str(args, 'types') ?? 'public_channel').split(',').map((t) => t.trim()));
  const excludeArchived = bool(args, 'exclude_archived');
  const all = state.listChannels().filter((c) => {
    if (excludeArchived && c.isArchived) return false;
    if (!c.members.has(userId) || !state.botCanSee(c)) return false;
    if (c.isIm) return types.has('im') && c.imUser !== undefined;
    if (c.isMpim) return types.has('mpim');
    return types.has(c.isPrivate ? 'private_channel' : 'public_channel');
  });
  const { items, nextCursor } = page(all, args);
  return { channels: items.map((c) => wireChannel(state, c)), response_metadata: { next_cursor: nextCursor } };
}

function within(m: StoredMessage, args: Record<string, unknown>): boolean {
  const inclusive = bool(args, 'inclusive');
  const oldest = str(args, 'oldest');
  const latest = str(args, 'latest');
  const ts = Number(m.ts);
  if (oldest !== undefined && (inclusive ? ts < Number(oldest) : ts <= Number(oldest))) return false;
  if (latest !== undefined && (inclusive ? ts > Number(latest) : ts >= Number(latest))) return false;
  return true;
}

function history(ctx: MethodContext): Record<string, unknown> {
  const channel = readable(ctx);
  const { state } = ctx.core;
  const newestFirst = state.timeline(channel.id).filter((m) => within(m, ctx.args)).reverse();
  const { items, nextCursor } = page(newestFirst, ctx.args);
  return {
    messages: items.map((m) => wireMessage(state, m)), has_more: nextCursor !== '', pin_count: 0,
    channel_actions_ts: null, channel_actions_count: 0, response_metadata: { next_cursor: nextCursor },
  };
}

function replies(ctx: MethodContext): Record<string, unknown> {
  const channel = readable(ctx);
  const { state } = ctx.core;
  const ts = str(ctx.args, 'ts');
  const asked = ts === undefined ? undefined : state.findMessage(channel.id, ts);
  if (!asked || asked.ephemeralFor !== undefined) fail('thread_not_found');
  const thread = state.thread(channel.id, asked.threadTs ?? asked.ts).filter((m) => within(m, ctx.args));
  const { items, nextCursor } = page(thread.length > 0 ? thread : [asked], ctx.args);
  return { messages: items.map((m) => wireMessage(state, m)), has_more: nextCursor !== '', response_metadata: { next_cursor: nextCursor } };
}

export const conversationMethods: Record<string, MethodHandler> = {
  'conversations.info': info,
  'conversations.members': members,
  'conversations.join': join,
  'conversations.open': open,
  'conversations.list': list,
  'conversations.history': history,
  'conversations.replies': replies,
  'users.conversations': userConversations,
};
