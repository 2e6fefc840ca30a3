/**
 * Per-floor, per-zone and per-zone-type breakdowns: rows are grouped by a caller-supplied key
 * (a floor id via the site→floor map, a zone id, a zone type), rows of one group that share
 * a bucket start are summed, and each group is summarised like a day.
 */
import type { Granularity, InsightRow } from './occupancy';
import { type DaySummary, bucketsFromRows, summarizeDay } from './summary';
import type { IsoDate } from './time';

export interface BreakdownContext<K> {
  readonly granularity: Granularity;
  readonly zone: string;
  readonly date: IsoDate;
  /** Rows of the same weekday a week earlier, grouped with the same key function. */
  readonly lastWeekRows?: readonly InsightRow[];
  /** Capacity of a group (e.g. the sum of its zones' capacities); null when unknown. */
  readonly capacityOf?: (key: K) => number | null | undefined;
}

export interface Breakdown<K> {
  readonly key: K;
  readonly summary: DaySummary;
}

/** Rows grouped by key, in order of first appearance; rows whose key is null are left out. */
export function groupRows<K>(rows: readonly InsightRow[], keyOf: (row: InsightRow) => K | null | undefined): Map<K, InsightRow[]> {
  const groups = new Map<K, InsightRow[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === null || key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** One summary per key, in order of the key's first appearance in `rows`. */
export function summarizeRowsBy<K>(
  rows: readonly InsightRow[],
  keyOf: (row: InsightRow) => K | null | undefined,
  context: BreakdownContext<K>,
): Breakdown<K>[] {
  const lastWeek = context.lastWeekRows ? groupRows(context.lastWeekRows, keyOf) : new Map<K, InsightRow[]>();
  return [...groupRows(rows, keyOf)].map(([key, group]) => ({
    key,
    summary: summarizeDay({
      buckets: bucketsFromRows(group),
      granularity: context.granularity,
      zone: context.zone,
      date: context.date,
      capacity: context.capacityOf?.(key) ?? null,
      lastWeek: context.lastWeekRows ? bucketsFromRows(lastWeek.get(key) ?? []) : null,
    }),
  }));
}

export type RankBy = 'mean' | 'meanPctOfCapacity' | 'peak';

function metric(summary: DaySummary, by: RankBy): number | null {
  if (by === 'mean') return summary.mean;
  if (by === 'meanPctOfCapacity') return summary.meanPctOfCapacity;
  return summary.peak?.value ?? null;
}

/**
 * The `n` busiest groups, highest first; groups without the metric (no data, or no capacity
 * when ranking by % of capacity) are left out. Ties keep input order.
 */
export function topBy<K>(items: readonly Breakdown<K>[], n: number, by: RankBy = 'mean'): Breakdown<K>[] {
  return items
    .map((item, index) => ({ item, index, value: metric(item.summary, by) }))
    .filter((x): x is { item: Breakdown<K>; index: number; value: number } => x.value !== null)
    .sort((a, b) => b.value - a.value || a.index - b.index)
    .slice(0, Math.max(0, n))
    .map((x) => x.item);
}
