/**
 * Chart slots and labels from a chart model (src/views/chart.ts): the config builders, the alt text
 * and the text table all read the same model, so the three never disagree.
 */
import type { ChartConfiguration } from 'chart.js';
import { hourlyBuckets, mergeBuckets } from '../domain/summary';
import {
  type IsoDate,
  dayWindow,
  expectedBucketStarts,
  formatDay,
  formatDayShort,
  granularityMinutes,
  wallClock,
} from '../domain/time';
import type { Granularity } from '../domain/occupancy';
import type { AlertChartModel, DayChartModel } from '../views/chart';

/** A Chart.js v4 configuration of bars, possibly mixed with lines. Plain JSON data. */
export type ChartConfig = ChartConfiguration<'bar' | 'line', (number | null)[], string>;

export interface DayChartOptions {
  /** Local hours always shown, [from, to); widened when data outside is non-zero. Default [6, 20]. */
  readonly hours?: readonly [number, number];
  /** Average PT15M buckets per hour: a shorter URL when the full one is too long. */
  readonly hourly?: boolean;
}

export const DEFAULT_DAY_HOURS: readonly [number, number] = [6, 20];

/** One x-axis position of a time chart. */
export interface Slot {
  readonly start: number;
  /** Local "HH:mm". */
  readonly time: string;
  readonly hour: number;
  readonly localDate: IsoDate;
  readonly value: number | null;
}

export function dayLabelOf(model: DayChartModel): string {
  return model.dayLabel ?? formatDay(model.date);
}

export function granularityWord(granularity: Granularity): string {
  if (granularity === 'PT15M') return '15-minute';
  if (granularity === 'PT1H') return 'Hourly';
  if (granularity === 'P1D') return 'Daily';
  if (granularity === 'P1W') return 'Weekly';
  return 'Monthly';
}

function slot(start: number, zone: string, value: number | null): Slot {
  const local = wallClock(start, zone);
  return { start, time: local.time, hour: local.hour, localDate: local.date, value };
}

/** The day's buckets placed on the day's expected grid; extra starts are kept, absent ones are null. */
export function daySlots(model: DayChartModel, hourly: boolean): Slot[] {
  const useHourly = hourly && model.granularity === 'PT15M';
  const merged = mergeBuckets(model.buckets);
  if (granularityMinutes(model.granularity) === null) {
    const total = merged.length === 0 ? null : merged.reduce((sum, b) => sum + b.value, 0);
    return [slot(dayWindow(model.date, model.zone).start, model.zone, total)];
  }
  const buckets = useHourly ? hourlyBuckets(merged, model.zone) : merged;
  const grid = expectedBucketStarts(model.date, model.zone, useHourly ? 'PT1H' : model.granularity);
  const values = new Map(buckets.map((b) => [b.start, b.value]));
  const starts = [...new Set([...grid, ...buckets.map((b) => b.start)])].sort((a, b) => a - b);
  return starts.map((t) => slot(t, model.zone, values.get(t) ?? null));
}

/** How a slot is matched with last week's: local time of day, or the whole day at P1D. */
export function slotKey(s: Slot, granularity: Granularity): string {
  return granularityMinutes(granularity) === null ? 'day' : s.time;
}

/** Last week's values by slot key (first occurrence on a DST fall-back day). */
export function lastWeekByKey(model: DayChartModel, hourly: boolean): Map<string, number> {
  const raw = mergeBuckets(model.lastWeek ?? []);
  const buckets = hourly && model.granularity === 'PT15M' ? hourlyBuckets(raw, model.zone) : raw;
  const byKey = new Map<string, number>();
  for (const b of buckets) {
    const key = slotKey(slot(b.start, model.zone, b.value), model.granularity);
    if (key === 'day') byKey.set(key, (byKey.get(key) ?? 0) + b.value);
    else if (!byKey.has(key)) byKey.set(key, b.value);
  }
  return byKey;
}

/**
 * Keeps the slots within the default hours, widened to the first and last non-zero value of
 * either day so early or late activity is never cut off.
 */
export function trimSlots(
  slots: readonly Slot[],
  lastWeek: ReadonlyMap<string, number>,
  hours: readonly [number, number],
  granularity: Granularity,
): Slot[] {
  if (granularityMinutes(granularity) === null) return [...slots];
  let [from, to] = hours;
  for (const s of slots) {
    const lw = lastWeek.get(slotKey(s, granularity)) ?? 0;
    if ((s.value !== null && s.value !== 0) || lw !== 0) {
      from = Math.min(from, s.hour);
      to = Math.max(to, s.hour + 1);
    }
  }
  return slots.filter((s) => s.hour >= from && s.hour < to);
}

/** Fills the holes between the first and last bucket so missing data shows as a gap. */
export function alertSlots(model: AlertChartModel): Slot[] {
  const buckets = mergeBuckets(model.buckets);
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  if (!first || !last) return [];
  const minutes = granularityMinutes(model.granularity);
  if (minutes === null) return buckets.map((b) => slot(b.start, model.zone, b.value));
  const values = new Map(buckets.map((b) => [b.start, b.value]));
  const step = minutes * 60_000;
  const starts = new Set<number>(buckets.map((b) => b.start));
  for (let t = first.start; t <= last.start; t += step) starts.add(t);
  return [...starts].sort((a, b) => a - b).map((t) => slot(t, model.zone, values.get(t) ?? null));
}

/** Inside one of the episodes, as the message tells it: from its start to its last bucket past the threshold. */
export function inEpisode(model: AlertChartModel, start: number): boolean {
  return model.episodes.some((e) => start >= e.start && start < e.breachEnd);
}

/** Where a bucket stands against the rule: past the threshold, within the recovery band, or normal. */
export type BarState = 'past' | 'band' | 'normal';

/** The state machine's own tests (strictly past the threshold; recovered only strictly past recovery). */
export function barState(model: Pick<AlertChartModel, 'direction' | 'threshold' | 'recovery'>, value: number): BarState {
  const above = model.direction === 'above';
  if (above ? value > model.threshold : value < model.threshold) return 'past';
  if (model.recovery === undefined || model.recovery === null) return 'normal';
  return (above ? value < model.recovery : value > model.recovery) ? 'normal' : 'band';
}

/** The legend's words for each state, in the chart's rounding: "Above 130", "Between 100 and 130", "Below 100". */
export function barStateLabels(model: Pick<AlertChartModel, 'direction' | 'threshold' | 'recovery' | 'unit'>, digits: number): Record<BarState, string> {
  const t = roundTo(model.threshold, digits);
  const above = model.direction === 'above';
  // A rule relative to usual draws shares of the usual level, and its legend says so.
  const pct = model.unit === 'usual' ? '%' : '';
  const past = `${above ? 'Above' : 'Below'} ${t}${pct}`;
  if (model.recovery === undefined || model.recovery === null) return { past, band: past, normal: 'Occupancy' };
  const r = roundTo(model.recovery, digits);
  return { past, band: `Between ${Math.min(t, r)}${pct} and ${Math.max(t, r)}${pct}`, normal: `${above ? 'Below' : 'Above'} ${r}${pct}` };
}

/**
 * x-axis labels: "06" on the hour; quarter-hours are left blank to keep the URL short; a
 * chart spanning several days names the weekday at each local midnight.
 */
export function slotLabels(slots: readonly Slot[], granularity: Granularity): string[] {
  const multiDay = new Set(slots.map((s) => s.localDate)).size > 1;
  return slots.map((s, i) => {
    if (granularityMinutes(granularity) === null) return formatDayShort(s.localDate);
    const minute = s.time.slice(3);
    if (minute !== '00') return '';
    const previous = slots[i - 1];
    if (multiDay && previous && previous.localDate !== s.localDate) return formatDayShort(s.localDate).slice(0, 3);
    return s.time.slice(0, 2);
  });
}

/** Digits to keep: whole people from 10 up, one decimal below (small zones). */
export function chartDigits(values: readonly (number | null | undefined)[]): number {
  let max = 0;
  for (const v of values) if (v !== null && v !== undefined && Math.abs(v) > max) max = Math.abs(v);
  return max >= 10 ? 0 : 1;
}

export function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(value * f) / f;
  return r === 0 ? 0 : r;
}

/** Display rounding for words and tables: whole people from 10 up, else one decimal. */
export function formatPeople(value: number): string {
  return String(roundTo(value, Math.abs(value) >= 10 ? 0 : 1));
}
