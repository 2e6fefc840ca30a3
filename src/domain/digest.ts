/** A channel's daily digest and the record of each day's run. */
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

export interface Digest {
  id: number;
  teamId: string;
  channelId: string;
  createdBy: string;
  buildingIds: number[];
  /** Local wall-clock time, "HH:mm". */
  timeOfDay: string;
  days: Weekday[];
  /** IANA zone the time of day is read in. */
  timeZone: string;
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
  options: DigestOptions;
  /** Absent or null: the configured default group. */
  groupId?: string | null;
}

export type DigestPatch = Partial<Pick<NewDigest, 'channelId' | 'buildingIds' | 'timeOfDay' | 'days' | 'timeZone' | 'options' | 'groupId'>>;

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

export type DigestRunOutcome =
  | { state: 'sent'; messageTs: string; channelId?: string }
  | { state: 'failed'; reason: string }
  | { state: 'unknown'; reason: string }
  | { state: 'skipped'; reason: string };
