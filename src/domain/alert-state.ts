/** Where an alert rule stands, and how far the data of a scope has been evaluated. */
import type { EpochMs, JsonObject } from './values';
import type { AlertGranularity, ScopeKind } from './subscription';

export type AlertStatus = 'OK' | 'PENDING' | 'ALERTING' | 'NO_DATA';

export interface AlertState {
  subscriptionId: number;
  teamId: string;
  state: AlertStatus;
  pendingSince: EpochMs | null;
  pendingCount: number;
  episodeStart: EpochMs | null;
  episodePeak: number | null;
  episodePeakAt: EpochMs | null;
  /** Relative rules: the usual level at the extreme, and of how many of the 4 weeks it is the mean. */
  episodeUsual: number | null;
  episodeUsualWeeks: number | null;
  /** Where the episode message lives, to update it in place. */
  messageChannel: string | null;
  messageTs: string | null;
  lastNotifiedAt: EpochMs | null;
  /** Start of the latest bucket this state has taken in. */
  evaluatedThrough: EpochMs | null;
  /** Notifications held back by quiet hours; their shape belongs to the alert service. */
  deferred: JsonObject[];
  updatedAt: EpochMs;
}

/** The usual-level columns may be left out: absolute rules have none. */
export type AlertStateInput = Omit<AlertState, 'updatedAt' | 'episodeUsual' | 'episodeUsualWeeks'> & Partial<Pick<AlertState, 'episodeUsual' | 'episodeUsualWeeks'>>;

/**
 * Watermarks describe InnerSpace data, which every team of one install shares, so they are
 * keyed by scope rather than by team.
 */
export interface ScopeKey {
  scopeKind: ScopeKind;
  scopeId: number;
  granularity: AlertGranularity;
  /**
   * A group other than the configured default: its rules are checked apart, on that group's
   * rows. The watermark stays the scope's, shared by its groups: InnerSpace publishes a
   * building's rows for every group at once, so how far it has published is the same for each.
   */
  groupId?: string;
}

export interface Watermark extends ScopeKey {
  /** Start of the latest bucket evaluated. */
  lastBucketStart: EpochMs;
  updatedAt: EpochMs;
}
