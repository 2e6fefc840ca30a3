/**
 * The small chart of a message's episodes: the buckets from before the first to after the
 * last, coloured by where each stands, every episode shaded, the threshold and recovery levels
 * dashed. The buckets travel with the notification (it may wait for quiet hours to end), and
 * the chart is drawn when the message is.
 */
import type { Charts } from '../../ports/charts';
import type { AlertChartModel, ChartView } from '../../views/chart';
import type { AlertGranularity, Subscription } from '../../domain/subscription';
import type { Reading } from './machine';
import type { ChartSpan } from './outbox';
import type { ScopeInfo } from './scopes';
import { MAX_WINDOW_BUCKETS, type OutboxItem } from './stored';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Buckets shown either side of the episodes. */
const CONTEXT_BUCKETS: Readonly<Record<AlertGranularity, number>> = { PT1H: 6, P1D: 7 };

/** How far before an episode its chart reaches: the context buckets, and a day more for DST and partial days. */
export function contextBeforeMs(granularity: AlertGranularity): number {
  return (CONTEXT_BUCKETS[granularity] + 1) * (granularity === 'PT1H' ? HOUR_MS : DAY_MS) + DAY_MS;
}

/** The readings around the span, flattened (start, value, …) with values to one decimal. */
export function episodeWindow(granularity: AlertGranularity, all: readonly Reading[], span: ChartSpan): number[] {
  // A bucket a relative rule could not judge has no value in the rule's measure to draw.
  const readings = all.filter((r) => !r.unjudged);
  const pad = CONTEXT_BUCKETS[granularity];
  const first = readings.findIndex((r) => r.end > span.start);
  const last = readings.findIndex((r) => r.start >= span.end);
  const from = Math.max(0, (first < 0 ? readings.length : first) - pad);
  const to = Math.min(readings.length, (last < 0 ? readings.length : last + 1) + pad);
  // The newest buckets matter most: a span too long for the outbox keeps its end.
  return readings.slice(Math.max(from, to - MAX_WINDOW_BUCKETS), to).flatMap((r) => [r.start, Math.round(r.value * 10) / 10]);
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
    episodes: [
      ...(item.earlier ?? []).map((e) => ({ start: e.start, breachEnd: e.breachEnd, recoveredAt: e.recoveredAt })),
      { start: item.episodeStart, breachEnd: item.breachEnd, recoveredAt: item.recoveredAt },
    ],
    ...(sub.thresholdKind === 'relative'
      ? { title: `${scope.name} (${scope.id}) · % of usual · ${sub.direction} ${sub.threshold}%`, unit: 'usual' as const }
      : sub.measure === 'percent'
        ? { title: `${scope.name} (${scope.id}) · % of capacity · ${sub.direction} ${sub.threshold}%` }
        : {}),
  };
  return charts.alert(model);
}
