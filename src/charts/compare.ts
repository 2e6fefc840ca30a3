/**
 * A comparison's chart: one line per subject over the local hours of a day, or one bar series
 * per subject over the days (weeks) of a range. Its alt text and table read the same model.
 */
import type { ChartConfig } from './model';
import { chartDigits, formatPeople, roundTo } from './model';
import type { ChartTableView, CompareChartModel } from '../views/chart';

/** Tableau 10's first six: told apart in colour and in greyscale. */
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948'] as const;

export function compareChartConfig(model: CompareChartModel): ChartConfig {
  const digits = chartDigits(model.series.flatMap((s) => s.values));
  const type = model.mode === 'day' ? 'line' : 'bar';
  const datasets: ChartConfig['data']['datasets'] = model.series.map((s, i) => {
    const color = PALETTE[i % PALETTE.length] ?? PALETTE[0];
    const data = s.values.map((v) => (v === null ? null : roundTo(v, digits)));
    return type === 'line'
      ? { type, label: s.name, data, borderColor: color, backgroundColor: color, borderWidth: 2, pointRadius: 0 }
      : { type, label: s.name, data, backgroundColor: color };
  });
  return {
    type,
    data: { labels: [...model.labels], datasets },
    options: {
      plugins: { title: { display: true, text: model.title }, legend: { position: 'bottom' } },
      scales: { x: { ticks: { maxRotation: 0 } }, y: { beginAtZero: true } },
    },
  };
}

function what(model: CompareChartModel): string {
  return model.mode === 'day' ? 'Hourly occupancy' : 'Average occupancy while occupied';
}

export function compareAltText(model: CompareChartModel): string {
  const parts = model.series.map((s) => {
    let best: { value: number; at: number } | null = null;
    s.values.forEach((v, at) => {
      if (v !== null && (best === null || v > best.value)) best = { value: v, at };
    });
    const top = best as { value: number; at: number } | null;
    return top === null ? `${s.name}: no data` : `${s.name} highest ${formatPeople(top.value)} (${model.longLabels[top.at] ?? ''})`;
  });
  const shape = model.mode === 'day' ? 'a line' : 'a bar series';
  return `${what(model)}, ${model.title}, ${shape} each: ${parts.join('; ')}`;
}

export function compareTable(model: CompareChartModel): ChartTableView {
  const digits = chartDigits(model.series.flatMap((s) => s.values));
  return {
    title: `${what(model)}, ${model.title}`,
    rows: model.series.flatMap((s) =>
      s.values.map((v, i) => ({ label: `${s.name} · ${model.longLabels[i] ?? ''}`, value: v === null ? null : roundTo(v, digits) })),
    ),
  };
}
