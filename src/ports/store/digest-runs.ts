/**
 * One run per (digest, local date): the at-most-once record of each day.
 *
 * Several replicas share it through leases. A claim names its owner and holds until
 * `leaseUntil`; the owner renews it while it works. Just before the first message goes to Slack
 * the owner marks the run posting, and only while it still owns it. So a run whose owner
 * died is taken over by another replica when nothing was handed to Slack yet, and recorded
 * unknown (never re-posted) when something was.
 */
import type { DigestRun, DigestRunOutcome } from '../../domain/digest';
import type { EpochMs } from '../../domain/values';

export interface ClaimOptions {
  lateMinutes?: number;
  channelId?: string;
  /** The claiming replica; without one the run counts as posting from the start (the old rule). */
  owner?: string;
  leaseUntil?: EpochMs;
}

export interface DigestRunKey {
  readonly digestId: number;
  readonly localDate: string;
}

export interface DigestRunRepository {
  /**
   * Claims the run of a digest for a local date. True for exactly one caller per
   * (digestId, localDate), ever: this is the at-most-once guarantee. NOT_FOUND when the
   * digest does not exist in that team.
   */
  claim(digestId: number, localDate: string, teamId: string, claimedAt: EpochMs, options?: ClaimOptions): Promise<boolean>;
  /**
   * Takes over a claimed run whose lease ended before `now` and that was never handed to
   * Slack. True for exactly one caller.
   */
  takeOver(key: DigestRunKey, owner: string, now: EpochMs, leaseUntil: EpochMs, lateMinutes?: number): Promise<boolean>;
  /** Extends the lease while `owner` still holds the unfinished run; false when it does not. */
  renew(key: DigestRunKey, owner: string, leaseUntil: EpochMs): Promise<boolean>;
  /**
   * The last step before Slack is asked: true only while `owner` still holds the run and it
   * was not marked before. After it, the run is never taken over.
   */
  markPosting(key: DigestRunKey, owner: string, at: EpochMs): Promise<boolean>;
  /**
   * Gives back a claim nothing was posted for (its content could not be built): the slot is
   * open again. `refused`: Slack refused the first post (a 429), so nothing went out even
   * though the run was marked posting.
   */
  release(key: DigestRunKey, owner: string, opts?: { refused?: boolean }): Promise<boolean>;
  /**
   * Records a run as unknown when its lease ended before `now` with a post possibly under way
   * (marked posting, or claimed without an owner). False when the run is not in that state.
   */
  expire(key: DigestRunKey, now: EpochMs, reason: string): Promise<boolean>;
  /** Records the outcome of a claimed run; false if the run is missing or already finished. */
  finish(digestId: number, localDate: string, outcome: DigestRunOutcome): Promise<boolean>;
  get(digestId: number, localDate: string): Promise<DigestRun | null>;
  /** Newest local date first. */
  listForDigest(digestId: number, limit?: number): Promise<DigestRun[]>;
  lastRun(digestId: number): Promise<DigestRun | null>;
  /** Runs still 'claimed' (under way, or cut short), oldest claim first. */
  listUnfinished(): Promise<DigestRun[]>;
}
