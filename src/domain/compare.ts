/**
 * Several subjects' days on one axis. Each subject's buckets are read on its own clock (a
 * building in Toronto and one in London both start work at "09"), so the lines compare
 * working days rather than instants. Pure.
 */
import { hourlyBuckets, type Bucket } from './summary';
import { wallClock } from './time';

/** Local hours always shown, [from, to); widened to take in any non-zero hour. */
const COMPARE_DAY_HOURS: readonly [number, number] = [6, 20];

/** A day's buckets by local clock hour (0–23); the first of a repeated hour (clocks going back) wins. */
export function byLocalHour(buckets: readonly Bucket[], zone: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const b of hourlyBuckets(buckets, zone)) {
    const hour = wallClock(b.start, zone).hour;
    if (!out.has(hour)) out.set(hour, b.value);
  }
  return out;
}

/** The hours to draw for these days: the default span, widened to every hour anyone was present. */
export function hoursToShow(days: readonly ReadonlyMap<number, number>[], span: readonly [number, number] = COMPARE_DAY_HOURS): number[] {
  let [from, to] = span;
  for (const day of days) {
    for (const [hour, value] of day) {
      if (value === 0) continue;
      from = Math.min(from, hour);
      to = Math.max(to, hour + 1);
    }
  }
  return Array.from({ length: to - from }, (_, i) => from + i);
}
