/** Types of bk-chart.js (QuickChart URLs back to Chart.js configs, shared with tests). */
export function parseJsLiteral(src: string): unknown;
export interface ChartFromUrl {
  config: { type: string; data: unknown; options?: unknown };
  width: number;
  height: number;
  background: string;
}
export function chartFromUrl(url: string): ChartFromUrl | null;
