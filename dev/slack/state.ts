import type { WorkspaceEvents } from './events';
import type { IdMinter } from './ids';
import { fail } from './errors';
import { ViewStore } from './view-store';
import type {
  BotIdentity, ChannelSeed, StoredChannel, StoredFile, StoredMessage, StoredUser, TeamInfo, UserSeed,
} from './types';

export interface StateSeed {
  readonly team: TeamInfo;
  readonly bot: BotIdentity;
  readonly users: readonly UserSeed[];
  readonly channels: readonly ChannelSeed[];
}

export type NewMessage = Omit<StoredMessage, 'ts'> & { ts?: string };

/**
 * The workspace's data: team, people, conversations, messages, views and files. Method handlers
 * change it; a console reads it through the getters. Every change is announced on `events`.
 */
export class WorkspaceState {
  readonly team: TeamInfo;
  readonly bot: BotIdentity;
  readonly views: ViewStore;
  readonly files = new Map<string, StoredFile>();
  private readonly users = new Map<string, StoredUser>();
  private readonly deactivated = new Set<string>();
  private readonly channels = new Map<string, StoredChannel>();
  private readonly messages = new Map<string, StoredMessage[]>();

  constructor(
    seed: StateSeed,
    private readonly ids: IdMinter,
    private readonly events: WorkspaceEvents,
    private readonly now: () => number,
  ) {
    this.team = seed.team;
    this.bot = seed.bot;
    this.views = new ViewStore(ids, events, seed.team.id, seed.bot);
    this.users.set(seed.bot.userId, {
      id: seed.bot.userId, name: seed.bot.name, realName: seed.bot.name, tz: 'UTC', isAdmin: false, isOwner: false, isBot: true,
    });
    for (const u of seed.users) {
      this.users.set(u.id, {
        id: u.id, name: u.name, realName: u.realName, tz: u.tz, isAdmin: u.isAdmin ?? false, isOwner: u.isOwner ?? false, isBot: u.isBot ?? false,
      });
    }
    const created = Math.floor(now() / 1000);
    for (const c of seed.channels) {
      const members = new Set(c.members);
      if (c.botMember && c.type !== 'im') members.add(seed.bot.userId);
      const dm = c.type !== undefined;
      this.channels.set(c.id, {
        id: c.id, name: c.name, isPrivate: dm || (c.isPrivate ?? false), isIm: c.type === 'im', isMpim: c.type === 'mpim',
        isArchived: c.isArchived ?? false, members, created, topic: c.topic ?? '',
      });
    }
  }

  // ---- people and conversations -------------------------------------------------------------

  listUsers(): StoredUser[] {
    return [...this.users.values()];
  }

  getUser(id: string): StoredUser | undefined {
    return this.users.get(id);
  }

  /** Deactivates a person, as an admin does when someone leaves: users.info says `deleted`. */
  deactivateUser(id: string): void {
    if (this.users.has(id)) this.deactivated.add(id);
  }

  isDeactivated(id: string): boolean {
    return this.deactivated.has(id);
  }

  listChannels(): StoredChannel[] {
    return [...this.channels.values()];
  }

  getChannel(id: string): StoredChannel | undefined {
    return this.channels.get(id);
  }

  /** Resolves an id, `#name` or `name`, as chat.postMessage does. */
  resolveChannel(ref: string): StoredChannel | undefined {
    const byId = this.channels.get(ref);
    if (byId) return byId;
    const name = ref.startsWith('#') ? ref.slice(1) : ref;
    return [...this.channels.values()].find((c) => !c.isIm && !c.isMpim && c.name === name);
  }

  /** The bot's direct-message channel with `userId`, created on first use. */
  openIm(userId: string): StoredChannel {
    const existing = [...this.channels.values()].find((c) => c.isIm && c.imUser === userId);
    if (existing) return existing;
    const im: StoredChannel = {
      id: this.ids.id('D'), name: userId, isPrivate: true, isIm: true, isMpim: false, isArchived: false,
      members: new Set([userId, this.bot.userId]), imUser: userId, created: Math.floor(this.now() / 1000), topic: '',
    };
    this.channels.set(im.id, im);
    this.events.emit('channel', im);
    return im;
  }

  isBotMember(channel: StoredChannel): boolean {
    return channel.members.has(this.bot.userId);
  }

  /** Private channels the bot is not in do not exist as far as the bot can tell. */
  botCanSee(channel: StoredChannel): boolean {
    return !channel.isPrivate || this.isBotMember(channel);
  }

  /**
   * Adds a person or the bot to a channel on `inviter`'s word, as conversations.invite does:
   * the same refusals (codes of Slack's own), and a channel_join message for everyone there.
   */
  invite(channel: StoredChannel, inviter: string, userId: string): void {
    if (channel.isIm || channel.isMpim) fail('method_not_supported_for_channel_type');
    if (channel.isArchived) fail('is_archived');
    if (!channel.members.has(inviter)) fail('not_in_channel');
    if (userId === inviter) fail('cant_invite_self');
    if (!this.users.has(userId) || this.deactivated.has(userId)) fail('user_not_found');
    if (channel.members.has(userId)) fail('already_in_channel');
    this.join(channel, userId);
    this.addMessage({ channel: channel.id, user: userId, text: `<@${userId}> has joined the channel`, subtype: 'channel_join', inviter });
  }

  join(channel: StoredChannel, userId: string): void {
    if (channel.members.has(userId)) return;
    channel.members.add(userId);
    this.events.emit('channel', channel);
  }

  // ---- messages -------------------------------------------------------------------------------

  addMessage(input: NewMessage): StoredMessage {
    const msg: StoredMessage = { ...input, ts: input.ts ?? this.ids.ts() };
    const list = this.messages.get(msg.channel) ?? [];
    list.push(msg);
    this.messages.set(msg.channel, list);
    if (msg.threadTs !== undefined && msg.threadTs !== msg.ts) {
      const root = this.findMessage(msg.channel, msg.threadTs);
      if (root && root.threadTs === undefined) root.threadTs = root.ts;
    }
    this.events.emit('message', msg);
    return msg;
  }

  findMessage(channel: string, ts: string): StoredMessage | undefined {
    return this.messages.get(channel)?.find((m) => m.ts === ts);
  }

  changeMessage(msg: StoredMessage, change: Partial<Pick<StoredMessage, 'text' | 'blocks' | 'attachments' | 'metadata' | 'files'>>): StoredMessage {
    Object.assign(msg, change);
    if (msg.ephemeralFor === undefined) msg.edited = { user: msg.user, ts: this.ids.ts() };
    this.events.emit('message_changed', msg);
    return msg;
  }

  deleteMessage(msg: StoredMessage): void {
    const list = this.messages.get(msg.channel) ?? [];
    this.messages.set(msg.channel, list.filter((m) => m !== msg));
    this.events.emit('message_deleted', { channel: msg.channel, ts: msg.ts, ...(msg.ephemeralFor ? { ephemeralFor: msg.ephemeralFor } : {}) });
  }

  /** Every message of a channel a viewer may see, oldest first: thread replies and that viewer's ephemerals included. */
  messagesFor(channel: string, viewer?: string): StoredMessage[] {
    return (this.messages.get(channel) ?? []).filter((m) => m.ephemeralFor === undefined || m.ephemeralFor === viewer);
  }

  /** The channel's main timeline, oldest first: no thread replies unless broadcast to the channel. */
  timeline(channel: string, viewer?: string): StoredMessage[] {
    return this.messagesFor(channel, viewer).filter((m) => m.threadTs === undefined || m.threadTs === m.ts || m.replyBroadcast === true);
  }

  /** A thread (parent first), or an empty list when `rootTs` is not a message of the channel. */
  thread(channel: string, rootTs: string, viewer?: string): StoredMessage[] {
    const root = this.findMessage(channel, rootTs);
    if (!root || root.ephemeralFor !== undefined) return [];
    const replies = this.messagesFor(channel, viewer).filter((m) => m.threadTs === root.ts && m.ts !== root.ts);
    return [root, ...replies];
  }

  replyStats(msg: StoredMessage): { count: number; users: string[]; latest?: string } {
    if (msg.threadTs !== msg.ts) return { count: 0, users: [] };
    const replies = this.thread(msg.channel, msg.ts).slice(1);
    return { count: replies.length, users: [...new Set(replies.map((r) => r.user))], latest: replies.at(-1)?.ts };
  }
}
