/**
 * Who may manage a digest, and whether the bot can post where it is meant to go. Failures are
 * typed errors the words module turns into "invite me" / "only members…" sentences.
 */
import { BadInputError, CannotPostError, ChannelNameError } from '../../errors';
import type { ChannelRef } from '../../domain/drafts';
import type { ChatGateway } from '../../ports/chat';
import type { Authorizer } from '../authz';
import type { Digest } from '../../domain/digest';
import type { DigestPermissions } from '../../views/index';

export interface Actor {
  readonly teamId: string;
  readonly userId: string;
}

export interface ChannelAccess {
  readonly channelId: string;
  /** A public channel the bot is not in yet: it joins before the digest is stored. */
  readonly needsJoin: boolean;
}

function cannotPost(channelId: string, slackError: string, cause?: unknown): CannotPostError {
  return new CannotPostError(`cannot post digests in ${channelId}: ${slackError}`, channelId, slackError, cause);
}

/** The channel a draft names: its own, or the one the command came from. */
export function resolveChannelRef(ref: ChannelRef | null, origin: string | null): string {
  if (ref === null) {
    if (!origin) throw new BadInputError('no channel for the digest', { field: 'channel' });
    return origin;
  }
  if (ref.kind === 'id') return ref.id;
  throw new ChannelNameError(ref.name);
}

/**
 * What a person may do with a digest (see DigestPermissions). `member`: already known to be in
 * its channel (App Home lists only those); otherwise asked, and when Slack cannot say just now
 * the run buttons show, since each use checks again.
 */
export async function digestPermissions(
  authz: Authorizer,
  userId: string,
  digest: Pick<Digest, 'channelId' | 'createdBy'>,
  member?: boolean,
): Promise<DigestPermissions> {
  if (authz.isAdmin(userId)) return { run: true, change: true, takeOver: digest.createdBy !== userId && (await authz.hasLeft(digest.createdBy)) };
  const run = member ?? (await authz.canManageChannel(userId, digest.channelId).catch(() => true));
  return { run, change: digest.createdBy === userId, takeOver: false };
}

export class DigestAccess {
  constructor(
    private readonly slack: ChatGateway,
    private readonly authz: Authorizer,
  ) {}

  isAdmin(userId: string): boolean {
    return this.authz.isAdmin(userId);
  }

  /**
   * What the actor may do with a digest, for the buttons a list shows. When Slack cannot say
   * just now whether they are in its channel, the run buttons show: each use checks again.
   */
  permissions(actor: Actor, digest: Pick<Digest, 'channelId' | 'createdBy'>): Promise<DigestPermissions> {
    return digestPermissions(this.authz, actor.userId, digest);
  }

  /** Whether whoever set it up has left (unknown counts as still here). */
  creatorLeft(userId: string): Promise<boolean> {
    return this.authz.hasLeft(userId);
  }

  /** Edits and deletes: the creator or an admin. */
  requireOwner(actor: Actor, createdBy: string): void {
    this.authz.requireOwner(actor.userId, createdBy);
  }

  /** Managing a channel's digests: a member of it, or an admin. */
  requireMember(actor: Actor, channelId: string): Promise<void> {
    return this.authz.requireChannel(actor.userId, channelId);
  }

  /**
   * The bot can post to the channel (or can join it), and the actor may manage it. The bot's
   * view comes first: a private channel without the bot looks absent, whoever asks.
   */
  async check(actor: Actor, channelId: string): Promise<ChannelAccess> {
    const access = await this.authz.botAccess(channelId);
    if (!access.ok && access.slackError !== 'not_in_channel') throw cannotPost(channelId, access.slackError, access.cause);
    await this.requireMember(actor, channelId);
    if (!access.ok) throw cannotPost(channelId, access.slackError, access.cause);
    return { channelId, needsJoin: access.needsJoin };
  }

  /** Joins a public channel; if Slack refuses, the user hears how to invite the bot instead. */
  join(channelId: string): Promise<void> {
    return this.authz.join(channelId);
  }
}
