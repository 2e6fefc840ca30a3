/**
 * The small chart of an episode: the buckets around it, the episode's bars in red, the
 * threshold and recovery levels dashed. The buckets travel with the notification (it may wait
 * for quiet hours to end), and the chart is drawn when the message is.
 */
import type { Charts } from '../../ports/charts';
import type { AlertChartModel, ChartView } from '../../views/chart';
import type { AlertGranularity, Subscription } from '../../domain/subscription';
import type { Episode, Reading } from './machine';
import type { ScopeInfo } from './scopes';
import type { OutboxItem } from './stored';

/** Buckets shown either side of an episode. */
const CONTEXT_BUCKETS: Readonly<Record<AlertGranularity, number>> = { PT1H: 6, P1D: 7 };

/** The readings around an episode, flattened (start, value, …) with values to one decimal. */
export function episodeWindow(granularity: AlertGranularity, all: readonly Reading[], episode: Episode, recoveredAt: number | null): number[] {
  // A bucket a relative rule could not judge has no value in the rule's measure to draw.
  const readings = all.filter((r) => !r.unjudged);
  const end = recoveredAt ?? episode.breachEnd;
  const pad = CONTEXT_BUCKETS[granularity];
  const first = readings.findIndex((r) => r.end > episode.start);
  const last = readings.findIndex((r) => r.start >= end);
  const from = Math.max(0, (first < 0 ? readings.length : first) - pad);
  const to = Math.min(readings.length, (last < 0 ? readings.length : last + 1) + pad);
  return readings.slice(from, to).flatMap((r) => [r.start, Math.round(r.value * 10) / 10]);
}

export function episodeChart(charts: Charts, sub: Subscription, scope: Pick<ScopeInfo, 'name' | 'id' | 'timeZone'>, item: OutboxItem): ChartView | null {
  const buckets: { start: number; value: number }[] = [];
  for (let i = 0; i + 1 < item.window.length; i += 2) buckets.push({ start: item.window[i] ?? 0, value: item.window[i + 1] ?? 0 });
  if (buckets.length === 0) return null;
  const model: AlertChartModel = {
    kind: 'alert',
    subject: `${scope.name} (${scope.id})`,
    zone: scope.timeZone,
    granularity: sub.granularity,
    buckets,
    direction: sub.direction,
    threshold: sub.threshold,
    recovery: sub.recovery,
    episode: { start: item.episodeStart, end: item.recoveredAt },
    ...(sub.thresholdKind === 'relative'
      ? { title: `${scope.name} (${scope.id}) · % of usual · ${sub.direction} ${sub.threshold}%`, unit: 'usual' as const }
      : sub.measure === 'percent'
        ? { title: `${scope.name} (${scope.id}) · % of capacity · ${sub.direction} ${sub.threshold}%` }
        : {}),
  };
  return charts.alert(model);
}
