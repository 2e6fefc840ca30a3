/**
 * Words for a chart: the alt text of its image block, and the text table shown when the picture
 * can't be. Both read the same model as the chart config, so they describe exactly what is drawn.
 */
import { type Bucket, mergeBuckets, peakOf } from '../domain/summary';
import { formatDay, formatDayShort, granularityMinutes, inZone, localDateOf, weekdayName } from '../domain/time';
import {
  type Slot, DEFAULT_DAY_HOURS, alertSlots, barStateLabels, chartDigits, dayLabelOf, daySlots, formatPeople, granularityWord, inEpisode, lastWeekByKey, roundTo, trimSlots,
} from './model';
import type { AlertChartEpisode, AlertChartModel, ChartModel, ChartTableView, DayChartModel } from '../views/chart';
import { rangeAltText, rangeTable } from './range';
import { compareAltText, compareTable } from './compare';

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

/** "12:00", or "Tue 12:00" when the chart spans several local days; an end at midnight is "24:00" of the day before. */
function timeWords(slots: readonly Slot[], zone: string): { at: (ms: number) => string; until: (ms: number) => string } {
  const multiDay = new Set(slots.map((s) => s.localDate)).size > 1;
  const at = (ms: number) => inZone(ms, zone).toFormat(multiDay ? 'ccc HH:mm' : 'HH:mm');
  const until = (ms: number) => {
    const local = inZone(ms, zone);
    if (local.hour !== 0 || local.minute !== 0) return at(ms);
    return multiDay ? `${inZone(ms - 1, zone).toFormat('ccc')} 24:00` : '24:00';
  };
  return { at, until };
}

function extremeOf(buckets: readonly Bucket[], direction: 'above' | 'below'): Bucket | null {
  let best: Bucket | null = null;
  for (const b of buckets) {
    if (best === null || (direction === 'above' ? b.value > best.value : b.value < best.value)) best = b;
  }
  return best;
}

/** How a level reads: people, or a share of usual for a rule relative to usual. */
function amountOf(model: AlertChartModel): (v: number) => string {
  return model.unit === 'usual' ? (v: number) => `${Math.round(v)}% of usual` : formatPeople;
}

function countWords(n: number): string {
  return n === 1 ? '' : n === 2 ? ' twice' : ` ${n} times`;
}

/**
 * The episodes in the words of their message: from the first bucket past the threshold to the
 * end of the last one ("from 09:00 to 16:00"), days at P1D ("from Sat 5 Dec to Sun 6 Dec").
 */
function episodeWords(model: AlertChartModel, slots: readonly Slot[], e: AlertChartEpisode): string {
  const daily = granularityMinutes(model.granularity) === null;
  const { at, until } = timeWords(slots, model.zone);
  const day = (ms: number) => formatDay(localDateOf(ms, model.zone));
  let span: string;
  if (daily) {
    const first = day(e.start);
    const last = day(e.breachEnd - 1);
    span = first === last ? `on ${first}` : `from ${first} to ${last}`;
  } else span = `from ${at(e.start)} to ${until(e.breachEnd)}`;
  const inside = mergeBuckets(model.buckets).filter((b) => b.start >= e.start && b.start < e.breachEnd);
  const extreme = extremeOf(inside, model.direction);
  const notes: string[] = [];
  if (extreme) notes.push(`${model.direction === 'above' ? 'peak' : 'low'} ${amountOf(model)(extreme.value)} ${daily ? `on ${day(extreme.start)}` : `at ${at(extreme.start)}`}`);
  if (e.recoveredAt === null) notes.push(`still ${model.direction} at the end of the data`);
  return notes.length > 0 ? `${span} (${notes.join(', ')})` : span;
}

function alertAltText(model: AlertChartModel): string {
  const slots = alertSlots(model);
  const head = `${granularityWord(model.granularity)} occupancy of ${model.subject}${model.unit === 'usual' ? ' as a share of its usual level' : ''}`;
  if (slots.length === 0) return `${head}: no data`;
  const amount = amountOf(model);
  const level = amount(model.threshold);
  const episodes = model.episodes.map((e) => episodeWords(model, slots, e));
  const listed = episodes.length > 1 ? `${countWords(episodes.length)}: ${episodes.slice(0, -1).join('; ')} and ${episodes.at(-1)}` : ` ${episodes[0] ?? ''}`;
  const hasRecovery = model.recovery !== undefined && model.recovery !== null;
  const lines = hasRecovery
    ? `threshold ${level} and recovery level ${amount(model.recovery ?? 0)} shown as dashed lines`
    : `threshold ${level} shown as a dashed line`;
  const labels = barStateLabels(model, chartDigits([...slots.map((s) => s.value), model.threshold, model.recovery ?? null]));
  const colours = hasRecovery ? `; bars ${labels.past.toLowerCase()} in red, ${labels.band.toLowerCase()} in amber, ${labels.normal.toLowerCase()} in blue` : '';
  return `${head}: ${model.direction} ${level}${listed}; ${lines}${colours}; ${model.episodes.length > 1 ? 'episodes' : 'episode'} shaded`;
}

/** Describes the chart in one or two sentences, within Slack's alt_text limit. */
export function chartAltText(model: ChartModel): string {
  const text =
    model.kind === 'day' ? dayAltText(model) : model.kind === 'range' ? rangeAltText(model) : model.kind === 'compare' ? compareAltText(model) : alertAltText(model);
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
  if (model.kind === 'compare') return compareTable(model);
  return model.kind === 'day' ? dayTable(model) : alertTable(model);
}
