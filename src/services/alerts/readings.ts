/**
 * From InnerSpace rows to the machine's readings, and the calendar questions evaluation asks:
 * where a bucket ends, whether the nightly publish is late, whether it is quiet time. Pure.
 */
import { bucketsFromRows } from '../../domain/summary';
import { DEFAULT_PUBLISH_HOUR, addDays, dayWindow, formatLocalTime, inZone, localDateOf, startOfLocalDay } from '../../domain/time';
import type { InsightRow } from '../../domain/occupancy';
import type { AlertGranularity, Measure, QuietHours } from '../../domain/subscription';
import { hasEnoughHistory, percentOfUsual, type History } from '../../domain/baseline';
import type { Reading } from './machine';

const HOUR_MS = 3_600_000;

/** Where a bucket ends: an hour later, or the next local midnight (23 or 25 hours on DST days). */
export function bucketEnd(start: number, granularity: AlertGranularity, zone: string): number {
  if (granularity === 'PT1H') return start + HOUR_MS;
  return dayWindow(localDateOf(start, zone), zone).end;
}

export interface MeasureBasis {
  readonly measure: Measure;
  /** Needed for 'percent'; a percent rule without it reads nothing. */
  readonly capacity: number | null;
}

/** One value per bucket start (a building's sites summed), in time order, in people. */
export function peopleByBucket(rows: readonly InsightRow[]): { start: number; value: number }[] {
  return bucketsFromRows(rows);
}

export function toReadings(
  buckets: readonly { start: number; value: number }[],
  basis: MeasureBasis,
  granularity: AlertGranularity,
  zone: string,
): Reading[] {
  if (basis.measure === 'percent' && (basis.capacity === null || basis.capacity <= 0)) return [];
  const scale = basis.measure === 'percent' && basis.capacity ? 100 / basis.capacity : 1;
  return buckets.map((b) => ({ start: b.start, end: bucketEnd(b.start, granularity, zone), value: b.value * scale }));
}

/**
 * Readings of a rule relative to the usual level: each bucket as a percentage of its usual
 * level (domain/baseline), carrying that level for the message. A bucket with too little
 * history, or whose usual level is nothing, is kept but marked unjudged.
 */
export function relativeReadings(
  buckets: readonly { start: number; value: number }[],
  history: History,
  granularity: AlertGranularity,
  zone: string,
): Reading[] {
  return buckets.map((b): Reading => {
    const start = b.start;
    const end = bucketEnd(start, granularity, zone);
    const usual = history.usualAt(start);
    if (usual === null || !hasEnoughHistory(usual)) return { start, end, value: 0, unjudged: 'history', usualWeeks: usual?.weeks ?? 0 };
    const pct = percentOfUsual(b.value, usual);
    if (pct === null) return { start, end, value: 0, unjudged: 'nothing_usual', usual: 0, usualWeeks: usual.weeks };
    return { start, end, value: pct, usual: usual.value, usualWeeks: usual.weeks };
  });
}

/**
 * True when the data held is older than the nightly publish allows, by more than `afterHours`.
 * The day after the last bucket held is due at the publish hour of the day after that; with no
 * bucket at all, the clock starts a day before the subscription was made.
 */
export function isPublishLate(
  lastBucketStart: number | null,
  createdAt: number,
  zone: string,
  now: number,
  afterHours: number,
  cache?: Map<string, number>,
): boolean {
  const reference = lastBucketStart ?? createdAt - 24 * HOUR_MS;
  const lastHeldDay = localDateOf(reference, zone);
  const key = `${zone}|${lastHeldDay}`;
  let due = cache?.get(key);
  if (due === undefined) {
    due = startOfLocalDay(addDays(lastHeldDay, 2), zone).toMillis() + DEFAULT_PUBLISH_HOUR * HOUR_MS;
    if (cache && cache.size > 10_000) cache.clear();
    cache?.set(key, due);
  }
  return now > due + afterHours * HOUR_MS;
}

/** When the quiet window `now` is in ends: the next instant its end is read on the zone's clock. */
export function quietHoursEnd(now: number, quiet: QuietHours): number {
  const [hour = 0, minute = 0] = quiet.end.split(':').map(Number);
  const end = inZone(now, quiet.zone).set({ hour, minute, second: 0, millisecond: 0 });
  return (end.toMillis() > now ? end : end.plus({ days: 1 })).toMillis();
}

/** True inside the quiet window, read on the zone's wall clock; the window may wrap past midnight. */
export function inQuietHours(now: number, quiet: QuietHours | null): boolean {
  if (!quiet || quiet.start === quiet.end) return false;
  const t = formatLocalTime(now, quiet.zone);
  return quiet.start < quiet.end ? t >= quiet.start && t < quiet.end : t >= quiet.start || t < quiet.end;
}
