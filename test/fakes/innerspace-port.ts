import { DateTime } from 'luxon';
import { fromDatePartition } from '../../src/domain/time';
import type { Building, Floor, Group, InnerSpacePort, InsightQuery, InsightRow, Site, Zone } from '../../src/innerspace/types';

/**
 * An in-process InnerSpace with as many buildings as a test or benchmark needs: two floors of
 * one site each, three zones per site, an hourly weekday shape, every call counted. No cache:
 * each call is one "upstream query", so the counts show what the caller asked for.
 */
export interface FakeInnerSpaceOptions {
  /** Building count (ids 1001…) or explicit buildings. */
  readonly buildings: number | readonly Building[];
  /** Zones cycle through these. */
  readonly timeZones?: readonly string[];
  /** Delay of every call, to make concurrency visible. */
  readonly latencyMs?: number;
  /** Local dates (YYYY-MM-DD) that have no data. */
  readonly emptyDates?: readonly string[];
}

export type FakeInnerSpaceMethod = keyof InnerSpacePort;

const ZONE_TYPES = ['desk', 'meeting_room', 'cafe'] as const;
const GROUP = '00000000-0000-0000-0000-000000000000';

export class FakeInnerSpace implements InnerSpacePort {
  readonly calls: Record<FakeInnerSpaceMethod, number> = {
    buildings: 0, building: 0, floors: 0, sites: 0, zones: 0, groups: 0, buildingInsights: 0, zoneInsights: 0, zoneTypeInsights: 0,
  };
  /** Building insight queries by "building id|date", for "fetched once" checks. */
  readonly insightKeys = new Map<string, number>();
  private readonly list: Building[];
  private readonly emptyDates: ReadonlySet<string>;

  constructor(private readonly opts: FakeInnerSpaceOptions) {
    const zones = opts.timeZones ?? ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe'];
    this.list =
      typeof opts.buildings === 'number'
        ? Array.from({ length: opts.buildings }, (_, i) => ({ id: 1001 + i, name: `Building ${1001 + i}`, timeZone: zones[i % zones.length]! }))
        : [...opts.buildings];
    this.emptyDates = new Set(opts.emptyDates ?? []);
  }

  /** Every call made so far. */
  get total(): number {
    return Object.values(this.calls).reduce((a, b) => a + b, 0);
  }

  get insightQueries(): number {
    return this.calls.buildingInsights + this.calls.zoneInsights + this.calls.zoneTypeInsights;
  }

  private async tick(method: FakeInnerSpaceMethod): Promise<void> {
    this.calls[method] += 1;
    if (this.opts.latencyMs) await new Promise((r) => setTimeout(r, this.opts.latencyMs));
  }

  async buildings(): Promise<Building[]> {
    await this.tick('buildings');
    return this.list.map((b) => ({ ...b }));
  }

  async building(id: number): Promise<Building | null> {
    await this.tick('building');
    const b = this.list.find((x) => x.id === id);
    return b ? { ...b } : null;
  }

  async floors(buildingId: number): Promise<Floor[]> {
    await this.tick('floors');
    const b = this.list.find((x) => x.id === buildingId);
    if (!b) return [];
    return [1, 2].map((level) => ({ id: buildingId * 10 + level, buildingId, name: `L${level}`, level, code: `L${level}`, timeZone: b.timeZone }));
  }

  async sites(buildingId: number): Promise<Site[]> {
    await this.tick('sites');
    const b = this.list.find((x) => x.id === buildingId);
    if (!b) return [];
    return [1, 2].map((level) => ({ id: buildingId * 100 + level, buildingId, floorId: buildingId * 10 + level, code: null, timeZone: b.timeZone }));
  }

  private zonesOfSite(siteId: number): Zone[] {
    return ZONE_TYPES.map((type, i) => ({ id: siteId * 10 + i, siteId, name: `${type} ${siteId}-${i}`, zoneType: type, capacity: 20 + 10 * i }));
  }

  async zones(filter: { ids?: readonly number[]; siteIds?: readonly number[] }): Promise<Zone[]> {
    await this.tick('zones');
    const all = this.list.flatMap((b) => [1, 2].flatMap((l) => this.zonesOfSite(b.id * 100 + l)));
    return all.filter((z) => (!filter.ids || filter.ids.includes(z.id)) && (!filter.siteIds || filter.siteIds.includes(z.siteId)));
  }

  async groups(): Promise<Group[]> {
    await this.tick('groups');
    return [{ id: GROUP, name: 'Everyone' }];
  }

  async buildingInsights(q: InsightQuery): Promise<InsightRow[]> {
    await this.tick('buildingInsights');
    return q.ids.flatMap((id) => {
      const b = this.list.find((x) => x.id === id);
      if (!b) return [];
      return this.hours(b, q, true).flatMap((h) => [1, 2].map((l) => this.row(h, { buildingId: id, siteId: id * 100 + l, zoneId: null, zoneType: null }, 10 * l)));
    });
  }

  async zoneInsights(q: InsightQuery): Promise<InsightRow[]> {
    await this.tick('zoneInsights');
    return q.ids.flatMap((zoneId) => {
      const siteId = Math.floor(zoneId / 10);
      const b = this.list.find((x) => x.id === Math.floor(siteId / 100));
      if (!b) return [];
      return this.hours(b, q).map((h) => this.row(h, { buildingId: b.id, siteId, zoneId, zoneType: null }, 2 + (zoneId % 10)));
    });
  }

  async zoneTypeInsights(q: InsightQuery): Promise<InsightRow[]> {
    await this.tick('zoneTypeInsights');
    return q.ids.flatMap((id) => {
      const b = this.list.find((x) => x.id === id);
      if (!b) return [];
      return this.hours(b, q).flatMap((h) => ZONE_TYPES.map((t, i) => this.row(h, { buildingId: id, siteId: null, zoneId: null, zoneType: t }, 4 + i)));
    });
  }

  /** Hour starts of every local date in the query's range, in the building's zone. */
  private hours(b: Building, q: InsightQuery, count = false): { start: number; partition: number; hour: number; weekday: number }[] {
    const out: { start: number; partition: number; hour: number; weekday: number }[] = [];
    for (let p = q.from; p <= q.to; p = Number(DateTime.fromISO(fromDatePartition(p)).plus({ days: 1 }).toFormat('yyyyMMdd'))) {
      const date = fromDatePartition(p);
      const key = `${b.id}|${date}`;
      if (count) this.insightKeys.set(key, (this.insightKeys.get(key) ?? 0) + 1);
      if (this.emptyDates.has(date)) continue;
      const day = DateTime.fromISO(date, { zone: b.timeZone });
      for (let hour = 0; hour < 24; hour += 1) {
        const t = day.set({ hour });
        if (t.hour !== hour) continue;
        out.push({ start: t.toMillis(), partition: p, hour, weekday: t.weekday });
      }
    }
    return out;
  }

  private row(h: { start: number; partition: number; hour: number; weekday: number }, where: Pick<InsightRow, 'buildingId' | 'siteId' | 'zoneId' | 'zoneType'>, scale: number): InsightRow {
    const office = h.weekday <= 5 && h.hour >= 8 && h.hour < 18;
    const value = office ? scale * (1 + Math.sin(((h.hour - 8) / 10) * Math.PI)) : scale * 0.05;
    return {
      ...where,
      datePartition: h.partition,
      start: h.start,
      startText: new Date(h.start).toISOString(),
      granularity: 'PT1H',
      groupId: GROUP,
      occupancyMean: Math.round(value * 10) / 10,
      occupancyPosMean: null,
      occupancyMax: null,
    };
  }
}
