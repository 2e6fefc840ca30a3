/**
 * What a refused post means beyond its own run (src/services/refusals.ts): a refusal that will
 * repeat pauses that digest (its creator is told once, by direct message); a token that no
 * longer works stops every digest of the team; Slack's own trouble waits for the next run.
 */
import type { Logger } from '../../logging/logger';
import type { MessageRenderer } from '../../ports/renderer';
import type { PausedBecause } from '../../views/digest';
import type { ChatGateway } from '../../ports/chat';
import type { Store } from '../../ports/store';
import type { Digest } from '../../domain/digest';
import { refusalReach } from '../refusals';

export const ACCESS_REVOKED = 'access_revoked';

export function pausedNoticeKey(digestId: number): string {
  return `digest:${digestId}:paused`;
}

export interface RefusalContext {
  readonly store: Store;
  readonly slack: ChatGateway;
  readonly renderer: MessageRenderer;
  readonly log: Logger;
}

export async function handleRefusal(ctx: RefusalContext, digest: Digest, slackError: string, onTeamRevoked: () => void): Promise<void> {
  const reach = refusalReach(slackError);
  if (reach === 'team') {
    onTeamRevoked();
    const paused = await ctx.store.digests.pauseAllForTeam(digest.teamId, ACCESS_REVOKED);
    ctx.log.error({ slackError, team: digest.teamId, paused }, "Slack no longer accepts this workspace's token; its digests are paused");
    return;
  }
  if (reach === 'transient') {
    ctx.log.warn({ slackError }, 'Slack refused the digest for now; the next run tries again');
    return;
  }
  await ctx.store.digests.pause(digest.teamId, digest.id, slackError);
  ctx.log.warn({ slackError, channel: digest.channelId }, 'digest paused: Slack will keep refusing it until someone acts');
  await notifyCreator(ctx, digest, slackError);
}

async function notifyCreator(ctx: RefusalContext, digest: Digest, because: PausedBecause): Promise<void> {
  if (!(await ctx.store.notices.markOnce(digest.teamId, pausedNoticeKey(digest.id)))) return;
  try {
    const dm = await ctx.slack.openDm(digest.createdBy);
    await ctx.slack.postMessage(dm, ctx.renderer.digestPaused(digest.id, digest.channelId, because));
  } catch (err) {
    ctx.log.warn({ err, user: digest.createdBy }, 'could not tell the creator that their digest paused');
  }
}
