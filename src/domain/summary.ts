/**
 * Day summaries of occupancy buckets. Results are plain, unrounded numbers: rounding is a
 * matter of display and belongs to the builders that print them.
 *
 * What each number is (the same words in answers, digests, alerts and the README):
 * - the average ("avg 118 while occupied, 08:00–18:00") is the mean of the buckets with anyone
 *   present (OCCUPANCY_MEAN above zero), as InnerSpace defines occupancy over the time a space
 *   was occupied; its hours run from the first such bucket's start to the last one's end;
 * - the 24-hour average (`dayMean`) is the mean of every bucket present, night included;
 * - % of capacity is the average while occupied over the capacity;
 * - the peak is the highest single bucket at the granularity asked for (an hour at PT1H).
 * Missing buckets are left out of both means, never treated as zero.
 */
import type { Granularity, InsightRow } from './occupancy';
import {
  type IsoDate,
  dayWindow,
  expectedBucketStarts,
  formatLocalTime,
  granularityMinutes,
  localHourStart,
  sameWeekdayWeekEarlier,
} from './time';

/** One bucket of a time series: start instant (epoch ms) and mean occupancy in people. */
export interface Bucket {
  readonly start: number;
  readonly value: number;
}

export interface TimeRange {
  readonly start: number;
  readonly end: number;
}

export interface PeakBucket {
  readonly start: number;
  readonly value: number;
  /** Local start time, "12:00". */
  readonly time: string;
}

export interface BusiestHour {
  readonly start: number;
  readonly end: number;
  /** Mean of the buckets present in that hour. */
  readonly mean: number;
  /** Local "12:00" and "13:00". */
  readonly time: string;
  readonly endTime: string;
}

/** The hours a space was occupied: first occupied bucket's start to the last one's end. */
export interface OccupiedHours {
  readonly start: number;
  readonly end: number;
  /** Local "08:00" and "18:00". */
  readonly time: string;
  readonly endTime: string;
}

export interface LastWeekSummary {
  readonly date: IsoDate;
  /** The mean while occupied, as `DaySummary.mean`. */
  readonly mean: number;
  readonly peak: PeakBucket;
  readonly bucketCount: number;
}

export interface DaySummary {
  readonly date: IsoDate;
  readonly zone: string;
  readonly granularity: Granularity;
  /** Distinct buckets present. */
  readonly bucketCount: number;
  /** Buckets a complete day has at this granularity (DST-aware). */
  readonly expectedBucketCount: number;
  readonly missingBucketCount: number;
  /** Runs of consecutive missing buckets. */
  readonly gaps: readonly TimeRange[];
  /** The mean of the buckets with anyone present; null when there are none. */
  readonly mean: number | null;
  /** Buckets with anyone present. */
  readonly occupiedBucketCount: number;
  /** null at P1D and coarser (a day has no hours), or when nobody was present. */
  readonly occupied: OccupiedHours | null;
  /** The 24-hour mean: every bucket present, night included; null when there are no buckets. */
  readonly dayMean: number | null;
  readonly peak: PeakBucket | null;
  /** null at P1D and coarser, or without buckets. */
  readonly busiestHour: BusiestHour | null;
  readonly capacity: number | null;
  readonly meanPctOfCapacity: number | null;
  readonly peakPctOfCapacity: number | null;
  readonly lastWeek: LastWeekSummary | null;
  /** Percentage change of the mean against the same weekday a week earlier. */
  readonly changeVsLastWeekPct: number | null;
  /** The period the data covers, for the "data through …" stamp. */
  readonly dataThrough: { readonly date: IsoDate; readonly zone: string };
}

export interface DaySummaryInput {
  /**
   * The day's buckets as selected by DATE_PARTITION, taken as given: a bucket off the expected
   * grid still counts towards the mean and peak but fills no gap.
   */
  readonly buckets: readonly Bucket[];
  readonly granularity: Granularity;
  readonly zone: string;
  readonly date: IsoDate;
  readonly capacity?: number | null;
  /** Buckets of the same weekday a week earlier. */
  readonly lastWeek?: readonly Bucket[] | null;
}

/**
 * Merges buckets that share a start by summing them (a building reported per site adds up
 * to the building) and sorts by start. Non-finite values are dropped.
 */
export function mergeBuckets(buckets: readonly Bucket[]): Bucket[] {
  const sums = new Map<number, number>();
  for (const b of buckets) {
    if (!Number.isFinite(b.value) || !Number.isFinite(b.start)) continue;
    sums.set(b.start, (sums.get(b.start) ?? 0) + b.value);
  }
  return [...sums.entries()].sort((a, b) => a[0] - b[0]).map(([start, value]) => ({ start, value }));
}

/** Insight rows to buckets of OCCUPANCY_MEAN, summed per bucket start. */
export function bucketsFromRows(rows: readonly InsightRow[]): Bucket[] {
  return mergeBuckets(rows.map((r) => ({ start: r.start, value: r.occupancyMean })));
}

export function meanOf(buckets: readonly Bucket[]): number | null {
  if (buckets.length === 0) return null;
  let sum = 0;
  for (const b of buckets) sum += b.value;
  return sum / buckets.length;
}

/** A bucket counts towards the average when anyone was present in it. */
export function isOccupied(bucket: Bucket): boolean {
  return bucket.value > 0;
}

/** The mean of the buckets with anyone present (the default "average"); null when none. */
export function occupiedMeanOf(buckets: readonly Bucket[]): number | null {
  return meanOf(buckets.filter(isOccupied));
}

/** From the first occupied bucket's start to the last one's end; null at P1D and coarser, or when nobody was present. */
export function occupiedHoursOf(buckets: readonly Bucket[], granularity: Granularity, zone: string): OccupiedHours | null {
  const minutes = granularityMinutes(granularity);
  if (minutes === null) return null;
  const starts = buckets.filter(isOccupied).map((b) => b.start);
  if (starts.length === 0) return null;
  const start = Math.min(...starts);
  const end = Math.max(...starts) + minutes * 60_000;
  return { start, end, time: formatLocalTime(start, zone), endTime: formatLocalTime(end, zone) };
}

/** Highest bucket; the earliest wins a tie. */
export function peakOf(buckets: readonly Bucket[], zone: string): PeakBucket | null {
  let best: Bucket | null = null;
  for (const b of buckets) if (best === null || b.value > best.value) best = b;
  return best === null ? null : { start: best.start, value: best.value, time: formatLocalTime(best.start, zone) };
}

/** Buckets averaged per local clock hour, in time order. */
export function hourlyBuckets(buckets: readonly Bucket[], zone: string): Bucket[] {
  const hours = new Map<number, { sum: number; n: number }>();
  for (const b of buckets) {
    const h = localHourStart(b.start, zone);
    const acc = hours.get(h) ?? { sum: 0, n: 0 };
    acc.sum += b.value;
    acc.n += 1;
    hours.set(h, acc);
  }
  return [...hours.entries()].sort((a, b) => a[0] - b[0]).map(([start, { sum, n }]) => ({ start, value: sum / n }));
}

function busiestHourOf(buckets: readonly Bucket[], granularity: Granularity, zone: string): BusiestHour | null {
  if (granularityMinutes(granularity) === null) return null;
  const peak = peakOf(hourlyBuckets(buckets, zone), zone);
  if (peak === null) return null;
  const end = peak.start + 3_600_000;
  return { start: peak.start, end, mean: peak.value, time: peak.time, endTime: formatLocalTime(end, zone) };
}

function gapsOf(expected: readonly number[], present: ReadonlySet<number>, stepMs: number): TimeRange[] {
  const gaps: TimeRange[] = [];
  let open: { start: number; end: number } | null = null;
  for (const t of expected) {
    if (present.has(t)) {
      if (open) gaps.push(open);
      open = null;
    } else if (open) {
      open.end = t + stepMs;
    } else {
      open = { start: t, end: t + stepMs };
    }
  }
  if (open) gaps.push(open);
  return gaps;
}

function pct(value: number | null, of: number | null): number | null {
  return value === null || of === null || of <= 0 ? null : (value / of) * 100;
}

export function summarizeDay(input: DaySummaryInput): DaySummary {
  const { granularity, zone, date } = input;
  const buckets = mergeBuckets(input.buckets);
  const expected = expectedBucketStarts(date, zone, granularity);
  const present = new Set(buckets.map((b) => b.start));
  const minutes = granularityMinutes(granularity);
  // A P1D "gap" spans the whole local day, whatever its length.
  const window = dayWindow(date, zone);
  const stepMs = minutes === null ? window.end - window.start : minutes * 60_000;
  const gaps = gapsOf(expected, present, stepMs);
  const missing = expected.filter((t) => !present.has(t)).length;

  const mean = occupiedMeanOf(buckets);
  const peak = peakOf(buckets, zone);
  const capacity = input.capacity !== undefined && input.capacity !== null && input.capacity > 0 ? input.capacity : null;

  const lastWeekBuckets = input.lastWeek ? mergeBuckets(input.lastWeek) : [];
  const lastWeekMean = occupiedMeanOf(lastWeekBuckets);
  const lastWeekPeak = peakOf(lastWeekBuckets, zone);
  const lastWeek: LastWeekSummary | null =
    lastWeekMean === null || lastWeekPeak === null
      ? null
      : { date: sameWeekdayWeekEarlier(date), mean: lastWeekMean, peak: lastWeekPeak, bucketCount: lastWeekBuckets.length };
  const change = mean === null || lastWeekMean === null || lastWeekMean === 0 ? null : ((mean - lastWeekMean) / lastWeekMean) * 100;

  return {
    date,
    zone,
    granularity,
    bucketCount: buckets.length,
    expectedBucketCount: expected.length,
    missingBucketCount: missing,
    gaps,
    mean,
    occupiedBucketCount: buckets.filter(isOccupied).length,
    occupied: occupiedHoursOf(buckets, granularity, zone),
    dayMean: meanOf(buckets),
    peak,
    busiestHour: busiestHourOf(buckets, granularity, zone),
    capacity,
    meanPctOfCapacity: pct(mean, capacity),
    peakPctOfCapacity: pct(peak?.value ?? null, capacity),
    lastWeek,
    changeVsLastWeekPct: change,
    dataThrough: { date, zone },
  };
}
