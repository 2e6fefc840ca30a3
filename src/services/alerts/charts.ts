/**
 * The small chart of an episode: the buckets around it, the episode's bars in red, the
 * threshold and recovery levels dashed.
 */
import { alertChartConfig, chartAltText, firstFittingUrl, type AlertChartModel, type ChartRenderer } from '../../charts';
import type { ChartView } from '../../slack/blocks/view-models';
import type { Subscription } from '../../storage';
import type { Episode, Reading } from './machine';
import type { ScopeInfo } from './scopes';

/** Buckets shown either side of an episode. */
const CONTEXT_BUCKETS = { PT1H: 6, P1D: 7 } as const;

export function episodeChart(
  charts: ChartRenderer,
  sub: Subscription,
  scope: ScopeInfo,
  readings: readonly Reading[],
  episode: Episode,
  recoveredAt: number | null,
): ChartView | null {
  const end = recoveredAt ?? episode.breachEnd;
  const pad = CONTEXT_BUCKETS[sub.granularity];
  const first = readings.findIndex((r) => r.end > episode.start);
  const last = readings.findIndex((r) => r.start >= end);
  const from = Math.max(0, (first < 0 ? readings.length : first) - pad);
  const to = Math.min(readings.length, (last < 0 ? readings.length : last + 1) + pad);
  const shown = readings.slice(from, to);
  if (shown.length === 0) return null;
  const model: AlertChartModel = {
    kind: 'alert',
    subject: `${scope.name} (${scope.id})`,
    zone: scope.timeZone,
    granularity: sub.granularity,
    buckets: shown.map((r) => ({ start: r.start, value: r.value })),
    direction: sub.direction,
    threshold: sub.threshold,
    recovery: sub.recovery,
    episode: { start: episode.start, end: recoveredAt },
    ...(sub.measure === 'percent' ? { title: `${scope.name} (${scope.id}) · % of capacity · ${sub.direction} ${sub.threshold}%` } : {}),
  };
  const fit = firstFittingUrl(charts, [alertChartConfig(model)]);
  return fit ? { url: fit.url, altText: chartAltText(model) } : null;
}
