/**
 * Use cases behind `/occupancy building|zone|zones|buildings`: resolve the day in the
 * building's zone, load the data, summarise, chart, and hand back view models.
 */
import type { Charts } from '../ports/charts';
import { type DayChartModel } from '../views/chart';
import {
  addDays,
  awaitedDay,
  compareDates,
  isPublished,
  latestCompleteDay,
  localToday,
  parseDateArg,
  EARLIEST_DATE,
  type IsoDate,
} from '../domain/time';
import type { DaySummary } from '../domain';
import { DateInputError, NoDataError } from '../errors';
import type { InnerSpacePort } from '../ports/occupancy-source';
import type { Granularity } from '../domain/occupancy';
import type { BuildingsView, ChartView, GroupsView, ReportView, ZonesView } from '../views/index';
import type { UserGranularity } from '../domain/occupancy';
import { ResultCache } from '../cache/result-cache';
import { OccupancyData } from './occupancy-data';
import { RangeReports, type RangeRequest } from './range-report';
import { CompareReports, type CompareRequest } from './compare';
import type { CompareView } from '../views/compare';
import { chartGroup, GroupDirectory, groupFields, groupKey, type ChosenGroup } from './groups';
import type { RangeReportView } from '../views/range';

/**
 * How long a finished answer is reused for the same question. Its key holds the day shown and
 * the latest published day (both read from the data first), so a publish starts a new answer
 * at once; this mostly lets a burst of people asking about the same building share one
 * computation.
 */
const VIEW_TTL_MS = 60_000;

/** The day an answer covers, with what the data says about publishing around it. */
export interface ResolvedDay {
  readonly date: IsoDate;
  /** The latest day with data; null when none was found lately. */
  readonly dataThrough: IsoDate | null;
  /** Answers without a date: the day the clock expected, when later than `date`. */
  readonly awaitedDate: IsoDate | null;
}

export interface ReportServiceDeps {
  readonly innerspace: InnerSpacePort;
  readonly charts: Charts;
  readonly groupId: string;
  readonly now: () => number;
}

type Kind = 'building' | 'zone' | 'zones';

/** What an answer is asked for; `group` is a group's name or id as typed or carried by a button, absent for the default. */
export interface DayRequest {
  readonly id: number;
  readonly date: string | null;
  readonly granularity: UserGranularity;
  readonly group?: string;
}

export class ReportService {
  private readonly data: OccupancyData;
  private readonly views: ResultCache;
  private readonly ranges: RangeReports;
  private readonly comparisons: CompareReports;
  private readonly byGroup = new Map<string, OccupancyData>();
  readonly groups: GroupDirectory;

  constructor(private readonly deps: ReportServiceDeps) {
    this.data = new OccupancyData(deps.innerspace, deps.groupId);
    this.byGroup.set(deps.groupId, this.data);
    this.groups = new GroupDirectory(deps.innerspace, deps.groupId);
    this.views = new ResultCache(500, () => new Date(deps.now()));
    this.ranges = new RangeReports({ ...deps, groups: this.groups, dataFor: (id) => this.dataFor(id), memo: (key, load) => this.memo(key, load) });
    this.comparisons = new CompareReports({
      ...deps,
      data: this.data,
      ranges: this.ranges,
      // A comparison reads the default group (everyone).
      groupLabel: () => this.groups.label(deps.groupId),
      resolveDay: (kind, id, asked, zone) => this.resolveDay(kind, id, asked, zone),
    });
  }

  /** `compare <x> <y> …` (src/services/compare.ts). */
  async compare(req: CompareRequest): Promise<CompareView> {
    return this.comparisons.answer(req);
  }

  /** The loaders of one group's figures; one per group asked about, so each keeps its own prefetches apart. */
  dataFor(groupId: string): OccupancyData {
    let data = this.byGroup.get(groupId);
    if (!data) {
      data = new OccupancyData(this.deps.innerspace, groupId);
      this.byGroup.set(groupId, data);
    }
    return data;
  }

  /** `building|zone <x> last week` and other ranges of days (src/services/range-report.ts). */
  async range(req: RangeRequest): Promise<RangeReportView> {
    return this.ranges.answer(req);
  }

  /** Same question, same minute: one computation, shared by concurrent and repeated askers. */
  private memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    return this.views.through(key, load, () => this.deps.now() + VIEW_TTL_MS);
  }

  get occupancy(): OccupancyData {
    return this.data;
  }

  async buildings(): Promise<BuildingsView> {
    return this.memo('buildings', () => this.loadBuildings());
  }

  async building(args: DayRequest): Promise<ReportView> {
    const choosing = this.groups.chooseAhead(args.group);
    const building = await this.data.buildingOrThrow(args.id);
    const group = await choosing;
    const data = this.dataFor(group.id);
    const asked = this.askedDay(args.date, building.timeZone);
    const likely = this.likelyDay(asked, building.timeZone);
    if (likely) data.prefetchBuildingDay(args.id, likely, args.granularity);
    const day = await this.resolveDay('building', args.id, asked, building.timeZone, data);
    return this.memo(`building|${args.id}|${dayKey(day)}|${args.granularity}|${groupKey(group)}`, () => this.loadBuilding(args, day, group));
  }

  async zone(args: DayRequest): Promise<ReportView> {
    const choosing = this.groups.chooseAhead(args.group);
    const located = await this.data.locateZone(args.id);
    const group = await choosing;
    const data = this.dataFor(group.id);
    const asked = this.askedDay(args.date, located.building.timeZone);
    const likely = this.likelyDay(asked, located.building.timeZone);
    if (likely) data.prefetchZoneDay(args.id, likely, args.granularity);
    const day = await this.resolveDay('zone', args.id, asked, located.building.timeZone, data);
    return this.memo(`zone|${args.id}|${dayKey(day)}|${args.granularity}|${groupKey(group)}`, () => this.loadZone(args, day, group));
  }

  async zones(args: { buildingId: number; date: string | null; group?: string }): Promise<ZonesView> {
    const choosing = this.groups.chooseAhead(args.group);
    const layout = await this.data.layout(args.buildingId);
    const group = await choosing;
    const data = this.dataFor(group.id);
    const zone = layout.building.timeZone;
    const asked = this.askedDay(args.date, zone);
    const likely = this.likelyDay(asked, zone);
    if (likely) data.prefetchZoneRanking(layout, likely, 'PT1H');
    // The building's own insights say how far its nightly publish has got.
    const day = await this.resolveDay('zones', args.buildingId, asked, zone, data);
    return this.memo(`zones|${args.buildingId}|${dayKey(day)}|${groupKey(group)}`, () => this.loadZones(args, day, group));
  }

  /** `/occupancy groups`: every group an answer can be asked for. */
  async groupList(): Promise<GroupsView> {
    const groups = await this.groups.list();
    return { groups: groups.map((g) => ({ id: g.id, name: g.name, isDefault: g.id === this.deps.groupId })) };
  }

  private async loadBuildings(): Promise<BuildingsView> {
    const list = await this.deps.innerspace.buildings();
    return { buildings: [...list].sort((a, b) => a.id - b.id).map((b) => ({ id: b.id, name: b.name, timeZone: b.timeZone })) };
  }

  private async loadBuilding(args: { id: number; granularity: UserGranularity }, resolved: ResolvedDay, group: ChosenGroup): Promise<ReportView> {
    const building = await this.data.buildingOrThrow(args.id);
    const zone = building.timeZone;
    const { date, dataThrough, awaitedDate } = resolved;
    const day = await this.dataFor(group.id).buildingDay(args.id, date, args.granularity);
    this.requireData(day.summary, 'building', args.id, date, dataThrough);
    const subject = `${building.name} (${building.id})${chartGroup(group)}`;
    return {
      scope: { kind: 'building', id: building.id, name: building.name },
      date,
      timeZone: zone,
      granularity: args.granularity,
      ...groupFields(group),
      dataThrough,
      awaitedDate,
      stats: day.summary,
      floors: day.floors.map((f) => ({ name: f.name, mean: f.summary.mean })),
      // A building's capacity line would flatten the bars; zones show theirs.
      chart: this.chart(dayModel(subject, day.summary, args.granularity, day.buckets, day.lastWeekBuckets, null)),
      series: day.buckets,
      ...this.navigation(resolved, zone),
    };
  }

  private async loadZone(args: { id: number; granularity: UserGranularity }, resolved: ResolvedDay, group: ChosenGroup): Promise<ReportView> {
    const located = await this.data.locateZone(args.id);
    const tz = located.building.timeZone;
    const { date, dataThrough, awaitedDate } = resolved;
    const day = await this.dataFor(group.id).zoneDay(args.id, date, args.granularity);
    this.requireData(day.summary, 'zone', args.id, date, dataThrough);
    const subject = `${day.zone.name} (${day.zone.id})${chartGroup(group)}`;
    return {
      scope: {
        kind: 'zone',
        id: day.zone.id,
        name: day.zone.name,
        zoneType: day.zone.zoneType,
        building: { id: day.building.id, name: day.building.name },
      },
      date,
      timeZone: tz,
      granularity: args.granularity,
      ...groupFields(group),
      dataThrough,
      awaitedDate,
      stats: day.summary,
      floors: [],
      chart: this.chart(dayModel(subject, day.summary, args.granularity, day.buckets, day.lastWeekBuckets, day.zone.capacity)),
      series: day.buckets,
      ...this.navigation(resolved, tz),
    };
  }

  private async loadZones(args: { buildingId: number }, resolved: ResolvedDay, group: ChosenGroup): Promise<ZonesView> {
    const layout = await this.data.layout(args.buildingId);
    const tz = layout.building.timeZone;
    const { date, dataThrough, awaitedDate } = resolved;
    const granularity: Granularity = 'PT1H';
    const ranking = await this.dataFor(group.id).zoneRanking(layout, date, granularity);
    if (ranking.zones.length === 0 && ranking.zoneTypes.length === 0) {
      throw new NoDataError('zones', args.buildingId, date, dataThrough);
    }
    return {
      building: { id: layout.building.id, name: layout.building.name },
      date,
      timeZone: tz,
      granularity,
      ...groupFields(group),
      dataThrough,
      awaitedDate,
      zones: ranking.zones.map(({ zone, summary }) => ({
        id: zone.id,
        name: zone.name,
        zoneType: zone.zoneType,
        mean: summary.mean,
        peak: summary.peak?.value ?? null,
        meanPctOfCapacity: summary.meanPctOfCapacity,
      })),
      zoneTypes: ranking.zoneTypes.map((t) => ({
        zoneType: t.zoneType,
        mean: t.summary.mean,
        meanPctOfCapacity: t.summary.meanPctOfCapacity,
        zoneCount: t.zoneCount,
      })),
      ...this.navigation(resolved, tz),
    };
  }

  /** The day a command names, read in the building's zone; null when it names none. */
  private askedDay(text: string | null, zone: string): IsoDate | null {
    if (text === null) return null;
    const parsed = parseDateArg(text, zone, this.deps.now());
    if (!parsed.ok) throw new DateInputError(parsed.reason, parsed.input);
    return parsed.date;
  }

  /**
   * The day the answer will most likely show, so its rows can travel with the latest-day
   * lookup: the day asked for, or the day the clock expects to be published. Null for a day the
   * clock says is not published yet (that answer is "not published", not rows).
   */
  private likelyDay(asked: IsoDate | null, zone: string): IsoDate | null {
    const now = this.deps.now();
    if (asked === null) return latestCompleteDay(zone, now);
    return isPublished(asked, zone, now) ? asked : null;
  }

  /**
   * The day asked for, or the latest day with data: both checked against what the data says is
   * published (one daily query, re-asked after INNERSPACE_RECHECK_MINUTES), never the clock
   * alone. The clock only says which day is awaited, for "Wed 2 Dec is not published yet".
   */
  async resolveDay(kind: Kind, id: number, asked: IsoDate | null, zone: string, data: OccupancyData = this.data): Promise<ResolvedDay> {
    const now = this.deps.now();
    const parsed = asked === null ? null : { date: asked };
    const dataThrough = await data.latestDay(kind === 'zone' ? 'zone' : 'building', id, zone, now);
    if (!parsed) {
      const date = dataThrough ?? latestCompleteDay(zone, now);
      return { date, dataThrough, awaitedDate: awaitedDay(date, zone, now) };
    }
    const after = dataThrough !== null ? compareDates(parsed.date, dataThrough) > 0 : !isPublished(parsed.date, zone, now);
    if (after) throw new NoDataError(kind, id, parsed.date, dataThrough, true, parsed.date === localToday(zone, now));
    return { date: parsed.date, dataThrough, awaitedDate: null };
  }

  private requireData(summary: DaySummary, kind: Kind, id: number, date: IsoDate, dataThrough: IsoDate | null): void {
    if (summary.bucketCount === 0) throw new NoDataError(kind, id, date, dataThrough);
  }

  /** The next-day button follows the data: it is there only up to the latest day with data. */
  private navigation(day: ResolvedDay, zone: string): { previousDate: IsoDate | null; nextDate: IsoDate | null; today: IsoDate } {
    const previous = addDays(day.date, -1);
    const next = addDays(day.date, 1);
    const published = day.dataThrough !== null ? compareDates(next, day.dataThrough) <= 0 : isPublished(next, zone, this.deps.now());
    return {
      previousDate: compareDates(previous, EARLIEST_DATE) >= 0 ? previous : null,
      nextDate: published ? next : null,
      today: localToday(zone, this.deps.now()),
    };
  }

  private chart(model: DayChartModel): ChartView | null {
    return this.deps.charts.day(model);
  }

}

function dayKey(day: ResolvedDay): string {
  return `${day.date}|${day.dataThrough ?? ''}|${day.awaitedDate ?? ''}`;
}

export function dayModel(
  subject: string,
  summary: DaySummary,
  granularity: Granularity,
  buckets: DayChartModel['buckets'],
  lastWeek: DayChartModel['buckets'],
  capacity: number | null,
): DayChartModel {
  return {
    kind: 'day',
    subject,
    date: summary.date,
    zone: summary.zone,
    granularity,
    buckets,
    lastWeek: lastWeek.length > 0 ? lastWeek : null,
    reference: capacity !== null ? { value: capacity, kind: 'capacity' } : null,
  };
}
