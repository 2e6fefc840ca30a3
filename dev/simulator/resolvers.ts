import { GraphQLError } from 'graphql';
import { partitionRange, pinnedValues } from './bounds';
import { dayNumOfPartition, publishedThroughDayNum } from './data/calendar';
import type { SimDataset } from './data/dataset';
import { HISTORY_START_DAY, insightRows, type InsightRow } from './data/insights';
import type { DayStore, InsightTable } from './data/store';
import { GRANULARITIES, TABLE_NAMES, columnsOf, type Granularity, type TableName } from './schema';
import { badRequest, checkPage, compileWhere, page, parseOrderBy, sortRows, type Row } from './where';

export interface RequestContext {
  readonly now: Date;
  readonly withoutGuessFields: boolean;
}

interface ListArgs {
  where?: unknown;
  order_by?: unknown;
  limit?: number | null;
  offset?: number | null;
}

type Resolver = (args: ListArgs, ctx: RequestContext) => Row[];

/**
 * An insights query without a lower date bound (DATE_PARTITION or DATE_TIME_START, at the top
 * level or inside _and) covers the 31 days up to its upper bound or the last published day.
 */
const DEFAULT_WINDOW_DAYS = 31;
/** A query keeping more rows than this is refused rather than generated. */
const MAX_ROWS = 200_000;
/** A query that would consider more rows than this is refused before any generation. */
const MAX_CANDIDATES = 1_500_000;

export interface RootDeps {
  readonly dataset: SimDataset;
  readonly store: DayStore;
  readonly onRootField: (name: string) => void;
  /** True when this execution of a root is to fail (the rootErrors fault). */
  readonly failRoot?: (name: string) => boolean;
}

function staticRows(dataset: SimDataset): Record<Exclude<TableName, InsightTable>, Row[]> {
  return {
    BUILDING: dataset.buildings.map((b) => ({ ID: b.id, NAME: b.name, TIME_ZONE: b.timeZone })),
    FLOOR: dataset.floors.map((f) => ({
      ID: f.id, BUILDING_ID: f.buildingId, FLOOR_CODE: f.code, LEVEL: f.level, NAME: f.name, TIME_ZONE: f.timeZone,
    })),
    SITE: dataset.sites.map((s) => ({
      ID: s.id, BUILDING_ID: s.buildingId, FLOOR_ID: s.floorId, SITE_CODE: s.code, TIME_ZONE: s.timeZone,
      LATITUDE: s.latitude, LONGITUDE: s.longitude, ALTITUDE: s.altitude,
    })),
    ZONE: dataset.zones.map((z) => ({ ID: z.id, SITE_ID: z.siteId, NAME: z.name, ZONE_TYPE: z.zoneType, CAPACITY: z.capacity })),
    GROUP: dataset.groups.map((g) => ({ ID: g.id, NAME: g.name })),
    ZONE_SET: dataset.zoneSets.map((s) => ({ ID: s.id, NAME: s.name })),
  };
}

function isInsightTable(t: TableName): t is InsightTable {
  return t === 'BUILDING_INSIGHTS' || t === 'ZONE_INSIGHTS' || t === 'ZONE_TYPE_INSIGHTS';
}

/** The root value handed to graphql-js: one function per query root. */
export function createRoot(deps: RootDeps): Record<TableName, Resolver> {
  const fixed = staticRows(deps.dataset);
  const root = {} as Record<TableName, Resolver>;
  for (const table of TABLE_NAMES) {
    root[table] = (args, ctx) => {
      deps.onRootField(table);
      if (deps.failRoot?.(table)) throw new GraphQLError('database query error', { extensions: { code: 'unexpected' } });
      const columns = columnsOf(table, ctx.withoutGuessFields);
      const accept = compileWhere(args.where, columns);
      const keys = parseOrderBy(args.order_by, columns);
      const p = checkPage(args.limit, args.offset);
      const stopAfter = keys.length === 0 && p.limit !== undefined ? p.offset + p.limit : undefined;
      const rows = isInsightTable(table)
        ? insights(deps, table, args.where, accept, ctx.now, stopAfter)
        : fixed[table].filter(accept);
      return page(sortRows(rows, keys), p);
    };
  }
  return root;
}

function insights(
  deps: RootDeps,
  table: InsightTable,
  where: unknown,
  accept: (r: Row) => boolean,
  now: Date,
  stopAfter: number | undefined,
): InsightRow[] {
  const pinnedBuildings = pinnedValues(where, 'BUILDING_ID');
  const pinnedGroups = pinnedValues(where, 'GROUP_ID');
  const pinnedGranularities = pinnedValues(where, 'GRANULARITY');
  const entityPins = ['ZONE_ID', 'SITE_ID', 'ZONE_TYPE'].map((c) => [c, pinnedValues(where, c)] as const);
  const { lo, hi } = partitionRange(where);
  if (lo === Infinity || hi === -Infinity || (lo !== undefined && hi !== undefined && lo > hi)) return [];
  const nowMs = now.getTime();
  return insightRows(deps.store, table, {
    buildings: deps.dataset.buildings.filter((b) => !pinnedBuildings || pinnedBuildings.has(b.id)),
    granularities: GRANULARITIES.filter((g: Granularity) => !pinnedGranularities || pinnedGranularities.has(g)),
    groups: deps.dataset.groups.filter((g) => !pinnedGroups || pinnedGroups.has(g.id)),
    entityFilter: (e) => entityPins.every(([c, pins]) => !pins || !(c in e.cols) || pins.has(e.cols[c])),
    days: (b) => {
      const published = publishedThroughDayNum(b.timeZone, nowMs);
      const to = Math.min(published, hi === undefined ? Infinity : dayNumOfPartition(hi, 'floor'));
      const from = Math.max(HISTORY_START_DAY, lo === undefined ? to - (DEFAULT_WINDOW_DAYS - 1) : dayNumOfPartition(lo, 'ceil'));
      return from <= to ? { from, to, published } : null;
    },
    accept,
    stopAfter,
    maxRows: MAX_ROWS,
    maxCandidates: MAX_CANDIDATES,
    onTooMany: () =>
      badRequest(`${table} query would return too many rows (limit ${MAX_ROWS}); narrow DATE_PARTITION, GRANULARITY or the ids`),
  });
}
