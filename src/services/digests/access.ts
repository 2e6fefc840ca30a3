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
  async permissions(actor: Actor, digest: Pick<Digest, 'channelId' | 'createdBy'>): Promise<DigestPermissions> {
    const admin = this.isAdmin(actor.userId);
    if (admin) return { run: true, change: true, takeOver: digest.createdBy !== actor.userId && (await this.creatorLeft(digest.createdBy)) };
    const run = await this.authz.canManageChannel(actor.userId, digest.channelId).catch(() => true);
    return { run, change: digest.createdBy === actor.userId, takeOver: false };
  }

  /** Whether whoever set it up has left; unknown (Slack did not say) counts as still here. */
  creatorLeft(userId: string): Promise<boolean> {
    return this.authz.hasLeft(userId).catch(() => false);
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
