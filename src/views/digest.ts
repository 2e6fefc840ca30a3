/** A digest message, its summary in lists, and its form. */
import type { IsoDate } from '../domain/time';
import type { EpochMs } from '../domain/values';
import type { DigestOptions } from '../domain/digest';
import type { Weekday } from '../domain/values';
import type { ChartView } from './chart';
import type { DayStatsView, NamedMean } from './report';

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

export interface DigestView {
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

export type DigestPauseReason = 'by_user' | 'channel_not_found' | 'not_in_channel' | 'is_archived' | 'access_revoked';

export interface DigestSummaryView {
  readonly id: number;
  readonly channelId: string;
  readonly buildings: readonly { readonly id: number; readonly name: string | null }[];
  /** The group it reads, when not the default one. */
  readonly groupLabel?: string;
  readonly time: string;
  readonly days: readonly Weekday[];
  readonly timeZone: string;
  /** null while paused. */
  readonly nextRunMs: EpochMs | null;
  readonly status: 'active' | 'paused';
  readonly pauseReason: DigestPauseReason | null;
  /** Who set it up. */
  readonly createdBy: string;
  /** What the viewer may do with it, so a list shows exactly those buttons. */
  readonly may: DigestPermissions;
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
  readonly days: readonly Weekday[];
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
