/**
 * Why a digest run was skipped, failed or left unknown, and what to do about it: the words
 * history and the creator's notice share. A reason is one of RUN_REASONS, or Slack's error for
 * a refused post, which ./refusal-words.ts words as it does for a paused digest. Reasons stored
 * before they were codes (free text) still read, as the generic words of their outcome.
 */
import { RUN_REASONS } from '../../domain/digest';
import { formatDuration } from './format';
import { channelMention } from './mrkdwn';
import { refusalReason } from './refusal-words';
import type { DigestRunView } from '../../views/digest';

export interface RunWordsContext {
  readonly digestId: number;
  readonly channelId: string;
  readonly graceMinutes: number;
}

/** One clause on what happened, with what to do when something can be done ("…; invite me…"). */
export function runWhy(run: DigestRunView, ctx: RunWordsContext): string {
  const where = channelMention(ctx.channelId);
  const sendNow = `\`/occupancy digest send ${ctx.digestId}\` sends it now`;
  if (run.outcome === 'sent') return 'sent on time';
  if (run.outcome === 'late') return `I wasn't running at the scheduled time; a digest up to ${formatDuration(ctx.graceMinutes)} late still goes out, marked as late`;
  if (run.outcome === 'under_way') return 'being sent right now';
  switch (run.reason) {
    case RUN_REASONS.missed:
      return `I wasn't running at the scheduled time and came back ${formatDuration(run.lateMinutes)} later, past the ${formatDuration(ctx.graceMinutes)} a late digest may still go out, so I skipped it rather than post a stale one. ${sendNow}; if this keeps happening, tell whoever runs the bot`;
    case RUN_REASONS.superseded:
      return 'a later run was due by the time I was back, so only that one could go out';
    case RUN_REASONS.noData:
      return 'nothing was published for its buildings, and it is set to skip such days';
    case RUN_REASONS.buildingsNotFound:
      return `InnerSpace no longer knows its buildings. Edit the digest (\`/occupancy digest list\`) to pick buildings that exist`;
    case RUN_REASONS.innerspaceUnavailable:
      return `InnerSpace wasn't answering from the scheduled time until the ${formatDuration(ctx.graceMinutes)} a late digest may still go out had passed. Nothing to fix here: the next run tries again, and ${sendNow}`;
    case RUN_REASONS.rateLimited:
      return `Slack kept asking me to slow down in ${where}, so I gave up on this run. The next run tries again, and ${sendNow}`;
    case RUN_REASONS.interrupted:
      return `I stopped while posting it, so it may be in ${where}, perhaps in part. I won't post it again on my own: look in the channel, and if it is missing, ${sendNow}`;
    case RUN_REASONS.noAnswer:
    case RUN_REASONS.postFailed:
    case RUN_REASONS.nothingToPost:
      return `Slack didn't confirm the post, so it may be in ${where}. I won't post it again on my own: look in the channel, and if it is missing, ${sendNow}`;
    default:
      return otherReason(run, ctx, where, sendNow);
  }
}

function otherReason(run: DigestRunView, ctx: RunWordsContext, where: string, sendNow: string): string {
  if (run.outcome === 'failed' && run.reason !== null && /^[a-z_]+$/.test(run.reason)) {
    return refusalReason(run.reason, where, 'set the digest up in another channel');
  }
  if (run.outcome === 'skipped') return `it was missed, beyond the ${formatDuration(ctx.graceMinutes)} a late digest may still go out`;
  if (run.outcome === 'unknown') return `it may be in ${where}. Look in the channel, and if it is missing, ${sendNow}`;
  return `it could not be posted to ${where}. ${sendNow}`;
}
