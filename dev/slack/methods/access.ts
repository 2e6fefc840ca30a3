import { fail } from '../errors';
import { bool, str } from '../http';
import type { StoredChannel } from '../types';
import { LIMITS, validateMessageBlocks, validationExtras } from '../validation';
import type { WorkspaceCore } from './context';

/** The conversation a bot message goes to; a user id means the bot's DM with that user. */
export function postTarget(core: WorkspaceCore, ref: string | undefined): StoredChannel {
  if (ref === undefined) fail('channel_not_found');
  const { state } = core;
  if (/^[UW][A-Z0-9]+$/.test(ref) && state.getUser(ref)) return state.openIm(ref);
  const channel = state.resolveChannel(ref);
  if (!channel || !state.botCanSee(channel)) fail('channel_not_found');
  if (channel.isArchived) fail('is_archived');
  if (!state.isBotMember(channel) && !(core.chatWritePublic && !channel.isPrivate)) fail('not_in_channel');
  return channel;
}

/** A conversation the bot reads (info, members, history): private ones it is not in do not exist. */
export function visibleChannel(core: WorkspaceCore, ref: string | undefined): StoredChannel {
  const channel = ref === undefined ? undefined : core.state.getChannel(ref);
  if (!channel || !core.state.botCanSee(channel)) fail('channel_not_found');
  return channel;
}

export interface MessageContent {
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: unknown;
}

/** Checks text, blocks and attachments as chat.postMessage does; `requireSome` demands at least one. */
export function messageContent(core: WorkspaceCore, args: Record<string, unknown>, requireSome = true): MessageContent {
  const rawText = args.text;
  const text = typeof rawText === 'string' ? rawText : rawText === undefined ? '' : String(rawText);
  if (text.length > LIMITS.messageText) fail('msg_too_long');
  const out: MessageContent = { text };
  if (args.blocks !== undefined && args.blocks !== '') {
    if (typeof args.blocks === 'string') fail('invalid_blocks_format');
    const errors = validateMessageBlocks(args.blocks, core.blockChecks);
    if (errors.length > 0) fail('invalid_blocks', validationExtras(errors));
    out.blocks = args.blocks as unknown[];
  }
  if (args.attachments !== undefined && args.attachments !== '') {
    if (!Array.isArray(args.attachments)) fail('invalid_attachments');
    if (args.attachments.length > 100) fail('too_many_attachments');
    out.attachments = args.attachments;
  }
  if (args.metadata !== undefined) {
    if (typeof args.metadata === 'string') fail('invalid_metadata_format');
    out.metadata = args.metadata;
  }
  const hasBlocks = out.blocks !== undefined && out.blocks.length > 0;
  if (requireSome && text.trim() === '' && !hasBlocks && out.attachments === undefined) fail('no_text');
  return out;
}

/** thread_ts resolved to the thread's root, as Slack does when replying to a reply. */
export function threadRoot(core: WorkspaceCore, channel: StoredChannel, args: Record<string, unknown>): string | undefined {
  const ts = str(args, 'thread_ts');
  if (ts === undefined) return undefined;
  if (!/^\d+\.\d+$/.test(ts)) fail('invalid_thread_ts', { response_metadata: { messages: [`[ERROR] ${ts} is not a valid thread_ts`] } });
  const parent = core.state.findMessage(channel.id, ts);
  return parent?.threadTs ?? ts;
}

export function customIdentity(args: Record<string, unknown>): { username?: string; iconEmoji?: string; iconUrl?: string } {
  const username = str(args, 'username');
  const iconEmoji = str(args, 'icon_emoji');
  const iconUrl = str(args, 'icon_url');
  return { ...(username ? { username } : {}), ...(iconEmoji ? { iconEmoji } : {}), ...(iconUrl ? { iconUrl } : {}) };
}

export { bool, str };
