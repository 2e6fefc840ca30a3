/**
 * What a digest says about its buildings. One session per delivery tick: each (building, day)
 * is loaded once and each chart built once, however many channels show that building, so the
 * upstream cost follows the buildings rather than the digests.
 *
 * Each building costs one GraphQL document per tick when its publish is on time (its latest-day
 * lookup, day, week-earlier day and zone ranking travel together), plus the reference data once.
 *
 * A digest is sent on time and covers each building's latest day with data, as the data says.
 * When the publish is late (the day the clock expects has no data yet), it shows the day before
 * and says so; heading, sections and footer all name the day shown.
 */
import type { Charts } from '../../ports/charts';
import { addDays, awaitedDay, latestCompleteDay, localToday, type IsoDate } from '../../domain/time';
import { mondayOf } from '../../domain/period';
import { NotFoundError, RangeNoDataError } from '../../errors';
import type { DigestOptions as ContentOptions } from '../../domain/digest';
import type { ChartView, DigestBuildingView, DigestView, RangeReportView, WeeklyDigestBuildingView } from '../../views/index';
import type { RangeRequest } from '../range-report';
import type { Digest } from '../../domain/digest';
import type { BuildingDay, BuildingLayout, OccupancyData, ZoneRanking } from '../occupancy-data';
import { dayModel } from '../report';

const TOP_ZONES = 3;

export interface DigestContentStats {
  /** (building, day) pairs loaded from InnerSpace. */
  buildingDays: number;
  zoneRankings: number;
  chartsBuilt: number;
}

export interface DigestContentDeps {
  /** The configured default group's loaders: the layouts come from here, whatever the group. */
  readonly occupancy: OccupancyData;
  readonly charts: Charts;
  /** The `building <x> last week` answer, which a weekly digest shows per building. */
  readonly ranges: (req: RangeRequest) => Promise<RangeReportView>;
  /** A group's loaders, for a digest that reads one (its figures are that group's); the default's when absent. */
  readonly occupancyFor?: (groupId: string) => OccupancyData;
  /** A group's name for the heading; its id when absent. */
  readonly groupLabel?: (groupId: string) => Promise<string>;
}

const LAST_WEEK: RangeRequest['spec'] = { form: 'last_week' };

/** Buildings a digest named that InnerSpace no longer knows are left out, and said so here. */
export interface DigestContentResult {
  readonly view: DigestView;
  readonly missingBuildings: readonly number[];
}

export class DigestContentSource {
  readonly stats: DigestContentStats = { buildingDays: 0, zoneRankings: 0, chartsBuilt: 0 };

  constructor(private readonly deps: DigestContentDeps) {}

  /** A memo for one tick; drop it afterwards so the next tick sees newly published data. */
  session(now: number): DigestContentSession {
    return new DigestContentSession(this.deps, this.stats, now);
  }
}


export class DigestContentSession {
  private readonly layouts = new Map<number, Promise<BuildingLayout | null>>();
  private readonly latest = new Map<string, Promise<IsoDate | null>>();
  private readonly days = new Map<string, Promise<BuildingDay>>();
  private readonly rankings = new Map<string, Promise<ZoneRanking>>();
  private readonly charts = new Map<string, ChartView | null>();
  private readonly weeks = new Map<string, Promise<RangeReportView | null>>();

  constructor(
    private readonly deps: DigestContentDeps,
    private readonly stats: DigestContentStats,
    readonly now: number,
  ) {}

  async view(digest: Digest, lateMinutes: number | null): Promise<DigestContentResult> {
    if (digest.cadence === 'weekly') return this.weeklyView(digest, lateMinutes);
    const content = digest.options;
    const group = digest.groupId;
    const [loaded, groupLabel] = await Promise.all([
      Promise.all(digest.buildingIds.map((id) => this.building(id, content, group))),
      this.groupLabel(group),
    ]);
    const buildings = loaded.filter((b): b is DigestBuildingView => b !== null);
    const missingBuildings = digest.buildingIds.filter((_, i) => loaded[i] === null);
    const first = buildings[0];
    if (!first) {
      throw new NotFoundError('building', digest.buildingIds[0] ?? null, { message: `none of the buildings of digest ${digest.id} exist any more` });
    }
    return {
      view: {
        digestId: digest.id,
        date: first.date,
        dataThrough: first.stats === null ? null : first.date,
        awaitedDate: first.awaitedDate,
        buildings,
        content,
        lateMinutes,
        ...(groupLabel !== null ? { groupLabel } : {}),
      },
      missingBuildings,
    };
  }

  /**
   * Last week for each building, Monday to Sunday on its own calendar: buildings far apart in
   * zones can be in different weeks at the moment the digest goes out, and each says its own.
   */
  private async weeklyView(digest: Digest, lateMinutes: number | null): Promise<DigestContentResult> {
    const group = digest.groupId;
    const [loaded, groupLabel] = await Promise.all([
      Promise.all(digest.buildingIds.map((id) => this.weeklyBuilding(id, group))),
      this.groupLabel(group),
    ]);
    const buildings = loaded.filter((b): b is WeeklyDigestBuildingView => b !== null);
    const missingBuildings = digest.buildingIds.filter((_, i) => loaded[i] === null);
    if (buildings.length === 0) {
      throw new NotFoundError('building', digest.buildingIds[0] ?? null, { message: `none of the buildings of digest ${digest.id} exist any more` });
    }
    return {
      view: { cadence: 'weekly', digestId: digest.id, buildings, content: digest.options, lateMinutes, ...(groupLabel !== null ? { groupLabel } : {}) },
      missingBuildings,
    };
  }

  private async weeklyBuilding(id: number, group: string | null): Promise<WeeklyDigestBuildingView | null> {
    const layout = await this.layout(id);
    if (!layout) return null;
    const { name, timeZone } = layout.building;
    const monday = mondayOf(localToday(timeZone, this.now));
    const key = `${id}|${group ?? ''}`;
    let p = this.weeks.get(key);
    if (!p) {
      p = this.deps.ranges({ kind: 'building', id, spec: LAST_WEEK, words: 'last week', ...(group !== null ? { group } : {}) }).catch((err: unknown) => {
        // Nothing of the week published: the section says so rather than failing the digest.
        if (err instanceof RangeNoDataError) return null;
        throw err;
      });
      this.weeks.set(key, p);
    }
    return { id, name, timeZone, week: { from: addDays(monday, -7), to: addDays(monday, -1) }, range: await p };
  }

  private layout(id: number): Promise<BuildingLayout | null> {
    let p = this.layouts.get(id);
    if (!p) {
      p = this.deps.occupancy.layout(id).catch((err: unknown) => {
        if (err instanceof NotFoundError) return null;
        throw err;
      });
      this.layouts.set(id, p);
    }
    return p;
  }

  /** The heading's name of a digest's group: null for the default group. */
  private async groupLabel(group: string | null): Promise<string | null> {
    return group === null ? null : (this.deps.groupLabel?.(group) ?? group);
  }

  /** The loaders of a digest's group: null is the default group. */
  private data(group: string | null): OccupancyData {
    return group === null || !this.deps.occupancyFor ? this.deps.occupancy : this.deps.occupancyFor(group);
  }

  private latestDay(layout: BuildingLayout, group: string | null): Promise<IsoDate | null> {
    const id = layout.building.id;
    const key = `${group ?? ''}|${id}`;
    let p = this.latest.get(key);
    if (!p) {
      p = this.data(group).latestDay('building', id, layout.building.timeZone, this.now);
      this.latest.set(key, p);
    }
    return p;
  }

  private day(layout: BuildingLayout, date: IsoDate, group: string | null): Promise<BuildingDay> {
    const id = layout.building.id;
    const key = `${group ?? ''}|${id}|${date}`;
    let p = this.days.get(key);
    if (!p) {
      this.stats.buildingDays += 1;
      p = this.data(group).buildingDay(id, date, 'PT1H', layout);
      this.days.set(key, p);
    }
    return p;
  }

  private ranking(layout: BuildingLayout, date: IsoDate, group: string | null): Promise<ZoneRanking> {
    const key = `${group ?? ''}|${layout.building.id}|${date}`;
    let p = this.rankings.get(key);
    if (!p) {
      this.stats.zoneRankings += 1;
      p = this.data(group).zoneRanking(layout, date, 'PT1H');
      this.rankings.set(key, p);
    }
    return p;
  }

  /**
   * Starts the expected day (and its zone ranking) in this turn, memoised like any other, so
   * it joins the latest-day lookup's document. A failure is reported to whoever awaits it; a
   * day started for nothing (the publish is late) is only a wasted query.
   */
  private prefetch(layout: BuildingLayout, date: IsoDate, content: ContentOptions, group: string | null): void {
    this.day(layout, date, group).catch(ignore);
    if (content.topZones) this.ranking(layout, date, group).catch(ignore);
  }

  private chart(day: BuildingDay, group: string | null): ChartView | null {
    const b = day.layout.building;
    const key = `${group ?? ''}|${b.id}|${day.date}`;
    if (this.charts.has(key)) return this.charts.get(key) ?? null;
    this.stats.chartsBuilt += 1;
    const model = dayModel(`${b.name} (${b.id})`, day.summary, day.granularity, day.buckets, day.lastWeekBuckets, null);
    const view = this.deps.charts.day(model);
    this.charts.set(key, view);
    return view;
  }

  private async building(id: number, content: ContentOptions, group: string | null): Promise<DigestBuildingView | null> {
    const layout = await this.layout(id);
    if (!layout) return null;
    const zone = layout.building.timeZone;
    // The day the clock expects travels with the latest-day lookup: one document per building
    // unless the publish is late.
    const expected = latestCompleteDay(zone, this.now);
    this.prefetch(layout, expected, content, group);
    const date = (await this.latestDay(layout, group)) ?? expected;
    const day = await this.day(layout, date, group);
    const base = { id, name: layout.building.name, timeZone: zone, date, awaitedDate: awaitedDay(date, zone, this.now) };
    if (day.summary.bucketCount === 0) return { ...base, stats: null, topZones: [], floors: [], chart: null };
    const ranking = content.topZones ? await this.ranking(layout, date, group) : null;
    return {
      ...base,
      stats: day.summary,
      topZones: (ranking?.zones ?? []).slice(0, TOP_ZONES).map(({ zone: z, summary }) => ({
        name: z.name,
        mean: summary.mean,
        meanPctOfCapacity: summary.meanPctOfCapacity,
      })),
      floors: content.perFloor ? day.floors.map((f) => ({ name: f.name, mean: f.summary.mean })) : [],
      chart: content.chart ? this.chart(day, group) : null,
    };
  }
}

/**
 * True when no building had anything published for the day the digest is about: none has data
 * for its expected day (an older day shown while the publish is late does not count).
 */
function ignore(): void {
  // Reported by the call that awaits the same promise.
}

export function hasNoData(view: DigestView): boolean {
  if (view.cadence === 'weekly') return view.buildings.every((b) => b.range === null);
  return view.buildings.every((b) => b.stats === null || b.stats.peak === null || b.awaitedDate !== null);
}
