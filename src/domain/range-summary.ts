/**
 * A range of days summarised from its daily means (InnerSpace's P1D rows) and its hourly
 * buckets (for the peak). Plain, unrounded numbers, like the day summary.
 *
 * Every average over several days is the mean of the day means of the days that have data:
 * InnerSpace's own rule for P1W and P1M buckets, so a week bar drawn here is the P1W figure
 * for that week, and a day with nothing published counts as missing, never as zero.
 */
import { barPeriods, daysOf, isoWeekday, periodDays, type Period } from './period';
import { peakOf, type Bucket, type PeakBucket } from './summary';
import type { IsoDate } from './time';

export interface DayMean {
  readonly date: IsoDate;
  readonly mean: number;
}

export interface RangeBar extends Period {
  /** Mean of the day means inside; null when none of its days has data. */
  readonly mean: number | null;
  /** Days of the bar with data. */
  readonly days: number;
}

export interface RangeSummary extends Period {
  readonly zone: string;
  readonly dayCount: number;
  /** Days with data. */
  readonly daysWithData: number;
  readonly mean: number | null;
  readonly busiestDay: DayMean | null;
  readonly quietestDay: DayMean | null;
  /** The quietest Monday-to-Friday day: weekends are always quiet, so this is the one people ask about. */
  readonly quietestWeekday: DayMean | null;
  /** The highest hourly bucket of the range. */
  readonly peak: PeakBucket | null;
  /** Mean of the day means of each weekday, Monday to Friday; null for a weekday without data. */
  readonly weekdays: readonly { readonly weekday: 1 | 2 | 3 | 4 | 5; readonly mean: number | null; readonly days: number }[];
  readonly barUnit: 'day' | 'week';
  readonly bars: readonly RangeBar[];
  readonly capacity: number | null;
  readonly meanPctOfCapacity: number | null;
  /** The period compared with (comparisonPeriod) and its mean; null mean without data. */
  readonly previous: Period & { readonly mean: number | null; readonly daysWithData: number };
  /** Signed percentage change of the mean against the previous period. */
  readonly changePct: number | null;
}

export interface RangeSummaryInput {
  readonly period: Period;
  readonly zone: string;
  /** Day means of the range; days outside it are ignored. */
  readonly days: ReadonlyMap<IsoDate, number>;
  /** Hourly buckets of the range, summed per start. */
  readonly hours: readonly Bucket[];
  readonly previous: Period;
  readonly previousDays: ReadonlyMap<IsoDate, number>;
  readonly capacity?: number | null;
}

function meanOver(days: readonly IsoDate[], means: ReadonlyMap<IsoDate, number>): { mean: number | null; days: number } {
  let sum = 0;
  let n = 0;
  for (const d of days) {
    const v = means.get(d);
    if (v === undefined || !Number.isFinite(v)) continue;
    sum += v;
    n += 1;
  }
  return { mean: n === 0 ? null : sum / n, days: n };
}

export function summarizeRange(input: RangeSummaryInput): RangeSummary {
  const { period, zone, days } = input;
  const all = daysOf(period);
  const present: DayMean[] = all.flatMap((date) => {
    const mean = days.get(date);
    return mean === undefined || !Number.isFinite(mean) ? [] : [{ date, mean }];
  });
  const overall = meanOver(all, days);
  // Ties go to the earlier day, as a day's peak goes to the earlier bucket.
  let busiest: DayMean | null = null;
  let quietest: DayMean | null = null;
  let quietestWeekday: DayMean | null = null;
  for (const d of present) {
    if (busiest === null || d.mean > busiest.mean) busiest = d;
    if (quietest === null || d.mean < quietest.mean) quietest = d;
    if (isoWeekday(d.date) <= 5 && (quietestWeekday === null || d.mean < quietestWeekday.mean)) quietestWeekday = d;
  }
  const weekdays = ([1, 2, 3, 4, 5] as const).map((weekday) => {
    const m = meanOver(all.filter((d) => isoWeekday(d) === weekday), days);
    return { weekday, mean: m.mean, days: m.days };
  });
  const layout = barPeriods(period);
  const bars = layout.bars.map((b) => {
    const m = meanOver(daysOf(b), days);
    return { from: b.from, to: b.to, mean: m.mean, days: m.days };
  });
  const hours = input.hours.filter((h) => Number.isFinite(h.value));
  const previous = meanOver(daysOf(input.previous), input.previousDays);
  const capacity = input.capacity !== undefined && input.capacity !== null && input.capacity > 0 ? input.capacity : null;
  const mean = overall.mean;
  return {
    from: period.from,
    to: period.to,
    zone,
    dayCount: periodDays(period),
    daysWithData: present.length,
    mean,
    busiestDay: busiest,
    quietestDay: quietest,
    quietestWeekday,
    peak: peakOf(hours, zone),
    weekdays,
    barUnit: layout.unit,
    bars,
    capacity,
    meanPctOfCapacity: mean === null || capacity === null ? null : (mean / capacity) * 100,
    previous: { ...input.previous, mean: previous.mean, daysWithData: previous.days },
    changePct: mean === null || previous.mean === null || previous.mean === 0 ? null : ((mean - previous.mean) / previous.mean) * 100,
  };
}
