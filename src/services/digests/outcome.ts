/**
 * Writes what became of a posted digest run, and what a refusal means beyond it.
 */
import type { Logger } from '../../logging/logger';
import { RUN_REASONS, type Digest } from '../../domain/digest';
import type { PostOutcome } from './delivery';
import { handleRefusal, type RefusalContext } from './refusals';
import type { DueSlot } from './schedule';

/** The counters of a tick that outcomes add to. */
export interface OutcomeCounts {
  sent: number;
  late: number;
  failed: number;
  unknown: number;
}

export interface PostedRun {
  readonly digest: Digest;
  readonly slot: DueSlot;
  readonly outcome: PostOutcome;
  readonly lateMinutes: number;
}

export async function recordOutcome(ctx: RefusalContext, run: PostedRun, counts: OutcomeCounts, onTeamRevoked: () => void): Promise<void> {
  const { digest, slot, outcome, lateMinutes } = run;
  const runs = ctx.store.digestRuns;
  const log: Logger = ctx.log;
  switch (outcome.kind) {
    case 'sent':
      await runs.finish(digest.id, slot.localDate, { state: 'sent', messageTs: outcome.ts, channelId: outcome.channel });
      counts.sent += 1;
      if (lateMinutes > 0) counts.late += 1;
      log.info({ ts: outcome.ts, lateMinutes, messages: outcome.posted }, lateMinutes > 0 ? 'digest sent late' : 'digest sent');
      return;
    case 'unknown':
      // It may have been posted: recorded, never retried into a duplicate.
      await runs.finish(digest.id, slot.localDate, { state: 'unknown', reason: outcome.reason });
      counts.unknown += 1;
      log.warn({ posted: outcome.posted }, `digest outcome unknown (${outcome.reason}); not re-posted`);
      return;
    case 'rate_limited':
      await runs.finish(digest.id, slot.localDate, { state: 'failed', reason: RUN_REASONS.rateLimited });
      counts.failed += 1;
      log.warn({ posted: outcome.posted }, 'digest gave up after repeated rate limits');
      return;
    case 'lost':
      return;
    case 'refused':
      await runs.finish(digest.id, slot.localDate, { state: 'failed', reason: outcome.slackError });
      counts.failed += 1;
      await handleRefusal(ctx, digest, outcome.slackError, onTeamRevoked);
      return;
  }
}
