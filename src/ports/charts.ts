/**
 * The charts port: a chart model in, an image Slack can show (URL, alt text, and the text table
 * for when it can't) out. The adapter in src/charts picks the form that fits (e.g. hourly
 * buckets when the 15-minute chart's URL is too long); null means no image fits and the text
 * table stands instead.
 */
import type { AlertChartModel, ChartView, CompareChartModel, DayChartModel, RangeChartModel } from '../views/chart';

export interface Charts {
  day(model: DayChartModel): ChartView | null;
  alert(model: AlertChartModel): ChartView | null;
  range(model: RangeChartModel): ChartView | null;
  compare(model: CompareChartModel): ChartView | null;
  /**
   * The chart as PNG bytes, drawn by the chart server at the bot's request (for uploading when
   * Slack can't reach that server). Rejects with an upstream error when the server fails.
   */
  png(chart: ChartView): Promise<Buffer>;
}
