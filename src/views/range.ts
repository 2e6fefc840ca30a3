/** The answer to `/occupancy building|zone <x> <range>`. */
import type { RangeUnit } from '../domain/period';
import type { IsoDate } from '../domain/time';
import type { EpochMs } from '../domain/values';
import type { ChartView } from './chart';
import type { ReportScopeView } from './report';

export interface PeriodView {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

/** A range a button moves to, with the way it steps (week, month, days). */
export interface RangeNavView extends PeriodView {
  readonly unit: RangeUnit;
}

export interface DayMeanView {
  readonly date: IsoDate;
  readonly mean: number;
}

export interface RangeBarView extends PeriodView {
  readonly mean: number | null;
}

export interface RangeStatsView {
  /** Average while occupied: the mean of the range's hourly buckets with anyone present; null without data. */
  readonly mean: number | null;
  /** The hours a weekday was usually occupied ("08:00"–"18:00"); null without an occupied weekday. */
  readonly weekdayHours?: { readonly from: string; readonly to: string } | null;
  /** The 24-hour mean: every hourly bucket of the range, nights included. */
  readonly dayMean: number | null;
  readonly meanPctOfCapacity: number | null;
  readonly capacity: number | null;
  readonly busiestDay: DayMeanView | null;
  readonly quietestDay: DayMeanView | null;
  /** The quietest Monday-to-Friday day, when there is one with data. */
  readonly quietestWeekday: DayMeanView | null;
  /** The highest hourly bucket of the range. */
  readonly peak: { readonly start: EpochMs; readonly value: number } | null;
  /** Monday to Friday: average while occupied over that weekday's hours (null: no such day with data). */
  readonly weekdays: readonly { readonly weekday: 1 | 2 | 3 | 4 | 5; readonly mean: number | null }[];
  readonly dayCount: number;
  readonly daysWithData: number;
  /** The period compared with: as many days, the same weekdays, earlier. */
  readonly previous: PeriodView & { readonly mean: number | null };
  /** 0–100 scale, signed. */
  readonly changePct: number | null;
}

export interface RangeReportView {
  readonly scope: ReportScopeView;
  /** The words asked ("last week"); null for a range reached by a button. */
  readonly words: string | null;
  readonly range: RangeNavView;
  /** The end the words named, when later than the latest published day (the range stops there). */
  readonly clippedFrom: IsoDate | null;
  readonly timeZone: string;
  /** The building's local today, so dates of other years show theirs. */
  readonly today: IsoDate;
  readonly groupLabel: string;
  /** As for ReportView: set when the question named a group. */
  readonly groupId?: string;
  readonly dataThrough: IsoDate | null;
  readonly barUnit: 'day' | 'week';
  readonly bars: readonly RangeBarView[];
  readonly stats: RangeStatsView;
  /** null (or a URL Slack won't take): the bars are shown as a text table. */
  readonly chart: ChartView | null;
  readonly previousRange: RangeNavView | null;
  readonly nextRange: RangeNavView | null;
  readonly sharedBy?: string;
}
