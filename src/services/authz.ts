/**
 * Who may do what (DESIGN.md): managing a channel's digest or subscription needs membership of
 * that channel or ADMIN_USER_IDS; only the creator or an admin edits or deletes.
 */
import { ForbiddenError } from '../errors';
import type { ChatGateway } from '../ports/chat';
import { SlackCallError } from '../ports/chat';

export type BotAccess =
  | { readonly ok: true; readonly needsJoin: boolean }
  | { readonly ok: false; readonly slackError: string; readonly cause?: unknown };

export class Authorizer {
  private readonly admins: ReadonlySet<string>;

  constructor(
    private readonly slack: ChatGateway,
    adminUserIds: readonly string[],
  ) {
    this.admins = new Set(adminUserIds);
  }

  isAdmin(userId: string): boolean {
    return this.admins.has(userId);
  }

  /** True when the user is a member of the channel. A channel the bot cannot see counts as no. */
  async isMember(userId: string, channelId: string): Promise<boolean> {
    try {
      return (await this.slack.members(channelId)).includes(userId);
    } catch (err) {
      if (err instanceof SlackCallError && err.kind === 'refused') return false;
      throw err;
    }
  }

  /** True when the user is a member of the channel, or an admin. */
  async canManageChannel(userId: string, channelId: string): Promise<boolean> {
    return this.isAdmin(userId) || this.isMember(userId, channelId);
  }

  async requireChannel(userId: string, channelId: string): Promise<void> {
    if (!(await this.canManageChannel(userId, channelId))) {
      throw new ForbiddenError('not a member of the channel', channelId);
    }
  }

  /**
   * Whether the bot can post in a channel, from Slack's view of it: the Slack error it would
   * get (channel_not_found, is_archived, not_in_channel…), or whether it must join first (a
   * public channel it is not in). A direct message with the bot always takes its posts.
   */
  async botAccess(channelId: string): Promise<BotAccess> {
    let info;
    try {
      info = await this.slack.channelInfo(channelId);
    } catch (err) {
      if (err instanceof SlackCallError && err.kind === 'refused') return { ok: false, slackError: err.slackError ?? 'channel_not_found', cause: err };
      throw err;
    }
    if (info.isArchived) return { ok: false, slackError: 'is_archived' };
    // Slack reports no membership for a direct message with the bot.
    if (channelId.startsWith('D')) return { ok: true, needsJoin: false };
    if (!info.isMember && info.isPrivate) return { ok: false, slackError: 'not_in_channel' };
    return { ok: true, needsJoin: !info.isMember };
  }

  /** The creator or an admin; everyone else gets FORBIDDEN. */
  requireOwner(userId: string, createdBy: string): void {
    if (userId !== createdBy && !this.isAdmin(userId)) {
      throw new ForbiddenError('only the creator or an admin may change this');
    }
  }
}
