import { DateTime } from 'luxon';
import { fromDatePartition } from '../support/time';
import type { InnerSpacePort, InsightQuery } from '../../src/ports/occupancy-source';
import type { Building, Floor, Group, InsightRow, Site, Zone } from '../../src/domain/occupancy';
import { UpstreamUnavailableError } from '../../src/errors';

/**
 * An in-process InnerSpace with buildings spread over several time zones, as many as a test or
 * benchmark needs: two floors of one site each, three zones per site, an hourly weekday shape,
 * every call counted. No cache: each call is one "upstream query", so the counts show exactly
 * what the caller asked for.
 */
export interface ZonedInnerSpaceOptions {
  /** Building count (ids 1001…, zones cycling through `timeZones`) or explicit buildings. */
  readonly buildings: number | readonly Building[];
  readonly timeZones?: readonly string[];
  /** Delay of every call, to make concurrency visible. */
  readonly latencyMs?: number;
  /** Local dates (YYYY-MM-DD) that have no data. */
  readonly emptyDates?: readonly string[];
}

export type ZonedInnerSpaceMethod = keyof InnerSpacePort;

const ZONE_TYPES = ['desk', 'meeting_room', 'cafe'] as const;
const GROUP = '00000000-0000-0000-0000-000000000000';

type Hour = { start: number; partition: number; hour: number; weekday: number };

export class ZonedInnerSpace implements InnerSpacePort {
  readonly calls: Record<ZonedInnerSpaceMethod, number> = {
    buildings: 0, building: 0, floors: 0, sites: 0, zones: 0, groups: 0, buildingInsights: 0, zoneInsights: 0, zoneTypeInsights: 0,
  };
  /** One-day building insight queries by "building id|date", for "fetched once" checks. */
  readonly insightKeys = new Map<string, number>();
  /** While true, every call fails as the real adapter does when InnerSpace does not answer. */
  down = false;
  private readonly list: Building[];
  private readonly emptyDates: ReadonlySet<string>;

  constructor(private readonly opts: ZonedInnerSpaceOptions) {
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

  private async count(method: ZonedInnerSpaceMethod): Promise<void> {
    this.calls[method] += 1;
    if (this.down) throw new UpstreamUnavailableError(`InnerSpace did not answer (${method})`, { upstream: 'innerspace', operation: method, reason: 'ECONNREFUSED' });
    if (this.opts.latencyMs) await new Promise((r) => setTimeout(r, this.opts.latencyMs));
  }

  async buildings(): Promise<Building[]> {
    await this.count('buildings');
    return this.list.map((b) => ({ ...b }));
  }

  async building(id: number): Promise<Building | null> {
    await this.count('building');
    const b = this.list.find((x) => x.id === id);
    return b ? { ...b } : null;
  }

  async floors(buildingId: number): Promise<Floor[]> {
    await this.count('floors');
    const b = this.list.find((x) => x.id === buildingId);
    if (!b) return [];
    return [1, 2].map((level) => ({ id: buildingId * 10 + level, buildingId, name: `L${level}`, level, code: `L${level}`, timeZone: b.timeZone }));
  }

  async sites(buildingId: number): Promise<Site[]> {
    await this.count('sites');
    const b = this.list.find((x) => x.id === buildingId);
    if (!b) return [];
    return [1, 2].map((level) => ({ id: buildingId * 100 + level, buildingId, floorId: buildingId * 10 + level, code: null, timeZone: b.timeZone }));
  }

  private zonesOfSite(siteId: number): Zone[] {
    return ZONE_TYPES.map((type, i) => ({ id: siteId * 10 + i, siteId, name: `${type} ${siteId}-${i}`, zoneType: type, capacity: 20 + 10 * i }));
  }

  async zones(filter: { ids?: readonly number[]; siteIds?: readonly number[] }): Promise<Zone[]> {
    await this.count('zones');
    const all = this.list.flatMap((b) => [1, 2].flatMap((l) => this.zonesOfSite(b.id * 100 + l)));
    return all.filter((z) => (!filter.ids || filter.ids.includes(z.id)) && (!filter.siteIds || filter.siteIds.includes(z.siteId)));
  }

  async groups(): Promise<Group[]> {
    await this.count('groups');
    return [{ id: GROUP, name: 'Everyone' }];
  }

  async buildingInsights(q: InsightQuery): Promise<InsightRow[]> {
    await this.count('buildingInsights');
    return q.ids.flatMap((id) => {
      const b = this.list.find((x) => x.id === id);
      if (!b) return [];
      return this.hours(b, q, true).flatMap((h) => [1, 2].map((l) => this.row(h, { buildingId: id, siteId: id * 100 + l, zoneId: null, zoneType: null }, 10 * l)));
    });
  }

  async zoneInsights(q: InsightQuery): Promise<InsightRow[]> {
    await this.count('zoneInsights');
    return q.ids.flatMap((zoneId) => {
      const siteId = Math.floor(zoneId / 10);
      const b = this.list.find((x) => x.id === Math.floor(siteId / 100));
      if (!b) return [];
      return this.hours(b, q).map((h) => this.row(h, { buildingId: b.id, siteId, zoneId, zoneType: null }, 2 + (zoneId % 10)));
    });
  }

  async zoneTypeInsights(q: InsightQuery): Promise<InsightRow[]> {
    await this.count('zoneTypeInsights');
    return q.ids.flatMap((id) => {
      const b = this.list.find((x) => x.id === id);
      if (!b) return [];
      return this.hours(b, q).flatMap((h) => ZONE_TYPES.map((t, i) => this.row(h, { buildingId: id, siteId: null, zoneId: null, zoneType: t }, 4 + i)));
    });
  }

  /** Hour starts of every local date in the query's range, in the building's zone. */
  private hours(b: Building, q: InsightQuery, countKeys = false): Hour[] {
    const out: Hour[] = [];
    for (let p = q.from; p <= q.to; p = Number(DateTime.fromISO(fromDatePartition(p)).plus({ days: 1 }).toFormat('yyyyMMdd'))) {
      const date = fromDatePartition(p);
      const key = `${b.id}|${date}`;
      if (countKeys && q.from === q.to) this.insightKeys.set(key, (this.insightKeys.get(key) ?? 0) + 1);
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

  private row(h: Hour, where: Pick<InsightRow, 'buildingId' | 'siteId' | 'zoneId' | 'zoneType'>, scale: number): InsightRow {
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
