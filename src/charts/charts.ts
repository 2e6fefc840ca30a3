/** The charts port over a ChartRenderer: Chart.js configurations, their URLs and alt text. */
import type { Charts } from '../ports/charts';
import type { AlertChartModel, ChartModel, ChartView, DayChartModel } from '../views/chart';
import { alertChartConfig, dayChartConfig } from './config';
import type { ChartConfig } from './model';
import { firstFittingUrl, type ChartRenderer } from './quickchart';
import { chartAltText } from './text';

export function createCharts(renderer: ChartRenderer): Charts {
  const view = (model: ChartModel, candidates: readonly ChartConfig[]): ChartView | null => {
    const fit = firstFittingUrl(renderer, candidates);
    return fit ? { url: fit.url, altText: chartAltText(model) } : null;
  };
  return {
    // The full-resolution day first, then its hourly version: a shorter URL for the same day.
    day: (model: DayChartModel) => view(model, [dayChartConfig(model), dayChartConfig(model, { hourly: true })]),
    alert: (model: AlertChartModel) => view(model, [alertChartConfig(model)]),
  };
}
