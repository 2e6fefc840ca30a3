/**
 * Words for a chart: the alt text of its image block, and the text table shown when the picture
 * can't be. Both read the same model as the chart config, so they describe exactly what is drawn.
 */
import { type Bucket, mergeBuckets, peakOf } from '../domain/summary';
import { formatDayShort, granularityMinutes, inZone, weekdayName } from '../domain/time';
import {
  type Slot, DEFAULT_DAY_HOURS, alertSlots, chartDigits, dayLabelOf, daySlots, formatPeople, granularityWord, inEpisode, lastWeekByKey, roundTo, trimSlots,
} from './model';
import type { AlertChartModel, ChartModel, ChartTableView, DayChartModel } from '../views/chart';
import { rangeAltText, rangeTable } from './range';

/** Slack's limit for an image block's alt_text. */
export const ALT_TEXT_MAX = 2000;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function referenceWords(ref: DayChartModel['reference']): string | null {
  if (!ref) return null;
  return `${ref.kind === 'capacity' ? 'capacity' : 'threshold'} ${formatPeople(ref.value)} shown as a dashed line`;
}

function dayAltText(model: DayChartModel): string {
  const head = `${granularityWord(model.granularity)} occupancy of ${model.subject} on ${dayLabelOf(model)}`;
  const buckets = mergeBuckets(model.buckets);
  const parts: string[] = [];
  if (buckets.length === 0) {
    parts.push('no data');
  } else if (granularityMinutes(model.granularity) === null) {
    parts.push(`${formatPeople(buckets.reduce((s, b) => s + b.value, 0))} people`);
  } else {
    const peak = peakOf(buckets, model.zone);
    if (peak) parts.push(`peak ${formatPeople(peak.value)} at ${peak.time}`);
  }
  if (model.lastWeek && model.lastWeek.length > 0) parts.push(`last ${weekdayName(model.date)} shown as a line`);
  const ref = referenceWords(model.reference);
  if (ref) parts.push(ref);
  return `${head}: ${parts.join('; ')}`;
}

/** "12:00", or "Tue 12:00" when the chart spans several local days. */
function timeWords(slots: readonly Slot[], zone: string): (ms: number) => string {
  const multiDay = new Set(slots.map((s) => s.localDate)).size > 1;
  return (ms) => inZone(ms, zone).toFormat(multiDay ? 'ccc HH:mm' : 'HH:mm');
}

function extremeOf(buckets: readonly Bucket[], direction: 'above' | 'below'): Bucket | null {
  let best: Bucket | null = null;
  for (const b of buckets) {
    if (best === null || (direction === 'above' ? b.value > best.value : b.value < best.value)) best = b;
  }
  return best;
}

function alertAltText(model: AlertChartModel): string {
  const slots = alertSlots(model);
  const at = timeWords(slots, model.zone);
  const head = `${granularityWord(model.granularity)} occupancy of ${model.subject}${model.unit === 'usual' ? ' as a share of its usual level' : ''}`;
  const amount = model.unit === 'usual' ? (v: number) => `${Math.round(v)}% of usual` : formatPeople;
  const level = amount(model.threshold);
  const span = model.episode.end === null ? `since ${at(model.episode.start)}` : `from ${at(model.episode.start)} to ${at(model.episode.end)}`;
  const inside = mergeBuckets(model.buckets).filter((b) => inEpisode(model, b.start));
  const extreme = extremeOf(inside, model.direction);
  const extremeWords = extreme ? ` (${model.direction === 'above' ? 'peak' : 'low'} ${amount(extreme.value)} at ${at(extreme.start)})` : '';
  const lines =
    model.recovery !== undefined && model.recovery !== null
      ? `threshold ${level} and recovery level ${amount(model.recovery)} shown as dashed lines`
      : `threshold ${level} shown as a dashed line`;
  if (slots.length === 0) return `${head}: no data`;
  return `${head}: ${model.direction} ${level} ${span}${extremeWords}; ${lines}`;
}

/** Describes the chart in one or two sentences, within Slack's alt_text limit. */
export function chartAltText(model: ChartModel): string {
  const text = model.kind === 'day' ? dayAltText(model) : model.kind === 'range' ? rangeAltText(model) : alertAltText(model);
  return clip(text, ALT_TEXT_MAX);
}

/** A row label: the local time, with the weekday when the chart spans days; the day at P1D and coarser. */
function rowLabel(slots: readonly Slot[], s: Slot, timed: boolean): string {
  if (!timed) return formatDayShort(s.localDate);
  const multiDay = new Set(slots.map((x) => x.localDate)).size > 1;
  return multiDay ? `${formatDayShort(s.localDate).slice(0, 3)} ${s.time}` : s.time;
}

function rounded(values: readonly (number | null)[]): (v: number | null) => number | null {
  const digits = chartDigits(values);
  return (v) => (v === null ? null : roundTo(v, digits));
}

/**
 * The day's values over the hours the chart shows; a 15-minute chart is told by the hour, which
 * keeps the table short enough to read in a message.
 */
function dayTable(model: DayChartModel): ChartTableView {
  const hourly = model.granularity === 'PT15M';
  const slots = trimSlots(daySlots(model, hourly), lastWeekByKey(model, hourly), DEFAULT_DAY_HOURS, model.granularity);
  const timed = granularityMinutes(model.granularity) !== null;
  const round = rounded(slots.map((s) => s.value));
  const shown = hourly ? 'Hourly' : granularityWord(model.granularity);
  return {
    title: `${shown} occupancy of ${model.subject} on ${dayLabelOf(model)}`,
    rows: slots.map((s) => ({ label: rowLabel(slots, s, timed), value: round(s.value) })),
  };
}

/** The buckets around the episode; the episode's own rows are marked. */
function alertTable(model: AlertChartModel): ChartTableView {
  const slots = alertSlots(model);
  const timed = granularityMinutes(model.granularity) !== null;
  const round = rounded(slots.map((s) => s.value));
  return {
    title:
      model.unit === 'usual'
        ? `${granularityWord(model.granularity)} occupancy of ${model.subject} as % of usual (${model.direction} ${Math.round(model.threshold)}% marked)`
        : `${granularityWord(model.granularity)} occupancy of ${model.subject} (${model.direction} ${formatPeople(model.threshold)} marked)`,
    rows: slots.map((s) => ({ label: rowLabel(slots, s, timed), value: round(s.value), ...(inEpisode(model, s.start) ? { marked: true } : {}) })),
  };
}

/** The chart's numbers as a table: what a reader sees when the picture can't be shown. */
export function chartTable(model: ChartModel): ChartTableView {
  if (model.kind === 'range') return rangeTable(model);
  return model.kind === 'day' ? dayTable(model) : alertTable(model);
}
