import { DateTime, IANAZone } from 'luxon';

/**
 * Calendar arithmetic on "day numbers" (days since 1970-01-01 of a calendar date, with no
 * time zone attached). Local dates of any building map onto them one to one, which keeps
 * the hot paths free of time-zone objects.
 */

const MS_PER_DAY = 86_400_000;

/** First generated day of history. */
export const HISTORY_START = '2024-01-01';

export function dayNumOfIso(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`not an ISO date: ${iso}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
}

export function isoOfDayNum(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** DATE_PARTITION form of a day: YYYYMMDD as an integer. */
export function partitionOfDayNum(n: number): number {
  const d = new Date(n * MS_PER_DAY);
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

/**
 * Day number of a YYYYMMDD integer that may not be a real date (a bound such as
 * `_lt: 20250132`). `ceil` gives the first real date whose partition is >= n, otherwise the
 * last real date whose partition is <= n; comparisons on partitions are integer comparisons.
 */
export function dayNumOfPartition(n: number, mode: 'ceil' | 'floor'): number {
  const y = Math.floor(n / 10000);
  const m = Math.floor((n % 10000) / 100);
  const d = n % 100;
  const ceil = mode === 'ceil';
  if (m < 1) return ceil ? utcDay(y, 1, 1) : utcDay(y - 1, 12, 31);
  if (m > 12) return ceil ? utcDay(y + 1, 1, 1) : utcDay(y, 12, 31);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d < 1) return ceil ? utcDay(y, m, 1) : utcDay(y, m, 1) - 1;
  if (d > last) return ceil ? utcDay(y, m, last) + 1 : utcDay(y, m, last);
  return utcDay(y, m, d);
}

function utcDay(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(n: number): number {
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

export function mondayOf(n: number): number {
  return n - (isoWeekday(n) - 1);
}

export function monthStartOf(n: number): number {
  const d = new Date(n * MS_PER_DAY);
  return utcDay(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

export function monthEndOf(n: number): number {
  const d = new Date(n * MS_PER_DAY);
  return utcDay(d.getUTCFullYear(), d.getUTCMonth() + 2, 1) - 1;
}

export function monthOf(n: number): number {
  return new Date(n * MS_PER_DAY).getUTCMonth() + 1;
}

/** The calendar day (day number) of an instant in a time zone. */
export function localDayNum(ms: number, zone: IANAZone): number {
  return Math.floor((ms + zone.offset(ms) * 60_000) / MS_PER_DAY);
}

/**
 * UTC instant of local midnight starting day n in the zone. Two fixed-point steps settle the
 * offset; every zone simulated here has a midnight on every day.
 */
export function localMidnightMs(n: number, zone: IANAZone): number {
  const wall = n * MS_PER_DAY;
  const first = wall - zone.offset(wall) * 60_000;
  return wall - zone.offset(first) * 60_000;
}

/**
 * Publishing rule: the nightly run makes local day D available once the local clock passes
 * 04:00 on D+1. Returns the last published day number (may precede HISTORY_START).
 */
export function publishedThroughDayNum(timeZone: string, nowMs: number): number {
  const local = DateTime.fromMillis(nowMs, { zone: timeZone });
  const today = utcDay(local.year, local.month, local.day);
  return local.hour >= 4 ? today - 1 : today - 2;
}

/** `2025-05-01T08:00:00-04:00`: the instant in local wall-clock time with its UTC offset. */
export function formatLocalIso(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}
