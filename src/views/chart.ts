/**
 * Charts as any surface shows them: what a chart draws (its model, which the chart adapter turns
 * into a Chart.js configuration, alt text and a text table), and the finished image with its
 * alt text.
 */
import type { Granularity } from '../domain/occupancy';
import type { Bucket } from '../domain/summary';
import type { IsoDate } from '../domain/time';
import type { EpochMs } from '../domain/values';

export interface ChartView {
  readonly url: string;
  readonly altText: string;
  /** What it draws: the PNG is rendered from it when the chart is uploaded instead. */
  readonly model: ChartModel;
  /** Its numbers, shown instead of the picture when Slack can't show it. */
  readonly table: ChartTableView;
}

/** A chart's numbers as rows of a text table: "12:00  143", the episode's rows marked. */
export interface ChartTableView {
  readonly title: string;
  readonly rows: readonly ChartTableRow[];
}

export interface ChartTableRow {
  /** "12:00", "Tue 12:00" or "Tue 25 Nov". */
  readonly label: string;
  /** Already rounded for reading; null where nothing was published. */
  readonly value: number | null;
  /** Inside an alert episode (from its start to its last bucket past the threshold). */
  readonly marked?: boolean;
}

/** One bucket of the day's series (start instant, mean people): the text-table fallback. */
export interface SeriesPoint {
  readonly start: EpochMs;
  readonly value: number;
}

export interface ReferenceLine {
  readonly value: number;
  /** Capacity is drawn in green, a threshold in red. */
  readonly kind: 'capacity' | 'threshold';
}

export interface DayChartModel {
  readonly kind: 'day';
  /** Who the chart is about, "DEMO (71)". */
  readonly subject: string;
  readonly date: IsoDate;
  /** "Tue 25 Nov"; formatDay(date) when omitted (pass one with the year for past years). */
  readonly dayLabel?: string;
  readonly zone: string;
  readonly granularity: Granularity;
  readonly buckets: readonly Bucket[];
  /** The same weekday a week earlier, drawn as a line aligned by local time of day. */
  readonly lastWeek?: readonly Bucket[] | null;
  readonly reference?: ReferenceLine | null;
  /** Chart title; `${subject} · ${dayLabel}` when omitted. */
  readonly title?: string;
}

export interface AlertChartModel {
  readonly kind: 'alert';
  readonly subject: string;
  readonly zone: string;
  readonly granularity: Granularity;
  /** The buckets around the episode, possibly over several local days. */
  readonly buckets: readonly Bucket[];
  readonly direction: 'above' | 'below';
  readonly threshold: number;
  /** Recovery level (hysteresis), drawn as a second dashed line. */
  readonly recovery?: number | null;
  /** Every episode the message tells, in time order; at least one. */
  readonly episodes: readonly AlertChartEpisode[];
  readonly title?: string;
  /** 'usual': bars and levels are % of the usual level (a relative rule), not people. */
  readonly unit?: 'usual';
}

/**
 * One episode as its message tells it: past the threshold from `start` to `breachEnd` (the end
 * of its last bucket past the threshold); over from `recoveredAt`, or still open when null.
 */
export interface AlertChartEpisode {
  readonly start: number;
  readonly breachEnd: number;
  readonly recoveredAt: number | null;
}

/** A range of days: one bar per day, or per week (the edge weeks cut to the range). */
export interface RangeChartModel {
  readonly kind: 'range';
  readonly subject: string;
  /** "Mon 16 – Sun 22 Nov". */
  readonly periodLabel: string;
  readonly unit: 'day' | 'week';
  /** In order; `label` is what the axis shows ("Mon 16", "5 Oct"), `longLabel` what the table and alt text say. */
  readonly bars: readonly { readonly label: string; readonly longLabel: string; readonly value: number | null; readonly weekend?: boolean }[];
  /** The previous period's average, drawn as a dashed line. */
  readonly previousMean?: number | null;
  readonly reference?: ReferenceLine | null;
}

/**
 * Several buildings or zones on one chart: a line each over the local hours of their day, or a
 * bar series each over the days (weeks) of a range. The positions are aligned beforehand: one
 * label per position, one value per subject and position (null where nothing was published).
 */
export interface CompareChartModel {
  readonly kind: 'compare';
  readonly mode: 'day' | 'range';
  readonly title: string;
  /** What the axis shows ("08", "Mon 16") and what the table says ("08:00", "Mon 16 Nov"). */
  readonly labels: readonly string[];
  readonly longLabels: readonly string[];
  readonly series: readonly { readonly name: string; readonly values: readonly (number | null)[] }[];
}

export type ChartModel = DayChartModel | AlertChartModel | RangeChartModel | CompareChartModel;
