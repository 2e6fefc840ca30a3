import { addDays, expectedBucketStarts, formatLocalTime, latestCompleteDay, localDateOf, toDatePartition } from '../../src/domain/time';
import { fromDatePartition } from '../support/time';
import type { InnerSpacePort, InsightQuery } from '../../src/ports/occupancy-source';
import type { Building, Floor, Group, InsightRow, Site, Zone } from '../../src/domain/occupancy';

export interface NightlyInnerSpaceOptions {
  /** Buildings 1…n, each with one site (id × 10) and one zone (id × 100). */
  readonly buildings: number;
  readonly timeZone?: string;
  /** Capacity of each building's zone; null for "unknown". */
  readonly capacity?: number | null;
  /** The clock the nightly publish follows (a day is published at 04:00 local the next day). */
  readonly now: () => number;
}

/**
 * A hand-written, in-process InnerSpace that publishes nightly, like the real one: a day's
 * buckets appear at 04:00 local the next day, and `startFrom` is honoured. Reference answers
 * are minimal; insights are deterministic (busy from 08:00 to 18:00 local, a different peak per
 * building and day). It counts what it is asked, so the alert benchmark and tests can check
 * how many queries a check sends. (test/fakes/innerspace-port.ts is the digests' fake.)
 */
export class NightlyInnerSpace implements InnerSpacePort {
  readonly zone: string;
  readonly counts = { insightQueries: 0, referenceCalls: 0, rows: 0 };
  private readonly list: Building[];

  constructor(private readonly opts: NightlyInnerSpaceOptions) {
    this.zone = opts.timeZone ?? 'America/Toronto';
    this.list = Array.from({ length: opts.buildings }, (_, i) => ({ id: i + 1, name: `Building ${i + 1}`, timeZone: this.zone }));
  }

  /** People in a building at a bucket: a day curve scaled by a per-building, per-day factor. */
  static value(buildingId: number, start: number, zone: string): number {
    const day = localDateOf(start, zone);
    const local = Number(formatLocalTime(start, zone).slice(0, 2));
    if (local < 8 || local >= 18) return 0;
    const shape = Math.sin(((local - 8) / 10) * Math.PI);
    const factor = 0.6 + 0.4 * Math.abs(Math.sin(buildingId * 12.9898 + Number(day.replace(/-/g, '')) * 78.233));
    return Math.round(200 * shape * factor * 10) / 10;
  }

  async buildings(): Promise<Building[]> {
    this.counts.referenceCalls += 1;
    return this.list.map((b) => ({ ...b }));
  }

  async building(id: number): Promise<Building | null> {
    this.counts.referenceCalls += 1;
    const b = this.list.find((x) => x.id === id);
    return b ? { ...b } : null;
  }

  async floors(): Promise<Floor[]> {
    this.counts.referenceCalls += 1;
    return [];
  }

  async sites(buildingId: number): Promise<Site[]> {
    this.counts.referenceCalls += 1;
    if (!this.list.some((b) => b.id === buildingId)) return [];
    return [{ id: buildingId * 10, buildingId, floorId: null, code: null, timeZone: this.zone }];
  }

  async zones(filter: { ids?: readonly number[]; siteIds?: readonly number[] }): Promise<Zone[]> {
    this.counts.referenceCalls += 1;
    const all = this.list.map((b) => ({ id: b.id * 100, siteId: b.id * 10, name: `Zone of ${b.name}`, zoneType: 'desk_area', capacity: this.opts.capacity === undefined ? 250 : this.opts.capacity }));
    return all.filter((z) => (!filter.ids || filter.ids.includes(z.id)) && (!filter.siteIds || filter.siteIds.includes(z.siteId)));
  }

  async groups(): Promise<Group[]> {
    return [];
  }

  async buildingInsights(q: InsightQuery): Promise<InsightRow[]> {
    return this.insights(q, (id) => id);
  }

  async zoneInsights(q: InsightQuery): Promise<InsightRow[]> {
    return this.insights(q, (id) => id / 100);
  }

  async zoneTypeInsights(): Promise<InsightRow[]> {
    return [];
  }

  private insights(q: InsightQuery, buildingOf: (id: number) => number): InsightRow[] {
    this.counts.insightQueries += 1;
    const published = latestCompleteDay(this.zone, this.opts.now());
    const rows: InsightRow[] = [];
    for (const id of q.ids) {
      const buildingId = buildingOf(id);
      if (!this.list.some((b) => b.id === buildingId)) continue;
      for (let day = fromDatePartition(q.from); day <= fromDatePartition(q.to) && day <= published; day = addDays(day, 1)) {
        for (const start of expectedBucketStarts(day, this.zone, q.granularity === 'P1D' ? 'P1D' : 'PT1H')) {
          if (q.startFrom !== undefined && start < q.startFrom) continue;
          const value = q.granularity === 'P1D'
            ? expectedBucketStarts(day, this.zone, 'PT1H').reduce((s, t) => s + NightlyInnerSpace.value(buildingId, t, this.zone), 0) / 24
            : NightlyInnerSpace.value(buildingId, start, this.zone);
          rows.push({
            buildingId, siteId: buildingId * 10, zoneId: id === buildingId ? null : id, zoneType: null, datePartition: toDatePartition(day),
            start, startText: new Date(start).toISOString(), granularity: q.granularity, groupId: q.groupId ?? '', occupancyMean: value,
            occupancyPosMean: null, occupancyMax: null,
          });
        }
      }
    }
    this.counts.rows += rows.length;
    return rows;
  }
}
