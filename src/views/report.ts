/** Answers to `/occupancy building|zone|zones|buildings`. */
import type { IsoDate } from '../domain/time';
import type { EpochMs } from '../domain/values';
import type { UserGranularity } from '../domain/occupancy';
import type { ChartView, SeriesPoint } from './chart';

export interface DayStatsView {
  /** The average while occupied: the mean of the buckets with anyone present; null: none had anyone (or no buckets). */
  readonly mean: number | null;
  /** From the first occupied bucket to the end of the last; null at P1D or when nobody was present. */
  readonly occupied: { readonly start: EpochMs; readonly end: EpochMs } | null;
  /** The 24-hour mean of every bucket, night included; null: no buckets that day. */
  readonly dayMean: number | null;
  readonly peak: { readonly start: EpochMs; readonly value: number } | null;
  /** null at P1D or without buckets. */
  readonly busiestHour: { readonly start: EpochMs; readonly end: EpochMs } | null;
  readonly capacity: number | null;
  /** The average while occupied as a share of capacity, 0–100 scale (52 = 52%); null without capacity. */
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
  /** Set when the question named a group: the buttons carry it, so the next day is the same group's. */
  readonly groupId?: string;
  /** The latest local day with data, as the data says (the "Nightly data through …" stamp); null when none was found lately. */
  readonly dataThrough: IsoDate | null;
  /** Answers without a date: the day the clock expected, when it is later than `date` ("Wed 2 Dec is not published yet"). */
  readonly awaitedDate: IsoDate | null;
  readonly stats: DayStatsView;
  /** Empty: no by-floor line. */
  readonly floors: readonly NamedMean[];
  /** null (or a URL over 3,000 characters): a text table of `series` is shown instead. */
  readonly chart: ChartView | null;
  readonly series: readonly SeriesPoint[];
  /** null: no button (the day is not published according to the data, or before any data). */
  readonly previousDate: IsoDate | null;
  readonly nextDate: IsoDate | null;
  /** Set for the in-channel copy posted by "Share in channel": the sharer's user id, no buttons. */
  readonly sharedBy?: string;
  /** Today in the building's zone: days of another year are shown with theirs ("Thu 20 Nov 2025"). */
  readonly today?: IsoDate;
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
  /** As for ReportView. */
  readonly groupId?: string;
  readonly dataThrough: IsoDate | null;
  readonly awaitedDate: IsoDate | null;
  readonly zones: readonly ZoneRowView[];
  readonly zoneTypes: readonly ZoneTypeRowView[];
  readonly previousDate: IsoDate | null;
  readonly nextDate: IsoDate | null;
  readonly sharedBy?: string;
  /** Today in the building's zone, as for ReportView. */
  readonly today?: IsoDate;
}

export interface BuildingsView {
  readonly buildings: readonly { readonly id: number; readonly name: string; readonly timeZone: string }[];
}

/** `/occupancy groups`: the groups an answer, digest or alert can be asked for. */
export interface GroupsView {
  readonly groups: readonly { readonly id: string; readonly name: string; readonly isDefault: boolean }[];
}
