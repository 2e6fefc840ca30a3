/**
 * A range of days summarised from its hourly buckets, with the day answer's definitions: every
 * average (the range's, a day's, a bar's, a weekday's, the period before's) is the mean of the
 * hourly buckets with anyone present in it, so a week bar is the same figure a day answer would
 * give for those hours together, and an empty night or weekend does not pull a figure down.
 * The 24-hour mean (every bucket present) is kept beside it. Plain, unrounded numbers, like
 * the day summary.
 *
 * A day with no buckets counts as missing, never as zero; a day with buckets but nobody present
 * scores 0 (it was published, and empty).
 */
import { barPeriods, daysOf, isoWeekday, periodDays, type Period } from './period';
import { meanOf, mergeBuckets, occupiedMeanOf, peakOf, type Bucket, type PeakBucket } from './summary';
import { localDateOf, wallClock, type IsoDate } from './time';

export interface DayMean {
  readonly date: IsoDate;
  /** The day's average while occupied (0 when nobody was present). */
  readonly mean: number;
}

export interface RangeBar extends Period {
  /** Average while occupied over the bar's hours; null when none of its days has data. */
  readonly mean: number | null;
  /** Days of the bar with data. */
  readonly days: number;
}

export interface RangeSummary extends Period {
  readonly zone: string;
  readonly dayCount: number;
  /** Days with data. */
  readonly daysWithData: number;
  /** Average while occupied over the range's hours. */
  readonly mean: number | null;
  /** The 24-hour mean: every hourly bucket of the range, nights included. */
  readonly dayMean: number | null;
  readonly busiestDay: DayMean | null;
  readonly quietestDay: DayMean | null;
  /** The quietest Monday-to-Friday day: weekends are always quiet, so this is the one people ask about. */
  readonly quietestWeekday: DayMean | null;
  /** The highest hourly bucket of the range. */
  readonly peak: PeakBucket | null;
  /**
   * The hours a weekday was usually occupied: the median first occupied hour and the median end
   * of the last one over the Monday-to-Friday days anyone was present ("08:00", "18:00"); null
   * without such days.
   */
  readonly weekdayHours: { readonly from: string; readonly to: string } | null;
  /** Average while occupied over each weekday's hours, Monday to Friday; null for a weekday without data. */
  readonly weekdays: readonly { readonly weekday: 1 | 2 | 3 | 4 | 5; readonly mean: number | null; readonly days: number }[];
  readonly barUnit: 'day' | 'week';
  readonly bars: readonly RangeBar[];
  readonly capacity: number | null;
  readonly meanPctOfCapacity: number | null;
  /** The period compared with (comparisonPeriod) and its average while occupied; null mean without data. */
  readonly previous: Period & { readonly mean: number | null; readonly daysWithData: number };
  /** Signed percentage change of the mean against the previous period. */
  readonly changePct: number | null;
}

export interface RangeSummaryInput {
  readonly period: Period;
  readonly zone: string;
  /** Hourly buckets of the range (several per start are summed); buckets outside it are ignored. */
  readonly hours: readonly Bucket[];
  readonly previous: Period;
  readonly previousHours: readonly Bucket[];
  readonly capacity?: number | null;
}

/** Hourly buckets grouped by local day, summed per start. */
export function hoursByDay(buckets: readonly Bucket[], zone: string): Map<IsoDate, Bucket[]> {
  const byDay = new Map<IsoDate, Bucket[]>();
  for (const b of mergeBuckets(buckets)) {
    const date = localDateOf(b.start, zone);
    const list = byDay.get(date);
    if (list) list.push(b);
    else byDay.set(date, [b]);
  }
  return byDay;
}

/** Minutes after local midnight of a day's first occupied hour and of the end of its last; null when nobody was present. */
function occupiedSpan(buckets: readonly Bucket[], zone: string): { from: number; to: number } | null {
  const occupied = buckets.filter((b) => b.value > 0);
  const first = occupied[0];
  const last = occupied[occupied.length - 1];
  if (!first || !last) return null;
  const minutes = (start: number) => {
    const w = wallClock(start, zone);
    return w.hour * 60 + w.minute;
  };
  return { from: minutes(first.start), to: minutes(last.start) + 60 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}

/** "08:00"; a day occupied to midnight ends at "24:00". */
function clockOf(minutes: number): string {
  const m = Math.min(minutes, 24 * 60);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** The usual occupied hours of the Monday-to-Friday days anyone was present (see RangeSummary.weekdayHours). */
function weekdayHoursOf(days: readonly IsoDate[], byDay: ReadonlyMap<IsoDate, readonly Bucket[]>, zone: string): RangeSummary['weekdayHours'] {
  const spans = days.filter((d) => isoWeekday(d) <= 5).flatMap((d) => {
    const span = occupiedSpan(byDay.get(d) ?? [], zone);
    return span ? [span] : [];
  });
  if (spans.length === 0) return null;
  return { from: clockOf(median(spans.map((s) => s.from))), to: clockOf(median(spans.map((s) => s.to))) };
}

/** The average while occupied of some hours: 0 when they have buckets but nobody present, null without buckets. */
export function occupiedFigure(buckets: readonly Bucket[]): number | null {
  if (buckets.length === 0) return null;
  return occupiedMeanOf(buckets) ?? 0;
}

function over(days: readonly IsoDate[], byDay: ReadonlyMap<IsoDate, readonly Bucket[]>): { mean: number | null; days: number; buckets: Bucket[] } {
  const buckets: Bucket[] = [];
  let n = 0;
  for (const d of days) {
    const list = byDay.get(d);
    if (!list || list.length === 0) continue;
    buckets.push(...list);
    n += 1;
  }
  return { mean: occupiedFigure(buckets), days: n, buckets };
}

export function summarizeRange(input: RangeSummaryInput): RangeSummary {
  const { period, zone } = input;
  const all = daysOf(period);
  const byDay = hoursByDay(input.hours, zone);
  const present: DayMean[] = all.flatMap((date) => {
    const mean = occupiedFigure(byDay.get(date) ?? []);
    return mean === null ? [] : [{ date, mean }];
  });
  const overall = over(all, byDay);
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
    const m = over(all.filter((d) => isoWeekday(d) === weekday), byDay);
    return { weekday, mean: m.mean, days: m.days };
  });
  const layout = barPeriods(period);
  const bars = layout.bars.map((b) => {
    const m = over(daysOf(b), byDay);
    return { from: b.from, to: b.to, mean: m.mean, days: m.days };
  });
  const previous = over(daysOf(input.previous), hoursByDay(input.previousHours, zone));
  const capacity = input.capacity !== undefined && input.capacity !== null && input.capacity > 0 ? input.capacity : null;
  const mean = overall.mean;
  return {
    from: period.from,
    to: period.to,
    zone,
    dayCount: periodDays(period),
    daysWithData: present.length,
    mean,
    dayMean: meanOf(overall.buckets),
    busiestDay: busiest,
    quietestDay: quietest,
    quietestWeekday,
    peak: peakOf(overall.buckets, zone),
    weekdayHours: weekdayHoursOf(all, byDay, zone),
    weekdays,
    barUnit: layout.unit,
    bars,
    capacity,
    meanPctOfCapacity: mean === null || capacity === null ? null : (mean / capacity) * 100,
    previous: { ...input.previous, mean: previous.mean, daysWithData: previous.days },
    changePct: mean === null || previous.mean === null || previous.mean === 0 ? null : ((mean - previous.mean) / previous.mean) * 100,
  };
}
