/** A channel's daily or weekly digest and the record of each run. */
import type { EpochMs, Weekday } from './values';

/** What a digest shows, and whether it stays quiet on a day with no data. */
export interface DigestOptions {
  readonly chart: boolean;
  readonly topZones: boolean;
  readonly perFloor: boolean;
  readonly weekOverWeek: boolean;
  readonly skipWhenNoData: boolean;
}

/** The sections a reader can switch on and off (all but skipWhenNoData), in display order. */
export const DIGEST_SECTIONS = ['chart', 'topZones', 'perFloor', 'weekOverWeek'] as const satisfies readonly (keyof DigestOptions)[];
export type DigestSection = (typeof DIGEST_SECTIONS)[number];

/**
 * What a new digest shows when nothing was chosen, and what a stored row reads as for an
 * option it predates: the one set of defaults.
 */
export const DEFAULT_DIGEST_OPTIONS: Readonly<DigestOptions> = Object.freeze({
  chart: true,
  topZones: true,
  perFloor: true,
  weekOverWeek: true,
  skipWhenNoData: false,
});

export const DEFAULT_DIGEST_TIME = '08:00';
export const WEEKDAYS_MON_FRI: readonly Weekday[] = [1, 2, 3, 4, 5];

export type DigestStatus = 'active' | 'paused';

/**
 * `daily`: the latest published day, on each of `days`. `weekly`: last week (Monday to Sunday
 * on each building's calendar), on the one weekday in `days`.
 */
export type DigestCadence = 'daily' | 'weekly';
export const DIGEST_CADENCES: readonly DigestCadence[] = ['daily', 'weekly'];
/** The day a weekly digest goes out when none was said: the first working day after the week. */
export const DEFAULT_WEEKLY_DAY: Weekday = 1;

export interface Digest {
  id: number;
  teamId: string;
  channelId: string;
  createdBy: string;
  buildingIds: number[];
  /** Local wall-clock time, "HH:mm". */
  timeOfDay: string;
  /** For a weekly digest, its one weekday. */
  days: Weekday[];
  /** IANA zone the time of day is read in. */
  timeZone: string;
  cadence: DigestCadence;
  options: DigestOptions;
  /** The InnerSpace group it reads; null for the configured default group. */
  groupId: string | null;
  status: DigestStatus;
  /** Why the digest is paused, e.g. 'channel_not_found'; null when active or paused by hand. */
  pausedReason: string | null;
  createdAt: EpochMs;
  updatedAt: EpochMs;
}

export interface NewDigest {
  teamId: string;
  channelId: string;
  createdBy: string;
  buildingIds: readonly number[];
  timeOfDay: string;
  days: readonly Weekday[];
  timeZone: string;
  /** Daily when not said. */
  cadence?: DigestCadence;
  options: DigestOptions;
  /** Absent or null: the configured default group. */
  groupId?: string | null;
}

export type DigestPatch = Partial<Pick<NewDigest, 'channelId' | 'buildingIds' | 'timeOfDay' | 'days' | 'timeZone' | 'options' | 'groupId'> & { cadence: DigestCadence }>;

export type DigestRunState = 'claimed' | 'sent' | 'failed' | 'unknown' | 'skipped';

export interface DigestRun {
  digestId: number;
  /** The digest's local date this run is for, 'YYYY-MM-DD'. */
  localDate: string;
  teamId: string;
  state: DigestRunState;
  claimedAt: EpochMs;
  finishedAt: EpochMs | null;
  messageTs: string | null;
  channelId: string | null;
  reason: string | null;
  /** Minutes after the scheduled time the run was claimed; 0 when on time. */
  lateMinutes: number;
  /** The replica working on a claimed run; null for runs claimed before leases existed. */
  owner: string | null;
  /** Until when the owner's claim holds; once past, another replica may act on the run. */
  leaseUntil: EpochMs | null;
  /** When the first message was handed to Slack: from then on the run is never posted again. */
  postingAt: EpochMs | null;
}

/**
 * Why a run was skipped, failed or left unknown, as stored in its `reason`. A failed run's
 * reason may also be Slack's own error for a refused post (`not_in_channel`, `is_archived`…).
 */
export const RUN_REASONS = {
  /** Missed by more than the grace window (the bot was not running): its `lateMinutes` says by how much. */
  missed: 'missed',
  /** Several runs were missed; only the newest could still be sent. */
  superseded: 'superseded',
  /** Nothing was published and the digest skips such days. */
  noData: 'no_data',
  buildingsNotFound: 'buildings_not_found',
  /** InnerSpace did not answer from the scheduled time until the grace window ended. */
  innerspaceUnavailable: 'innerspace_unavailable',
  rateLimited: 'rate_limited',
  /** The process stopped with a post possibly under way. */
  interrupted: 'interrupted',
  /** No answer or a server error from Slack: the post may have gone out. */
  noAnswer: 'no_answer',
  postFailed: 'post_failed',
  nothingToPost: 'nothing_to_post',
} as const;

export type DigestRunOutcome =
  | { state: 'sent'; messageTs: string; channelId?: string }
  | { state: 'failed'; reason: string }
  | { state: 'unknown'; reason: string }
  | { state: 'skipped'; reason: string };
