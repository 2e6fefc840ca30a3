/**
 * Words for a chart: alt text for the image block, and a monospace table for readers who
 * cannot see the image (or when no image could be rendered). Both read the same model as the
 * chart config, so they describe exactly what is drawn.
 */
import { type Bucket, hourlyBuckets, mergeBuckets, peakOf } from '../domain/summary';
import { formatDayShort, granularityMinutes, inZone, weekdayName, weekdayShortName } from '../domain/time';
import { shortLabel } from './config';
import {
  type AlertChartModel,
  type ChartModel,
  type DayChartModel,
  type RankingChartModel,
  type Slot,
  DEFAULT_DAY_HOURS,
  alertSlots,
  dayLabelOf,
  daySlots,
  formatPeople,
  granularityWord,
  inEpisode,
  lastWeekByKey,
  slotKey,
  trimSlots,
} from './model';

/** Slack's limit for an image block's alt_text. */
export const ALT_TEXT_MAX = 2000;
/** Slack's limit for a section's text. */
export const SECTION_TEXT_MAX = 3000;

const BAR_WIDTH = 20;

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
  const head = `${granularityWord(model.granularity)} occupancy of ${model.subject}`;
  const level = formatPeople(model.threshold);
  const span = model.episode.end === null ? `since ${at(model.episode.start)}` : `from ${at(model.episode.start)} to ${at(model.episode.end)}`;
  const inside = mergeBuckets(model.buckets).filter((b) => inEpisode(model, b.start));
  const extreme = extremeOf(inside, model.direction);
  const extremeWords = extreme ? ` (${model.direction === 'above' ? 'peak' : 'low'} ${formatPeople(extreme.value)} at ${at(extreme.start)})` : '';
  const lines =
    model.recovery !== undefined && model.recovery !== null
      ? `threshold ${level} and recovery level ${formatPeople(model.recovery)} shown as dashed lines`
      : `threshold ${level} shown as a dashed line`;
  if (slots.length === 0) return `${head}: no data`;
  return `${head}: ${model.direction} ${level} ${span}${extremeWords}; ${lines}`;
}

function rankingValue(model: RankingChartModel, value: number): string {
  return model.unit === 'percent' ? `${Math.round(value)}%` : formatPeople(value);
}

function rankingAltText(model: RankingChartModel): string {
  if (model.items.length === 0) return `${model.title}: no data`;
  return `${model.title}: ${model.items.map((i) => `${i.label} ${rankingValue(model, i.value)}`).join(', ')}`;
}

/** Describes the chart in one or two sentences, within Slack's alt_text limit. */
export function chartAltText(model: ChartModel): string {
  const text = model.kind === 'day' ? dayAltText(model) : model.kind === 'alert' ? alertAltText(model) : rankingAltText(model);
  return clip(text, ALT_TEXT_MAX);
}

// --- Text table ------------------------------------------------------------------------

type Align = 'l' | 'r';

function pad(text: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - [...text].length));
  return align === 'l' ? text + fill : fill + text;
}

function bar(value: number | null, max: number): string {
  if (value === null || max <= 0 || value <= 0) return '';
  return '█'.repeat(Math.max(1, Math.round((value / max) * BAR_WIDTH)));
}

function table(headers: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[]): string[] {
  const widths = headers.map((h, c) => Math.max([...h].length, ...rows.map((r) => [...(r[c] ?? '')].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (c === cells.length - 1 && align[c] === 'l' ? cell : pad(cell, widths[c] ?? 0, align[c] ?? 'l')))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)];
}

function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Fences and escapes the lines, dropping trailing body rows until the section fits. */
function fence(head: readonly string[], body: readonly string[], foot: readonly string[]): string {
  const render = (rows: readonly string[], cut: boolean) =>
    escapeMrkdwn(['```', ...head, ...rows, ...(cut ? ['…'] : []), ...foot, '```'].join('\n'));
  let keep = body.length;
  let text = render(body, false);
  while (text.length > SECTION_TEXT_MAX && keep > 0) {
    keep -= 1;
    text = render(body.slice(0, keep), true);
  }
  return text.length <= SECTION_TEXT_MAX ? text : clip(text, SECTION_TEXT_MAX - 3) + '```';
}

const cell = (v: number | null | undefined) => (v === null || v === undefined ? '–' : formatPeople(v));

function dayTable(model: DayChartModel): string {
  const hourly = model.granularity === 'PT15M';
  const lastWeek = lastWeekByKey(model, hourly);
  const slots = trimSlots(daySlots(model, hourly), lastWeek, DEFAULT_DAY_HOURS, model.granularity);
  const hasLastWeek = Boolean(model.lastWeek && model.lastWeek.length > 0);
  const daily = granularityMinutes(model.granularity) === null;
  const max = Math.max(0, ...slots.map((s) => s.value ?? 0));
  const rows = slots.map((s) => [
    daily ? formatDayShort(model.date) : s.time,
    cell(s.value),
    ...(hasLastWeek ? [cell(lastWeek.get(slotKey(s, model.granularity)))] : []),
    bar(s.value, max),
  ]);
  const headers = [daily ? 'Day' : 'Time', formatDayShort(model.date), ...(hasLastWeek ? [`Last ${weekdayShortName(model.date)}`] : []), ''];
  const lines = table(headers, rows, ['l', 'r', ...(hasLastWeek ? (['r'] as Align[]) : []), 'l']);
  const foot = model.reference ? [`${model.reference.kind === 'capacity' ? 'Capacity' : 'Threshold'} ${formatPeople(model.reference.value)}`] : [];
  const title = `${model.subject} · ${dayLabelOf(model)}${hourly ? ' · hourly means' : ''}`;
  return fence([title, ...lines.slice(0, 1)], lines.slice(1), foot);
}

function alertTable(model: AlertChartModel): string {
  const hourly = model.granularity === 'PT15M';
  const source = hourly ? hourlyBuckets(mergeBuckets(model.buckets), model.zone) : mergeBuckets(model.buckets);
  const slots = alertSlots({ ...model, granularity: hourly ? 'PT1H' : model.granularity, buckets: source });
  const at = timeWords(slots, model.zone);
  // An hour counts as inside the episode when any part of it is.
  const inside = (s: Slot) => inEpisode(model, s.start) || (hourly && model.episode.start > s.start && model.episode.start < s.start + 3_600_000);
  const max = Math.max(0, ...slots.map((s) => s.value ?? 0));
  const rows = slots.map((s) => [at(s.start), cell(s.value), inside(s) ? '●' : '', bar(s.value, max)]);
  const lines = table(['Time', 'People', '', ''], rows, ['l', 'r', 'l', 'l']);
  const recovery = model.recovery !== undefined && model.recovery !== null ? `, recovers at ${formatPeople(model.recovery)}` : '';
  const foot = [`● ${model.direction} ${formatPeople(model.threshold)}${recovery}`];
  return fence([`${model.subject}${hourly ? ' · hourly means' : ''}`, ...lines.slice(0, 1)], lines.slice(1), foot);
}

function rankingTable(model: RankingChartModel): string {
  const max = Math.max(0, ...model.items.map((i) => i.value));
  const rows = model.items.map((i) => [shortLabel(i.label), rankingValue(model, i.value), bar(i.value, max)]);
  const lines = table(['Name', model.unit === 'percent' ? '%' : 'People', ''], rows, ['l', 'r', 'l']);
  return fence([model.title, ...lines.slice(0, 1)], lines.slice(1), []);
}

/**
 * The chart's numbers as a fenced monospace table, ready as the text of a Slack section:
 * already escaped for mrkdwn (do not escape again) and at most 3,000 characters. PT15M data
 * is shown as hourly means to stay compact.
 */
export function chartTextTable(model: ChartModel): string {
  if (model.kind === 'day') return dayTable(model);
  if (model.kind === 'alert') return alertTable(model);
  return rankingTable(model);
}
