/**
 * A range's chart: a bar per day (or per week), the previous period's average as a dashed
 * line, a zone's capacity as another. Its alt text and table read the same model.
 */
import type { ChartConfig } from './model';
import { dashedLine } from './config';
import { chartDigits, formatPeople, roundTo } from './model';
import type { ChartTableView, RangeChartModel } from '../views/chart';

const BAR = '#4e79a7';
/** Weekends lighter, so the working week reads at a glance. */
const WEEKEND = '#a0cbe8';
const PREVIOUS = '#f28e2b';
const CAPACITY = '#59a14f';

function unitWord(model: RangeChartModel): string {
  return model.unit === 'day' ? 'Daily' : 'Weekly';
}

export function rangeChartConfig(model: RangeChartModel): ChartConfig {
  const values = model.bars.map((b) => b.value);
  const digits = chartDigits([...values, model.previousMean ?? null]);
  const datasets: ChartConfig['data']['datasets'] = [
    {
      type: 'bar',
      label: `${unitWord(model)} average`, data: values.map((v) => (v === null ? null : roundTo(v, digits))),
      backgroundColor: model.bars.some((b) => b.weekend) ? model.bars.map((b) => (b.weekend ? WEEKEND : BAR)) : BAR,
      order: 1,
    },
  ];
  if (model.previousMean !== undefined && model.previousMean !== null) {
    datasets.push(dashedLine(`Previous period ${roundTo(model.previousMean, digits)}`, model.previousMean, values.length, PREVIOUS, digits));
  }
  if (model.reference) datasets.push(dashedLine(`Capacity ${roundTo(model.reference.value, digits)}`, model.reference.value, values.length, CAPACITY, digits));
  return {
    type: 'bar',
    data: { labels: model.bars.map((b) => b.label), datasets },
    options: {
      plugins: { title: { display: true, text: `${model.subject} · ${model.periodLabel}` }, legend: datasets.length > 1 ? { position: 'bottom' } : { display: false } },
      scales: { x: { ticks: { maxRotation: 0 } }, y: { beginAtZero: true } },
    },
  };
}

export function rangeAltText(model: RangeChartModel): string {
  const head = `${unitWord(model)} average occupancy of ${model.subject}, ${model.periodLabel}`;
  const known = model.bars.filter((b) => b.value !== null);
  if (known.length === 0) return `${head}: no data`;
  let best = known[0]!;
  for (const b of known) if ((b.value ?? 0) > (best.value ?? 0)) best = b;
  const parts = [`${model.bars.length} bars, highest ${formatPeople(best.value ?? 0)} (${best.longLabel})`];
  if (model.previousMean !== undefined && model.previousMean !== null) parts.push(`previous period's average ${formatPeople(model.previousMean)} shown as a dashed line`);
  if (model.reference) parts.push(`capacity ${formatPeople(model.reference.value)} shown as a dashed line`);
  return `${head}: ${parts.join('; ')}`;
}

export function rangeTable(model: RangeChartModel): ChartTableView {
  const digits = chartDigits(model.bars.map((b) => b.value));
  return {
    title: `${unitWord(model)} average occupancy of ${model.subject}, ${model.periodLabel}`,
    rows: model.bars.map((b) => ({ label: b.longLabel, value: b.value === null ? null : roundTo(b.value, digits) })),
  };
}
