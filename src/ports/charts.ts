/**
 * The charts port: a chart model in, an image Slack can show (URL and alt text) out. The
 * adapter in src/charts picks the form that fits (e.g. hourly buckets when the 15-minute
 * chart's URL is too long); null means no image fits and the text table stands instead.
 */
import type { AlertChartModel, ChartView, DayChartModel } from '../views/chart';

export interface Charts {
  day(model: DayChartModel): ChartView | null;
  alert(model: AlertChartModel): ChartView | null;
}
