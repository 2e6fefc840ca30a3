/**
 * Loads what a summary of one building or zone day needs from InnerSpace, and turns it into
 * domain summaries. Shared by answers, digests and alert backtests so each asks InnerSpace the
 * same questions (and so hits the same cache entries).
 *
 * The InnerSpace client sends everything asked for in one turn as one GraphQL document, so the
 * `prefetch…` methods start a day's queries alongside the latest-day lookup that decides which
 * day is shown: with the day known (or rightly guessed) an answer costs one round trip.
 */
import { summarizeRowsBy, summarizeDay, bucketsFromRows, topBy, type Bucket, type DaySummary } from '../domain';
import { latestDaySearch, parseDatePartition, sameWeekdayWeekEarlier, toDatePartition, type IsoDate } from '../domain/time';
import { NotFoundError } from '../errors';
import type { InnerSpacePort } from '../ports/occupancy-source';
import type { Building, Floor, Granularity, InsightRow, Site, Zone } from '../domain/occupancy';

export interface BuildingLayout {
  readonly building: Building;
  readonly sites: readonly Site[];
  readonly floors: readonly Floor[];
  readonly zones: readonly Zone[];
  /** Sum of the zones' capacities; null when no zone has one. */
  readonly capacity: number | null;
}

export interface BuildingDay {
  readonly layout: BuildingLayout;
  readonly date: IsoDate;
  readonly granularity: Granularity;
  readonly buckets: readonly Bucket[];
  readonly lastWeekBuckets: readonly Bucket[];
  readonly summary: DaySummary;
  readonly floors: readonly { readonly name: string; readonly summary: DaySummary }[];
}

export interface ZoneRanking {
  readonly zones: readonly { readonly zone: Zone; readonly summary: DaySummary }[];
  readonly zoneTypes: readonly { readonly zoneType: string; readonly zoneCount: number; readonly summary: DaySummary }[];
}

export function capacityOf(zones: readonly Zone[]): number | null {
  const known = zones.filter((z) => z.capacity !== null && z.capacity > 0);
  return known.length === 0 ? null : known.reduce((sum, z) => sum + (z.capacity ?? 0), 0);
}

export class OccupancyData {
  constructor(
    private readonly innerspace: InnerSpacePort,
    private readonly groupId: string,
  ) {}

  async buildingOrThrow(id: number): Promise<Building> {
    const building = await this.innerspace.building(id);
    if (!building) throw new NotFoundError('building', id);
    return building;
  }

  async layout(buildingId: number): Promise<BuildingLayout> {
    const building = await this.buildingOrThrow(buildingId);
    const [sites, floors] = await Promise.all([this.innerspace.sites(buildingId), this.innerspace.floors(buildingId)]);
    const zones = sites.length > 0 ? await this.innerspace.zones({ siteIds: sites.map((s) => s.id) }) : [];
    return { building, sites, floors, zones, capacity: capacityOf(zones) };
  }

  /**
   * The latest day with data of a building or zone in the last two weeks, from one daily query
   * (which the client re-asks after INNERSPACE_RECHECK_MINUTES); null when none has any.
   */
  async latestDay(kind: 'building' | 'zone', id: number, zone: string, now: number): Promise<IsoDate | null> {
    const days = latestDaySearch(zone, now);
    const q = { ids: [id], from: toDatePartition(days.from), to: toDatePartition(days.to), granularity: 'P1D' as const, groupId: this.groupId };
    const rows = kind === 'building' ? await this.innerspace.buildingInsights(q) : await this.innerspace.zoneInsights(q);
    const latest = rows.reduce((max, r) => Math.max(max, r.datePartition), -Infinity);
    return latest === -Infinity ? null : parseDatePartition(latest);
  }

  /**
   * Starts loading a building day (and the same weekday a week earlier) without waiting: the
   * queries join this turn's document, and `buildingDay` for the same day finds them cached or
   * under way. Failures are left to that later call to report.
   */
  prefetchBuildingDay(buildingId: number, date: IsoDate, granularity: Granularity): void {
    for (const d of [date, sameWeekdayWeekEarlier(date)]) this.buildingRows(buildingId, d, granularity).catch(ignore);
  }

  /** As prefetchBuildingDay, for a zone. */
  prefetchZoneDay(zoneId: number, date: IsoDate, granularity: Granularity): void {
    for (const d of [date, sameWeekdayWeekEarlier(date)]) this.zoneRows(zoneId, d, granularity).catch(ignore);
  }

  /** As prefetchBuildingDay, for the zone ranking of a building day. */
  prefetchZoneRanking(layout: BuildingLayout, date: IsoDate, granularity: Granularity = 'PT1H'): void {
    this.rankingRows(layout, date, granularity).catch(ignore);
  }

  /** Rows of one local day of a building, one query per day so days are cached independently. */
  private buildingRows(buildingId: number, date: IsoDate, granularity: Granularity): Promise<InsightRow[]> {
    const p = toDatePartition(date);
    return this.innerspace.buildingInsights({ ids: [buildingId], from: p, to: p, granularity, groupId: this.groupId });
  }

  /** A day and the same weekday a week earlier, fetched together and summarised. */
  private async dayWithLastWeek(
    rowsOf: (date: IsoDate) => Promise<InsightRow[]>,
    day: { granularity: Granularity; zone: string; date: IsoDate; capacity: number | null },
  ): Promise<{ rows: InsightRow[]; buckets: Bucket[]; lastWeekBuckets: Bucket[]; summary: DaySummary }> {
    const [rows, lastWeekRows] = await Promise.all([rowsOf(day.date), rowsOf(sameWeekdayWeekEarlier(day.date))]);
    const buckets = bucketsFromRows(rows);
    const lastWeekBuckets = bucketsFromRows(lastWeekRows);
    const summary = summarizeDay({ ...day, buckets, lastWeek: lastWeekRows.length > 0 ? lastWeekBuckets : null });
    return { rows, buckets, lastWeekBuckets, summary };
  }

  /** `layout`: pass one already loaded to skip asking for it again. */
  async buildingDay(buildingId: number, date: IsoDate, granularity: Granularity, known?: BuildingLayout): Promise<BuildingDay> {
    const layout = known ?? (await this.layout(buildingId));
    const zone = layout.building.timeZone;
    const { rows, buckets, lastWeekBuckets, summary } = await this.dayWithLastWeek(
      (d) => this.buildingRows(buildingId, d, granularity),
      { granularity, zone, date, capacity: layout.capacity },
    );
    const floorOfSite = new Map(layout.sites.map((s) => [s.id, s.floorId]));
    const floorName = new Map(layout.floors.map((f) => [f.id, f.name]));
    const byFloor = summarizeRowsBy(rows, (r) => (r.siteId === null ? null : floorOfSite.get(r.siteId) ?? null), {
      granularity,
      zone,
      date,
    });
    const floors = layout.floors.length > 1
      ? byFloor
          .map((b) => ({ name: floorName.get(b.key) ?? `Floor ${b.key}`, level: layout.floors.find((f) => f.id === b.key)?.level ?? 0, summary: b.summary }))
          .sort((a, b) => (a.level ?? 0) - (b.level ?? 0))
          .map(({ name, summary: s }) => ({ name, summary: s }))
      : [];
    return { layout, date, granularity, buckets, lastWeekBuckets, summary, floors };
  }

  /** A zone with its building: the zone's site says which building (and time zone) it is in. */
  async locateZone(zoneId: number): Promise<{ zone: Zone; building: Building; site: Site | null }> {
    const [zone] = await this.innerspace.zones({ ids: [zoneId] });
    if (!zone) throw new NotFoundError('zone', zoneId);
    for (const building of await this.innerspace.buildings()) {
      const site = (await this.innerspace.sites(building.id)).find((s) => s.id === zone.siteId);
      if (site) return { zone, building: site.timeZone ? { ...building, timeZone: building.timeZone || site.timeZone } : building, site };
    }
    throw new NotFoundError('zone', zoneId, { message: `zone ${zoneId} has no known building` });
  }

  async zoneDay(zoneId: number, date: IsoDate, granularity: Granularity) {
    const located = await this.locateZone(zoneId);
    const zone = located.building.timeZone;
    const { buckets, lastWeekBuckets, summary } = await this.dayWithLastWeek(
      (d) => this.zoneRows(zoneId, d, granularity),
      { granularity, zone, date, capacity: located.zone.capacity },
    );
    return { ...located, date, granularity, buckets, lastWeekBuckets, summary };
  }

  private zoneRows(zoneId: number, date: IsoDate, granularity: Granularity): Promise<InsightRow[]> {
    const p = toDatePartition(date);
    return this.innerspace.zoneInsights({ ids: [zoneId], from: p, to: p, granularity, groupId: this.groupId });
  }

  /** A building day's rows per zone and per zone type, asked for together. */
  private rankingRows(layout: BuildingLayout, date: IsoDate, granularity: Granularity): Promise<[InsightRow[], InsightRow[]]> {
    const p = toDatePartition(date);
    const zoneIds = layout.zones.map((z) => z.id);
    return Promise.all([
      zoneIds.length > 0
        ? this.innerspace.zoneInsights({ ids: zoneIds, from: p, to: p, granularity, groupId: this.groupId })
        : Promise.resolve([] as InsightRow[]),
      this.innerspace.zoneTypeInsights({ ids: [layout.building.id], from: p, to: p, granularity, groupId: this.groupId }),
    ]);
  }

  /** Every zone of a building for a day, busiest first, and the day by zone type. */
  async zoneRanking(layout: BuildingLayout, date: IsoDate, granularity: Granularity = 'PT1H'): Promise<ZoneRanking> {
    const zone = layout.building.timeZone;
    const zoneIds = layout.zones.map((z) => z.id);
    const [zoneRows, typeRows] = await this.rankingRows(layout, date, granularity);
    const byId = new Map(layout.zones.map((z) => [z.id, z]));
    const zones = topBy(
      summarizeRowsBy(zoneRows, (r) => r.zoneId, { granularity, zone, date, capacityOf: (id) => byId.get(id)?.capacity ?? null }),
      zoneIds.length,
    ).flatMap((b) => {
      const z = byId.get(b.key);
      return z ? [{ zone: z, summary: b.summary }] : [];
    });
    const typeCapacity = (type: string) => capacityOf(layout.zones.filter((z) => z.zoneType === type));
    const zoneTypes = topBy(summarizeRowsBy(typeRows, (r) => r.zoneType, { granularity, zone, date, capacityOf: typeCapacity }), 100).map(
      (b) => ({ zoneType: b.key, zoneCount: layout.zones.filter((z) => z.zoneType === b.key).length, summary: b.summary }),
    );
    return { zones, zoneTypes };
  }
}


function ignore(): void {
  // A prefetch's failure is reported by the call that needs the rows.
}
