/** The charts port over a ChartRenderer: Chart.js configurations, their URLs, PNGs, alt text and tables. */
import type { Charts } from '../ports/charts';
import type { AlertChartModel, ChartModel, ChartView, CompareChartModel, DayChartModel, RangeChartModel } from '../views/chart';
import { compareChartConfig } from './compare';
import { alertChartConfig, dayChartConfig } from './config';
import { rangeChartConfig } from './range';
import type { ChartConfig } from './model';
import { firstFittingUrl, type ChartRenderer } from './quickchart';
import { chartAltText, chartTable } from './text';

/**
 * The configs that draw a model, best first: the full-resolution day, then its hourly version
 * (a shorter URL); an alert's episodes with all their context, then with less (a message of
 * several episodes spans many buckets).
 */
function candidates(model: ChartModel): ChartConfig[] {
  if (model.kind === 'range') return [rangeChartConfig(model)];
  if (model.kind === 'compare') return [compareChartConfig(model)];
  if (model.kind === 'day') return [dayChartConfig(model), dayChartConfig(model, { hourly: true })];
  return [alertChartConfig(model), alertChartConfig(model, { context: 2 }), alertChartConfig(model, { context: 0 })];
}

export function createCharts(renderer: ChartRenderer): Charts {
  const view = (model: ChartModel): ChartView | null => {
    const fit = firstFittingUrl(renderer, candidates(model));
    return fit ? { url: fit.url, altText: chartAltText(model), model, table: chartTable(model) } : null;
  };
  return {
    day: (model: DayChartModel) => view(model),
    alert: (model: AlertChartModel) => view(model),
    range: (model: RangeChartModel) => view(model),
    compare: (model: CompareChartModel) => view(model),
    // A PNG has no URL limit: always the full-resolution chart.
    png: (chart: ChartView) => renderer.png(candidates(chart.model)[0]!),
  };
}
