/**
 * Date ranges on the building-local calendar: what `last week`, `this month`, `last 4 weeks`
 * or `2026-10-01..2026-11-20` cover, the period an answer compares with, the periods its
 * buttons move to, and how days group into weeks. Weeks start on Monday. Pure: the latest
 * published day and "today" are arguments, never read from a clock.
 */
import { addDays, compareDates, EARLIEST_DATE, parseIsoDate, type IsoDate } from './time';

/** The longest range answered: a year, leap day included. */
export const MAX_RANGE_DAYS = 366;

/** Up to this many days a range is drawn day by day; longer ones by week. */
export const MAX_DAILY_BARS = 35;

/** What a range word names, before the calendar is known. */
export type RangeSpec =
  | { readonly form: 'last_week' }
  | { readonly form: 'this_week' }
  | { readonly form: 'this_month' }
  | { readonly form: 'last_month' }
  /** `last 7 days`, `last 4 weeks`: the `days` ending at the latest published day. */
  | { readonly form: 'last_days'; readonly days: number }
  | { readonly form: 'between'; readonly from: IsoDate; readonly to: IsoDate };

/** How the previous/next buttons step: by calendar week, calendar month, or the range's own length. */
export type RangeUnit = 'week' | 'month' | 'days';

/** A span of whole local days, both ends included. */
export interface Period {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

export interface ResolvedRange extends Period {
  readonly unit: RangeUnit;
  /** The end the words asked for, when later than the latest published day (`to` stops there). */
  readonly clippedFrom: IsoDate | null;
}

export type RangeProblem =
  /** Starts after the latest published day: nothing of it is published yet. */
  | { readonly kind: 'not_published'; readonly period: Period }
  /** Ends after today. */
  | { readonly kind: 'future'; readonly period: Period }
  | { readonly kind: 'too_old'; readonly period: Period };

export type RangeResult = { readonly ok: true; readonly range: ResolvedRange } | { readonly ok: false; readonly problem: RangeProblem };

/** Days in a period, both ends counted. */
export function periodDays(p: Period): number {
  return compareDates(p.to, p.from) / 86_400_000 + 1;
}

/** Every day of a period, in order. */
export function daysOf(p: Period): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = p.from; compareDates(d, p.to) <= 0; d = addDays(d, 1)) out.push(d);
  return out;
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  // 2000-01-03 was a Monday.
  const n = compareDates(date, '2000-01-03') / 86_400_000;
  return ((((n % 7) + 7) % 7) + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}

export function monthStart(date: IsoDate): IsoDate {
  return `${date.slice(0, 7)}-01`;
}

/** The last day of the month `date` is in. */
export function monthEnd(date: IsoDate): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const next = m === 12 ? `${String(y + 1).padStart(4, '0')}-01-01` : `${date.slice(0, 4)}-${String(m + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) <= 0 ? a : b;
}

/**
 * The days a range word covers in a building whose local day is `today` and whose latest
 * published day is `latest`. Ranges that run on past `latest` (this week, this month, a range
 * ending today) stop there; one that starts after it is not published yet.
 */
export function resolveRange(spec: RangeSpec, today: IsoDate, latest: IsoDate): RangeResult {
  const thisMonday = mondayOf(today);
  let asked: Period;
  let unit: RangeUnit;
  switch (spec.form) {
    case 'last_week':
      asked = { from: addDays(thisMonday, -7), to: addDays(thisMonday, -1) };
      unit = 'week';
      break;
    case 'this_week':
      asked = { from: thisMonday, to: addDays(thisMonday, 6) };
      unit = 'week';
      break;
    case 'this_month':
      asked = { from: monthStart(today), to: monthEnd(today) };
      unit = 'month';
      break;
    case 'last_month': {
      const previous = addDays(monthStart(today), -1);
      asked = { from: monthStart(previous), to: previous };
      unit = 'month';
      break;
    }
    case 'last_days':
      asked = { from: addDays(latest, 1 - spec.days), to: latest };
      unit = 'days';
      break;
    case 'between':
      asked = { from: spec.from, to: spec.to };
      unit = 'days';
      if (compareDates(spec.to, today) > 0) return { ok: false, problem: { kind: 'future', period: asked } };
      break;
  }
  if (compareDates(asked.from, EARLIEST_DATE) < 0) return { ok: false, problem: { kind: 'too_old', period: asked } };
  if (compareDates(asked.from, latest) > 0) return { ok: false, problem: { kind: 'not_published', period: asked } };
  const to = minDate(asked.to, latest);
  return { ok: true, range: { from: asked.from, to, unit, clippedFrom: to === asked.to ? null : asked.to } };
}

/**
 * The period a range is compared with: as many days, moved back by whole weeks so that it holds
 * the same weekdays (an office's Mondays are not its Saturdays). For a range of whole weeks that
 * is the period just before; `this week` so far compares with the same days of last week.
 */
export function comparisonPeriod(p: Period): Period {
  const shift = Math.ceil(periodDays(p) / 7) * 7;
  return { from: addDays(p.from, -shift), to: addDays(p.to, -shift) };
}

/**
 * Where the previous/next buttons go: the calendar week or month before and after (a whole
 * one, or up to the latest published day), or the same number of days before and after.
 * Null where that period has no published day or starts before any data.
 */
export function neighbours(range: ResolvedRange, latest: IsoDate): { previous: ResolvedRange | null; next: ResolvedRange | null } {
  const step = (dir: -1 | 1): Period => {
    if (range.unit === 'week') {
      const from = addDays(mondayOf(range.from), 7 * dir);
      return { from, to: addDays(from, 6) };
    }
    if (range.unit === 'month') {
      const from = dir < 0 ? monthStart(addDays(monthStart(range.from), -1)) : addDays(monthEnd(range.from), 1);
      return { from, to: monthEnd(from) };
    }
    const n = periodDays(range);
    return { from: addDays(range.from, n * dir), to: addDays(range.to, n * dir) };
  };
  const usable = (p: Period): ResolvedRange | null => {
    if (compareDates(p.from, EARLIEST_DATE) < 0 || compareDates(p.from, latest) > 0) return null;
    const to = minDate(p.to, latest);
    return { from: p.from, to, unit: range.unit, clippedFrom: to === p.to ? null : p.to };
  };
  return { previous: usable(step(-1)), next: usable(step(1)) };
}

/** A period given as button state, checked: real dates, in order, at most a year long. */
export function checkPeriod(from: unknown, to: unknown): Period | null {
  if (typeof from !== 'string' || typeof to !== 'string') return null;
  if (parseIsoDate(from) === null || parseIsoDate(to) === null) return null;
  const p = { from, to };
  if (compareDates(to, from) < 0 || periodDays(p) > MAX_RANGE_DAYS) return null;
  return p;
}

/** Bars of a range: one per day up to MAX_DAILY_BARS days, else one per Monday week (the edge weeks cut to the range). */
export function barPeriods(p: Period): { readonly unit: 'day' | 'week'; readonly bars: readonly Period[] } {
  if (periodDays(p) <= MAX_DAILY_BARS) return { unit: 'day', bars: daysOf(p).map((d) => ({ from: d, to: d })) };
  const bars: Period[] = [];
  for (let from = p.from; compareDates(from, p.to) <= 0; ) {
    const to = minDate(addDays(mondayOf(from), 6), p.to);
    bars.push({ from, to });
    from = addDays(to, 1);
  }
  return { unit: 'week', bars };
}
