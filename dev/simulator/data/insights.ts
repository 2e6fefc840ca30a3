import { HISTORY_START, dayNumOfIso, mondayOf, monthEndOf, monthStartOf, partitionOfDayNum } from './calendar';
import type { SimBuilding, SimGroup } from './dataset';
import { quarterIso } from './frame';
import { combine, occupancyColumns, quarterStat, type Stat } from './stats';
import type { DayStore, Entity, InsightTable } from './store';
import { GRANULARITIES, type Granularity } from '../schema';

export type InsightRow = Readonly<Record<string, number | string>>;

export interface InsightScope {
  readonly buildings: readonly SimBuilding[];
  readonly granularities: readonly Granularity[];
  readonly groups: readonly SimGroup[];
  readonly entityFilter: (e: Entity) => boolean;
  /** Day numbers of DATE_PARTITION to serve for a building (already clamped to what is published). */
  readonly days: (b: SimBuilding) => { from: number; to: number; published: number } | null;
  /** Only rows passing this are kept (the compiled `where`). */
  readonly accept: (row: InsightRow) => boolean;
  /** Stop once this many rows are kept (paging without ordering). */
  readonly stopAfter?: number;
  /** Refuse a query that would keep more rows than this. */
  readonly maxRows: number;
  /** Refuse, before generating anything, a query that would consider more rows than this. */
  readonly maxCandidates: number;
  readonly onTooMany: () => Error;
}

export const HISTORY_START_DAY = dayNumOfIso(HISTORY_START);

class Stop extends Error {}

const BUCKETS_PER_DAY: Readonly<Record<Granularity, number>> = { PT15M: 96, PT1H: 24, P1D: 1, P1W: 1 / 7, P1M: 1 / 28 };

function candidateCount(store: DayStore, table: InsightTable, scope: InsightScope): number {
  const perDay = scope.granularities.reduce((a, g) => a + BUCKETS_PER_DAY[g], 0);
  let total = 0;
  for (const b of scope.buildings) {
    const entities = store.entitiesOf(table, b.id).filter(scope.entityFilter).length;
    const range = entities ? scope.days(b) : null;
    if (range) total += entities * scope.groups.length * perDay * (range.to - range.from + 1);
  }
  return total;
}

/**
 * Rows of one insights table in a deterministic order: building, granularity, entity, group,
 * then time ascending. Everything unpublished is skipped, including week and month buckets
 * whose last day is not yet published.
 */
export function insightRows(store: DayStore, table: InsightTable, scope: InsightScope): InsightRow[] {
  if (candidateCount(store, table, scope) > scope.maxCandidates) throw scope.onTooMany();
  const out: InsightRow[] = [];
  const keep = (row: InsightRow) => {
    if (!scope.accept(row)) return;
    out.push(row);
    if (out.length > scope.maxRows) throw scope.onTooMany();
    if (scope.stopAfter !== undefined && out.length >= scope.stopAfter) throw new Stop();
  };
  try {
    for (const b of scope.buildings) {
      const entities = store.entitiesOf(table, b.id).filter(scope.entityFilter);
      const range = entities.length ? scope.days(b) : null;
      if (!range) continue;
      for (const granularity of GRANULARITIES) {
        if (!scope.granularities.includes(granularity)) continue;
        for (const e of entities) {
          for (const g of scope.groups) {
            const base = (partition: number, start: string, s: Stat) => {
              const row: Record<string, number | string> = Object.assign({}, e.cols);
              row.DATE_PARTITION = partition;
              row.DATE_TIME_START = start;
              row.GRANULARITY = granularity;
              row.GROUP_ID = g.id;
              keep(Object.assign(row, occupancyColumns(s, g.share)));
            };
            emitBuckets(store, b, e, granularity, range, base);
          }
        }
      }
    }
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
  }
  return out;
}

function emitBuckets(
  store: DayStore,
  b: SimBuilding,
  e: Entity,
  granularity: Granularity,
  range: { from: number; to: number; published: number },
  emit: (partition: number, start: string, s: Stat) => void,
): void {
  if (granularity === 'P1W' || granularity === 'P1M') {
    const weekly = granularity === 'P1W';
    let d = weekly ? mondayOf(range.from) : monthStartOf(range.from);
    if (d < range.from) d = weekly ? d + 7 : monthEndOf(d) + 1;
    for (; d <= range.to; d = weekly ? d + 7 : monthEndOf(d) + 1) {
      const last = weekly ? d + 6 : monthEndOf(d);
      if (d < HISTORY_START_DAY || last > range.published) continue;
      const days: (Stat | null | undefined)[] = [];
      for (let x = d; x <= last; x++) days.push(store.summary(b, x).stats.get(e.key));
      const s = combine(days);
      if (s) emit(partitionOfDayNum(d), store.summary(b, d).startIso, s);
    }
    return;
  }
  for (let d = range.from; d <= range.to; d++) {
    if (granularity === 'P1D') {
      const sum = store.summary(b, d);
      const s = sum.stats.get(e.key);
      if (s) emit(partitionOfDayNum(d), sum.startIso, s);
      continue;
    }
    const day = store.day(b, d);
    const series = day?.series.get(e.key);
    if (!day || !series) continue;
    const partition = day.frame.partition;
    if (granularity === 'PT1H') {
      series.hours.forEach((s, k) => {
        if (s) emit(partition, quarterIso(day.frame, day.frame.hourStarts[k] ?? 0), s);
      });
    } else {
      series.quarters.forEach((v, i) => {
        if (!Number.isNaN(v)) emit(partition, quarterIso(day.frame, i), quarterStat(v));
      });
    }
  }
}
