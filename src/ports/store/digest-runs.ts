/** One run per (digest, local date): the at-most-once record of each day. */
import type { DigestRun, DigestRunOutcome } from '../../domain/digest';
import type { EpochMs } from '../../domain/values';

export interface ClaimOptions {
  lateMinutes?: number;
  channelId?: string;
}

export interface DigestRunRepository {
  /**
   * Claims the run of a digest for a local date. True for exactly one caller per
   * (digestId, localDate), ever: this is the at-most-once guarantee. NOT_FOUND when the
   * digest does not exist in that team.
   */
  claim(digestId: number, localDate: string, teamId: string, claimedAt: EpochMs, options?: ClaimOptions): Promise<boolean>;
  /** Records the outcome of a claimed run; false if the run is missing or already finished. */
  finish(digestId: number, localDate: string, outcome: DigestRunOutcome): Promise<boolean>;
  get(digestId: number, localDate: string): Promise<DigestRun | null>;
  /** Newest local date first. */
  listForDigest(digestId: number, limit?: number): Promise<DigestRun[]>;
  lastRun(digestId: number): Promise<DigestRun | null>;
  /** Runs still 'claimed' (e.g. the process stopped mid-run), oldest claim first. */
  listUnfinished(): Promise<DigestRun[]>;
}
