/** A digest message, its summary in lists, and its form. */
import type { IsoDate } from '../domain/time';
import type { EpochMs } from '../domain/values';
import type { DigestCadence, DigestOptions } from '../domain/digest';
import type { Weekday } from '../domain/values';
import type { ChartView } from './chart';
import type { DayStatsView, NamedMean } from './report';
import type { PeriodView, RangeReportView } from './range';

export interface DigestBuildingView {
  readonly id: number;
  readonly name: string;
  readonly timeZone: string;
  /** The latest day with data (or the expected day when none was found lately). */
  readonly date: IsoDate;
  /** The day the clock expected, when it is later than `date`: not published yet. */
  readonly awaitedDate: IsoDate | null;
  /** null: nothing was published for that day. */
  readonly stats: DayStatsView | null;
  /** Busiest first; the first 3 are shown. */
  readonly topZones: readonly { readonly name: string; readonly mean: number | null; readonly meanPctOfCapacity: number | null }[];
  readonly floors: readonly NamedMean[];
  readonly chart: ChartView | null;
}

/** A daily digest's message, or a weekly one's. */
export type DigestView = DailyDigestView | WeeklyDigestView;

export interface DailyDigestView {
  readonly cadence?: 'daily';
  readonly digestId: number;
  /** The covered day named in the header: the first building's latest day with data. */
  readonly date: IsoDate;
  /** The first building's latest day with data; null when none was found lately. */
  readonly dataThrough: IsoDate | null;
  /** The first building's expected day, when it is not published yet (the digest says so). */
  readonly awaitedDate: IsoDate | null;
  readonly buildings: readonly DigestBuildingView[];
  readonly content: DigestOptions;
  /** Set when a missed run is caught up after a restart. */
  readonly lateMinutes: number | null;
  /** The group it reads, when not the default one: named in the heading and the stamp. */
  readonly groupLabel?: string;
}

/** A building's part of a weekly digest: last week on its own calendar, as `building <x> last week` answers. */
export interface WeeklyDigestBuildingView {
  readonly id: number;
  readonly name: string;
  readonly timeZone: string;
  /** Monday to Sunday of the week before the building's local today. */
  readonly week: PeriodView;
  /** null: nothing of that week was published. */
  readonly range: RangeReportView | null;
}

export interface WeeklyDigestView {
  readonly cadence: 'weekly';
  readonly digestId: number;
  readonly buildings: readonly WeeklyDigestBuildingView[];
  readonly content: DigestOptions;
  readonly lateMinutes: number | null;
  /** The group it reads, when not the default one. */
  readonly groupLabel?: string;
}

export type DigestPauseReason = 'by_user' | 'channel_not_found' | 'not_in_channel' | 'is_archived' | 'access_revoked';

export interface DigestSummaryView {
  readonly id: number;
  readonly channelId: string;
  readonly buildings: readonly { readonly id: number; readonly name: string | null }[];
  /** The group it reads, when not the default one. */
  readonly groupLabel?: string;
  readonly time: string;
  readonly days: readonly Weekday[];
  readonly cadence: DigestCadence;
  readonly timeZone: string;
  /** null while paused. */
  readonly nextRunMs: EpochMs | null;
  readonly status: 'active' | 'paused';
  readonly pauseReason: DigestPauseReason | null;
  /** Who set it up. */
  readonly createdBy: string;
  /** What the viewer may do with it, so a list shows exactly those buttons. */
  readonly may: DigestPermissions;
  /** Its last few runs, newest first; absent where the runs were not read. */
  readonly recentRuns?: readonly DigestRunView[];
}

/** How a run ended: `late` is sent after a restart, inside the grace window; `under_way` is still claimed. */
export type DigestRunOutcomeView = 'sent' | 'late' | 'skipped' | 'failed' | 'unknown' | 'under_way';

export interface DigestRunView {
  /** The digest's local date the run was for. */
  readonly localDate: IsoDate;
  readonly outcome: DigestRunOutcomeView;
  /** When it was sent, skipped or given up on; when it was claimed, while under way. */
  readonly atMs: EpochMs;
  /** How late it was sent (late) or by how much it was missed (skipped as missed). */
  readonly lateMinutes: number;
  /** RUN_REASONS code, or Slack's error for a refused post; null for sent runs. */
  readonly reason: string | null;
}

/** `/occupancy digest history <id>`: its recent runs, newest first. */
export interface DigestHistoryView {
  readonly digestId: number;
  readonly channelId: string;
  /** The digest's zone: run times are shown in it, and in each reader's own. */
  readonly timeZone: string;
  readonly graceMinutes: number;
  readonly runs: readonly DigestRunView[];
}

/** The direct message to a digest's creator when one of its runs was skipped or failed. */
export interface DigestRunNoticeView {
  readonly digestId: number;
  readonly channelId: string;
  readonly timeZone: string;
  readonly graceMinutes: number;
  readonly run: DigestRunView;
}

/**
 * `run`: pause, resume, send now (members of its channel and admins); `change`: edit, delete
 * (whoever set it up, and admins); `takeOver`: see below.
 */
export interface DigestPermissions {
  readonly run: boolean;
  readonly change: boolean;
  /** An admin, and whoever set it up has left the workspace: "Take over" makes it the admin's. */
  readonly takeOver: boolean;
}

export interface DigestListView {
  /** The channel asked about; null lists digests of several channels. */
  readonly channelId: string | null;
  readonly digests: readonly DigestSummaryView[];
}

export interface DigestModalView {
  /** Opaque to the builder: the listener's JSON (digest id when editing, origin channel…). */
  readonly privateMetadata: string;
  readonly mode: 'create' | 'edit';
  /** null: default to the conversation the modal was opened from. */
  readonly channelId: string | null;
  /** Buildings to pick from; null (no list) shows a text input of ids. The form lists 100, with a field for others' ids. */
  readonly buildingOptions: readonly { readonly id: number; readonly name: string }[] | null;
  readonly buildingIds: readonly number[];
  readonly time: string;
  /** A weekly digest's one weekday. */
  readonly days: readonly Weekday[];
  readonly cadence: DigestCadence;
  /** Prefilled zone, usually the first building's; null leaves it empty (= first building's). */
  readonly timeZone: string | null;
  readonly options: DigestOptions;
  /** Groups to pick from, the default first; absent (no group menu) when InnerSpace lists one group or none could be had. */
  readonly groupOptions?: readonly { readonly id: string; readonly name: string }[];
  /** The group selected: the digest's, else the default. */
  readonly groupId?: string;
}

/** Why a digest paused itself, as its creator is told. */
/** Slack's error for a refusal that would repeat (channel_not_found, restricted_action, missing_scope, invalid_blocks…). */
export type PausedBecause = string;
