/**
 * Pure builders of Chart.js v4 configurations. The configs travel inside a URL (Slack's
 * image_url allows 3,000 characters), so every byte counts: numbers are rounded, labels are
 * short, options stay at their defaults unless the picture needs them.
 */
import { weekdayName } from '../domain/time';
import {
  type BarState, type ChartConfig, type Slot, type DayChartOptions, DEFAULT_DAY_HOURS, alertSlots, barState, barStateLabels, chartDigits, dayLabelOf, daySlots, inEpisode, lastWeekByKey, roundTo, slotKey, slotLabels, trimSlots,
} from './model';
import { type AlertChartModel, type DayChartModel, type ReferenceLine } from '../views/chart';

export const COLORS = {
  bar: '#4e79a7',
  lastWeek: '#f28e2b',
  capacity: '#59a14f',
  threshold: '#e15759',
  recovery: '#9c9c9c',
  /** Within the recovery band: the episode is not over, yet not past the threshold. */
  band: '#f1a340',
  /** Shading behind an episode's buckets. */
  episode: 'rgba(225,87,89,0.12)',
} as const;

type Dataset = ChartConfig['data']['datasets'][number];

/** A flat dashed line across the chart: a threshold, a capacity, an earlier period's mean. */
export function dashedLine(label: string, value: number, count: number, color: string, digits: number): Dataset {
  return {
    type: 'line',
    label,
    data: Array.from({ length: count }, () => roundTo(value, digits)),
    borderColor: color,
    borderDash: [6, 4],
    borderWidth: 2,
    // A line needs two points: over a single bar the level is drawn as a wide flat marker instead.
    ...(count === 1 ? { pointStyle: 'line' as const, pointRadius: 60, pointBorderColor: color } : { pointRadius: 0 }),
  };
}

function referenceDataset(ref: ReferenceLine, count: number, digits: number): Dataset {
  const label = `${ref.kind === 'capacity' ? 'Capacity' : 'Threshold'} ${roundTo(ref.value, digits)}`;
  return dashedLine(label, ref.value, count, ref.kind === 'capacity' ? COLORS.capacity : COLORS.threshold, digits);
}

function options(title: string, legend: boolean, blankTicks: boolean): ChartConfig['options'] {
  return {
    plugins: { title: { display: true, text: title }, legend: legend ? { position: 'bottom' } : { display: false } },
    scales: {
      x: { ticks: blankTicks ? { autoSkip: false, maxRotation: 0 } : { maxRotation: 0 } },
      y: { beginAtZero: true },
    },
  };
}

/**
 * The day's buckets as bars by local time, last week's same weekday as a line, and an optional
 * capacity or threshold as a dashed line. Trimmed to 06:00–20:00 unless there is activity outside.
 */
export function dayChartConfig(model: DayChartModel, opts: DayChartOptions = {}): ChartConfig {
  const hourly = opts.hourly === true;
  const lastWeek = lastWeekByKey(model, hourly);
  const slots = trimSlots(daySlots(model, hourly), lastWeek, opts.hours ?? DEFAULT_DAY_HOURS, model.granularity);
  const granularity = hourly && model.granularity === 'PT15M' ? 'PT1H' : model.granularity;
  const values = slots.map((s) => s.value);
  const lastValues = model.lastWeek ? slots.map((s) => lastWeek.get(slotKey(s, model.granularity)) ?? null) : [];
  const digits = chartDigits([...values, ...lastValues]);
  const round = (v: number | null) => (v === null ? null : roundTo(v, digits));

  const datasets: Dataset[] = [
    { type: 'bar', label: dayLabelOf(model), data: values.map(round), backgroundColor: COLORS.bar, order: 1 },
  ];
  if (model.lastWeek && model.lastWeek.length > 0) {
    datasets.push({
      type: 'line',
      label: `Last ${weekdayName(model.date)}`,
      data: lastValues.map(round),
      borderColor: COLORS.lastWeek,
      borderWidth: 2,
      pointRadius: 0,
    });
  }
  if (model.reference) datasets.push(referenceDataset(model.reference, slots.length, digits));

  return {
    type: 'bar',
    data: { labels: slotLabels(slots, granularity), datasets },
    options: options(model.title ?? `${model.subject} · ${dayLabelOf(model)}`, datasets.length > 1, granularity === 'PT15M'),
  };
}

export interface AlertChartOptions {
  /** Buckets kept either side of the episodes: fewer than the model holds, for a shorter URL. */
  readonly context?: number;
}

/** The slots from `context` before the first episode to `context` after the bucket that ended the last. */
function aroundEpisodes(model: AlertChartModel, slots: readonly Slot[], context: number): Slot[] {
  const first = model.episodes[0];
  const last = model.episodes.at(-1);
  if (!first || !last) return [...slots];
  const end = last.recoveredAt ?? last.breachEnd;
  const from = slots.findIndex((s) => s.start >= first.start);
  let to = slots.findIndex((s) => s.start >= end);
  to = to < 0 ? slots.length : to + 1;
  return slots.slice(Math.max(0, (from < 0 ? 0 : from) - context), Math.min(slots.length, to + context));
}

/**
 * Bars around the episodes, coloured by where each stands (past the threshold, within the
 * recovery band, normal), each episode shaded from its start to its last bucket past the
 * threshold, the threshold and recovery levels dashed.
 */
export function alertChartConfig(model: AlertChartModel, opts: AlertChartOptions = {}): ChartConfig {
  const slots = opts.context === undefined ? alertSlots(model) : aroundEpisodes(model, alertSlots(model), opts.context);
  const levels = [model.threshold, ...(model.recovery !== undefined && model.recovery !== null ? [model.recovery] : [])];
  const digits = chartDigits([...slots.map((s) => s.value), ...levels]);
  const labels = barStateLabels(model, digits);
  const bars = (state: BarState, color: string): Dataset => ({
    type: 'bar',
    label: labels[state],
    data: slots.map((s) => (s.value === null || barState(model, s.value) !== state ? null : roundTo(s.value, digits))),
    backgroundColor: color,
    grouped: false,
    order: 1,
  });
  // The shading is a full-width bar behind the others, up to a little over the tallest of them.
  let top = 0;
  for (const v of [...slots.map((s) => s.value), ...levels]) if (v !== null && v > top) top = v;
  const shade = roundTo(top * 1.08, digits) || 1;
  const episodes = model.episodes.length;

  const datasets: Dataset[] = [
    bars('normal', COLORS.bar),
    ...(labels.band !== labels.past ? [bars('band', COLORS.band)] : []),
    bars('past', COLORS.threshold),
    {
      type: 'bar',
      label: episodes > 1 ? `Episodes (${episodes})` : 'Episode',
      data: slots.map((s) => (inEpisode(model, s.start) ? shade : null)),
      backgroundColor: COLORS.episode,
      grouped: false,
      barPercentage: 1,
      categoryPercentage: 1,
      order: 2,
    },
    dashedLine(`Threshold ${roundTo(model.threshold, digits)}`, model.threshold, slots.length, COLORS.threshold, digits),
  ];
  if (model.recovery !== undefined && model.recovery !== null) {
    datasets.push(dashedLine(`Recovers at ${roundTo(model.recovery, digits)}`, model.recovery, slots.length, COLORS.recovery, digits));
  }
  const title = model.title ?? `${model.subject} · ${model.direction} ${roundTo(model.threshold, digits)}`;
  return {
    type: 'bar',
    data: { labels: slotLabels(slots, model.granularity), datasets },
    options: options(title, true, model.granularity === 'PT15M'),
  };
}
