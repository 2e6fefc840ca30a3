/**
 * What replicas sharing one store coordinate through, beyond the digest runs: who checks which
 * alert scope, when each channel may next be posted to, and where each open form stands.
 * Every method is one guarded statement, so any number of replicas may call it at once.
 */
import type { EpochMs } from '../../domain/values';

/** One alert scope (kind, id, granularity) checked by one replica at a time, once per tick. */
export interface ScopeCheckRepository {
  /**
   * Takes the scope for a scheduled tick (an ISO instant): true for one caller, and only when
   * no lease on it is running and no check for this tick or a later one was taken. A tick of
   * null (a check asked for by hand) skips the tick rule and leaves the recorded tick as it was.
   */
  claim(scopeKey: string, tick: string | null, owner: string, now: EpochMs, leaseUntil: EpochMs): Promise<boolean>;
  /** Extends the lease while `owner` still holds it; false when it was lost. */
  renew(scopeKey: string, owner: string, leaseUntil: EpochMs): Promise<boolean>;
  /** Ends the owner's lease at once, keeping the tick it was taken for. */
  release(scopeKey: string, owner: string): Promise<boolean>;
  /** Ends every lease, whoever holds it: a store one process owns, at its start. */
  releaseAll(): Promise<number>;
}

/** When each Slack channel may next be posted to, shared by every replica. */
export interface SendSlotRepository {
  /**
   * Takes the channel's next turn: the instant it starts (now, or when the previous turn or a
   * hold ends), pushing the one after by `spacingMs`. Two callers never get the same turn.
   * Given `latest` (not before `now`), a turn that would start after it is not taken (nothing
   * changes) and the instant it would start is returned: an answer after `latest` means nothing
   * was taken.
   */
  reserve(key: string, now: EpochMs, spacingMs: number, latest?: EpochMs): Promise<EpochMs>;
  /** Slack said 429: no turn starts before `until`. */
  holdOff(key: string, until: EpochMs): Promise<void>;
  /** Forgets channels whose turn came before `before`. */
  sweep(before: EpochMs): Promise<number>;
}

export interface FormViewState {
  readonly seq: number;
  readonly hash: string | null;
}

/** The opening of a form is its first ticket; every input comes after it, even one recorded first. */
export const FORM_OPENING_TICKET = 1;

/** The newest input to each open form, and the hash of the last drawing of it. */
export interface FormViewRepository {
  /**
   * A form just opened with this hash: ticket FORM_OPENING_TICKET. When an input was recorded
   * first, the state stays as it is (the hash filled in if none was known).
   */
  opened(viewId: string, hash: string | null, now: EpochMs): Promise<FormViewState>;
  /** A new input: the next ticket; `seenHash` is kept only when no drawing of ours is known. */
  input(viewId: string, seenHash: string | null, now: EpochMs): Promise<FormViewState>;
  get(viewId: string): Promise<FormViewState | null>;
  /**
   * A drawing passed `usedHash` and Slack answered `newHash`: stored when the stored hash is
   * still `usedHash` (or none), so the newest drawing's hash is the one kept.
   */
  drawn(viewId: string, usedHash: string | null, newHash: string, now: EpochMs): Promise<boolean>;
  /** The form was closed, or drawn by someone we can't follow: its hash is no longer known. */
  forget(viewId: string, now: EpochMs): Promise<void>;
  /** Forgets forms untouched since `before`. */
  sweep(before: EpochMs): Promise<number>;
}
