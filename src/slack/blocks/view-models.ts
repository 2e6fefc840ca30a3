/**
 * What the Block Kit builders draw, as plain data. Numbers are unrounded (the builders round
 * for reading); calendar days are ISO local dates with the IANA zone beside them; instants are
 * epoch milliseconds. Names and other text arrive raw: the builders escape them.
 *
 * DayStatsView is a structural subset of domain/summary DaySummary, so a summary can be passed
 * as it is.
 */
import type { IsoDate } from '../../domain/time';
import type { AlertGranularity, DigestContent, UserGranularity, Weekday } from '../parser/types';

export type { IsoDate };
/** An instant, epoch milliseconds (UTC). */
export type EpochMs = number;

export interface ChartView {
  readonly url: string;
  readonly altText: string;
}

/** One bucket of the day's series (start instant, mean people): the text-table fallback. */
export interface SeriesPoint {
  readonly start: EpochMs;
  readonly value: number;
}

export interface DayStatsView {
  /** null: no buckets that day. */
  readonly mean: number | null;
  readonly peak: { readonly start: EpochMs; readonly value: number } | null;
  /** null at P1D or without buckets. */
  readonly busiestHour: { readonly start: EpochMs; readonly end: EpochMs } | null;
  readonly capacity: number | null;
  /** 0–100 scale (52 = 52%); null without capacity. */
  readonly meanPctOfCapacity: number | null;
  /** The same weekday a week earlier. */
  readonly lastWeek: { readonly date: IsoDate; readonly mean: number } | null;
  /** 0–100 scale, signed (12 = 12% more than last week). */
  readonly changeVsLastWeekPct: number | null;
}

export interface NamedMean {
  readonly name: string;
  readonly mean: number | null;
}

export interface ReportScopeView {
  readonly kind: 'building' | 'zone';
  readonly id: number;
  readonly name: string;
  /** Zones only. */
  readonly zoneType?: string | null;
  /** Zones only: the building it belongs to, when known. */
  readonly building?: { readonly id: number; readonly name: string } | null;
}

/** `/occupancy building|zone …` */
export interface ReportView {
  readonly scope: ReportScopeView;
  readonly date: IsoDate;
  readonly timeZone: string;
  readonly granularity: UserGranularity;
  /** Whose occupancy: the InnerSpace group's name, "everyone" for the default group. */
  readonly groupLabel: string;
  /** The latest published local day (for the "Nightly data through …" stamp). */
  readonly dataThrough: IsoDate;
  readonly stats: DayStatsView;
  /** Empty: no by-floor line. */
  readonly floors: readonly NamedMean[];
  /** null (or a URL over 3,000 characters): a text table of `series` is shown instead. */
  readonly chart: ChartView | null;
  readonly series: readonly SeriesPoint[];
  /** null: no button (the day is not published, or before any data). */
  readonly previousDate: IsoDate | null;
  readonly nextDate: IsoDate | null;
  readonly subscriptionsEnabled: boolean;
  /** Set for the in-channel copy posted by "Share in channel": the sharer's user id, no buttons. */
  readonly sharedBy?: string;
}

export interface ZoneRowView {
  readonly id: number;
  readonly name: string;
  readonly zoneType: string | null;
  readonly mean: number | null;
  readonly peak: number | null;
  readonly meanPctOfCapacity: number | null;
}

export interface ZoneTypeRowView {
  readonly zoneType: string;
  readonly mean: number | null;
  readonly meanPctOfCapacity: number | null;
  readonly zoneCount: number | null;
}

/** `/occupancy zones <building id> …`: zones busiest first; the first 10 are shown. */
export interface ZonesView {
  readonly building: { readonly id: number; readonly name: string };
  readonly date: IsoDate;
  readonly timeZone: string;
  /** The granularity the zone figures were computed from (named in the data stamp). */
  readonly granularity: UserGranularity;
  readonly groupLabel: string;
  readonly dataThrough: IsoDate;
  readonly zones: readonly ZoneRowView[];
  readonly zoneTypes: readonly ZoneTypeRowView[];
  readonly previousDate: IsoDate | null;
  readonly nextDate: IsoDate | null;
  readonly sharedBy?: string;
}

export interface BuildingsView {
  readonly buildings: readonly { readonly id: number; readonly name: string; readonly timeZone: string }[];
}

export interface DigestBuildingView {
  readonly id: number;
  readonly name: string;
  readonly timeZone: string;
  readonly date: IsoDate;
  /** null: nothing was published for that day. */
  readonly stats: DayStatsView | null;
  /** Busiest first; the first 3 are shown. */
  readonly topZones: readonly { readonly name: string; readonly mean: number | null; readonly meanPctOfCapacity: number | null }[];
  readonly floors: readonly NamedMean[];
  readonly chart: ChartView | null;
}

export interface DigestView {
  readonly digestId: number;
  /** The covered day named in the header (yesterday in the first building's zone). */
  readonly date: IsoDate;
  readonly dataThrough: IsoDate;
  readonly buildings: readonly DigestBuildingView[];
  readonly content: DigestContent;
  /** Set when a missed run is caught up after a restart. */
  readonly lateMinutes: number | null;
}

export type DigestPauseReason = 'by_user' | 'channel_not_found' | 'not_in_channel' | 'is_archived' | 'access_revoked';

export interface DigestSummaryView {
  readonly id: number;
  readonly channelId: string;
  readonly buildings: readonly { readonly id: number; readonly name: string | null }[];
  readonly time: string;
  readonly days: readonly Weekday[];
  readonly timeZone: string;
  /** null while paused. */
  readonly nextRunMs: EpochMs | null;
  readonly status: 'active' | 'paused';
  readonly pauseReason: DigestPauseReason | null;
  /** Whether the viewer may pause, send, edit or delete it (shows the buttons). */
  readonly canManage: boolean;
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
  /** Buildings to pick from (≤ 100); null or more than 100 shows a text input of ids. */
  readonly buildingOptions: readonly { readonly id: number; readonly name: string }[] | null;
  readonly buildingIds: readonly number[];
  readonly time: string;
  readonly days: readonly Weekday[];
  /** Prefilled zone, usually the first building's; null leaves it empty (= first building's). */
  readonly timeZone: string | null;
  readonly content: DigestContent;
  readonly skipWhenNoData: boolean;
}

export interface RuleView {
  readonly id: number;
  readonly scope: { readonly kind: 'building' | 'zone'; readonly id: number; readonly name: string };
  readonly measure: 'people' | 'percent';
  readonly direction: 'above' | 'below';
  /** In the rule's measure: people, or 0–100 for percent. */
  readonly threshold: number;
  readonly recovery: number;
  readonly minBuckets: number;
  readonly granularity: AlertGranularity;
  readonly destination: { readonly kind: 'dm'; readonly userId: string } | { readonly kind: 'channel'; readonly channelId: string };
}

export interface AlertEpisodeView {
  readonly rule: RuleView;
  /** The scope's zone: times and days are shown on its wall clock. */
  readonly timeZone: string;
  readonly state: 'alerting' | 'recovered';
  /** Start of the first bucket past the threshold. */
  readonly startMs: EpochMs;
  /** End of the last bucket past the threshold seen so far. */
  readonly breachEndMs: EpochMs;
  /** Start of the first bucket back past the recovery level (recovered only). */
  readonly recoveredAtMs: EpochMs | null;
  /** Highest (above) or lowest (below) bucket of the episode, in the rule's measure. */
  readonly extreme: { readonly value: number; readonly atMs: EpochMs };
  readonly chart: ChartView | null;
  readonly snoozedUntilMs: EpochMs | null;
  readonly muted: boolean;
}

export type SubscriptionStateView = 'ok' | 'pending' | 'alerting' | 'no_data';

export interface SubscriptionSummaryView {
  readonly rule: RuleView;
  readonly timeZone: string;
  readonly state: SubscriptionStateView;
  readonly muted: boolean;
  readonly snoozedUntilMs: EpochMs | null;
  readonly lastAlertMs: EpochMs | null;
  readonly canManage: boolean;
}

export interface SubscriptionsListView {
  readonly subscriptions: readonly SubscriptionSummaryView[];
}

export interface AppHomeViewModel {
  readonly subscriptions: readonly SubscriptionSummaryView[];
  /** Digests of the channels the user belongs to. */
  readonly digests: readonly DigestSummaryView[];
  readonly subscriptionsEnabled: boolean;
}

export type BacktestView =
  | { readonly status: 'incomplete' }
  | { readonly status: 'unavailable' }
  /** `episodeDates`: local start day of each episode the rule would have raised. */
  | { readonly status: 'ready'; readonly days: number; readonly episodeDates: readonly IsoDate[] };

export interface SubscribeModalView {
  readonly privateMetadata: string;
  readonly mode: 'create' | 'edit';
  readonly scopeKind: 'building' | 'zone';
  readonly scopeId: number | null;
  readonly measure: 'people' | 'percent';
  readonly direction: 'above' | 'below';
  readonly threshold: number | null;
  /** null: the default (90% / 110% of the threshold) is shown as a hint. */
  readonly recovery: number | null;
  readonly minBuckets: number;
  readonly granularity: AlertGranularity;
  readonly destination: 'dm' | 'channel';
  readonly channelId: string | null;
  readonly quietHours: { readonly start: string; readonly end: string } | null;
  readonly renotifyMinutes: number | null;
  readonly backtest: BacktestView;
}
