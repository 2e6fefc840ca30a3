/**
 * Who may do what (DESIGN.md): managing a channel's digest or subscription needs membership of
 * that channel or ADMIN_USER_IDS; only the creator or an admin edits or deletes.
 */
import { CannotPostError, ForbiddenError } from '../errors';
import type { ChatGateway } from '../ports/chat';
import { SlackCallError } from '../ports/chat';

export type BotAccess =
  | { readonly ok: true; readonly needsJoin: boolean }
  | { readonly ok: false; readonly slackError: string; readonly cause?: unknown };

/** How long a person's conversations are trusted, and after how long a "not a member" is asked again. */
export const MEMBERSHIP_TTL_MS = 60_000;
export const MEMBERSHIP_RECHECK_MS = 5_000;
/** How long "has left the workspace" is trusted ("still here": MEMBERSHIP_TTL_MS). */
export const LEFT_TTL_MS = 10 * 60_000;

interface Memberships {
  readonly at: number;
  readonly channels: ReadonlySet<string>;
}

export class Authorizer {
  private readonly admins: ReadonlySet<string>;
  private readonly known = new Map<string, Memberships>();
  private readonly loading = new Map<string, Promise<Memberships>>();
  private readonly left = new Map<string, { readonly at: number; readonly left: boolean }>();

  constructor(
    private readonly slack: ChatGateway,
    adminUserIds: readonly string[],
    private readonly now: () => number = Date.now,
  ) {
    this.admins = new Set(adminUserIds);
  }

  isAdmin(userId: string): boolean {
    return this.admins.has(userId);
  }

  /**
   * The conversations the user is in that the bot can see, from one users.conversations walk
   * kept for MEMBERSHIP_TTL_MS and shared by concurrent askers. A 429 is thrown as it is (the
   * caller says "try again"), never read as "not a member".
   */
  async conversationsOf(userId: string): Promise<ReadonlySet<string>> {
    return (await this.memberships(userId, MEMBERSHIP_TTL_MS)).channels;
  }

  /**
   * True when the user is a member of the channel. A channel the bot cannot see counts as no;
   * a "no" older than MEMBERSHIP_RECHECK_MS is asked again, so someone who just joined is let in.
   */
  async isMember(userId: string, channelId: string): Promise<boolean> {
    const cached = await this.memberships(userId, MEMBERSHIP_TTL_MS);
    if (cached.channels.has(channelId)) return true;
    if (this.now() - cached.at < MEMBERSHIP_RECHECK_MS) return false;
    return (await this.memberships(userId, MEMBERSHIP_RECHECK_MS)).channels.has(channelId);
  }

  private async memberships(userId: string, maxAgeMs: number): Promise<Memberships> {
    const hit = this.known.get(userId);
    if (hit && this.now() - hit.at < maxAgeMs) return hit;
    const running = this.loading.get(userId);
    if (running) return running;
    const load = this.slack
      .conversationsOf(userId)
      .then((ids) => {
        const fresh = { at: this.now(), channels: new Set(ids) };
        this.known.set(userId, fresh);
        // Bounded: the oldest answers go first.
        if (this.known.size > 5000) this.known.delete(this.known.keys().next().value!);
        return fresh;
      })
      .finally(() => this.loading.delete(userId));
    this.loading.set(userId, load);
    return load;
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

  /** Joins a public channel; if Slack refuses, the user hears how to invite the bot instead. */
  async join(channelId: string): Promise<void> {
    try {
      await this.slack.join(channelId);
    } catch (err) {
      if (err instanceof SlackCallError && err.kind === 'refused') {
        const because = err.slackError === 'is_archived' || err.slackError === 'missing_scope' ? err.slackError : 'not_in_channel';
        throw new CannotPostError(`cannot join ${channelId}: ${err.slackError ?? 'refused'}`, channelId, because, err);
      }
      throw err;
    }
  }

  /**
   * Whether someone has left the workspace (deactivated, or unknown to Slack), cached: lists ask
   * it of every creator they show to an admin. When Slack cannot say (no users:read, a 429),
   * they count as still here, and that answer is not kept.
   */
  async hasLeft(userId: string): Promise<boolean> {
    const hit = this.left.get(userId);
    // Someone who left stays gone; "still here" is asked again sooner, so a departure shows soon.
    if (hit && this.now() - hit.at < (hit.left ? LEFT_TTL_MS : MEMBERSHIP_TTL_MS)) return hit.left;
    let left: boolean;
    try {
      left = await this.slack.userLeft(userId);
    } catch {
      return false;
    }
    this.left.set(userId, { at: this.now(), left });
    if (this.left.size > 5000) this.left.delete(this.left.keys().next().value!);
    return left;
  }

  /** The creator or an admin; everyone else gets FORBIDDEN. */
  requireOwner(userId: string, createdBy: string): void {
    if (userId !== createdBy && !this.isAdmin(userId)) {
      throw new ForbiddenError('only the creator or an admin may change this', undefined, createdBy);
    }
  }
}
