import { SIM_DATASET, type SimBuilding, type SimDataset } from './dataset';
import { buildFrame, type DayFrame } from './frame';
import { isMissingDayNum } from './holidays';
import { Lru } from './lru';
import { buildingDayFactor, zoneQuarters } from './shapes';
import { combine, statOfRange, type Stat } from './stats';

/** Something insights are reported for: a zone, a site, or the zones of one type on a site. */
export interface Entity {
  readonly key: string;
  readonly cols: Readonly<Record<string, number | string>>;
}

export type InsightTable = 'BUILDING_INSIGHTS' | 'ZONE_INSIGHTS' | 'ZONE_TYPE_INSIGHTS';

export interface EntitySeries {
  readonly quarters: Float64Array;
  readonly hours: readonly (Stat | null)[];
  readonly day: Stat | null;
}

export interface DayData {
  readonly frame: DayFrame;
  readonly series: ReadonlyMap<string, EntitySeries>;
}

/** What week and month buckets need of a day, kept longer than the full 15-minute data. */
export interface DaySummary {
  readonly startIso: string;
  readonly missing: boolean;
  readonly stats: ReadonlyMap<string, Stat | null>;
}

export interface DayStoreOptions {
  /** Building-days kept with their full 15-minute series. */
  readonly dayCacheSize?: number;
  /** Building-days kept as daily summaries (for P1W/P1M). */
  readonly summaryCacheSize?: number;
}

/**
 * Generates building-days on demand and memoises them in bounded caches, so a month of
 * hourly queries costs one generation per building-day and years are never materialised.
 */
const round = Math.round;

export class DayStore {
  private readonly days: Lru<string, DayData | null>;
  private readonly summaries: Lru<string, DaySummary>;
  private readonly entities = new Map<string, readonly Entity[]>();

  constructor(
    private readonly dataset: SimDataset = SIM_DATASET,
    opts: DayStoreOptions = {},
  ) {
    this.days = new Lru(opts.dayCacheSize ?? 256);
    this.summaries = new Lru(opts.summaryCacheSize ?? 8_192);
    for (const b of dataset.buildings) {
      const zones = dataset.zones.filter((z) => z.buildingId === b.id);
      const sites = dataset.sites.filter((s) => s.buildingId === b.id);
      this.entities.set(`ZONE_INSIGHTS:${b.id}`, zones.map((z) => ({
        key: `z${z.id}`, cols: { ZONE_ID: z.id, SITE_ID: z.siteId, BUILDING_ID: b.id },
      })));
      this.entities.set(`BUILDING_INSIGHTS:${b.id}`, sites.map((s) => ({
        key: `s${s.id}`, cols: { BUILDING_ID: b.id, SITE_ID: s.id },
      })));
      const types: Entity[] = [];
      for (const s of sites) {
        const present = new Set(zones.filter((z) => z.siteId === s.id).map((z) => z.zoneType));
        for (const t of [...present].sort()) {
          types.push({ key: `t${s.id}:${t}`, cols: { ZONE_TYPE: t, SITE_ID: s.id, BUILDING_ID: b.id } });
        }
      }
      this.entities.set(`ZONE_TYPE_INSIGHTS:${b.id}`, types);
    }
  }

  get buildings(): readonly SimBuilding[] {
    return this.dataset.buildings;
  }

  entitiesOf(table: InsightTable, buildingId: number): readonly Entity[] {
    return this.entities.get(`${table}:${buildingId}`) ?? [];
  }

  /** Full data of a building-day; null for a day lost to an outage. */
  day(building: SimBuilding, dayNum: number): DayData | null {
    const key = `${building.id}:${dayNum}`;
    const hit = this.days.get(key);
    if (hit !== undefined) return hit;
    const made = isMissingDayNum(building.id, dayNum) ? null : this.generate(building, dayNum);
    this.days.set(key, made);
    return made;
  }

  summary(building: SimBuilding, dayNum: number): DaySummary {
    const key = `${building.id}:${dayNum}`;
    const hit = this.summaries.get(key);
    if (hit) return hit;
    const data = this.day(building, dayNum);
    const stats = new Map<string, Stat | null>();
    for (const [k, s] of data?.series ?? []) stats.set(k, s.day);
    const startIso = data ? data.frame.startIso : buildFrame(building.timeZone, dayNum).startIso;
    const made: DaySummary = { startIso, missing: data === null, stats };
    this.summaries.set(key, made);
    return made;
  }

  private generate(building: SimBuilding, dayNum: number): DayData {
    const frame = buildFrame(building.timeZone, dayNum);
    const n = frame.quarterMs.length;
    const raw = new Map<string, Float64Array>();
    const addInto = (key: string, q: Float64Array) => {
      const acc = raw.get(key);
      if (!acc) {
        raw.set(key, Float64Array.from(q));
        return;
      }
      for (let i = 0; i < n; i++) {
        const a = acc[i] ?? NaN;
        const v = q[i] ?? NaN;
        // A quarter of a sum is missing only when every contributing zone is missing.
        acc[i] = a !== a ? v : v !== v ? a : round((a + v) * 100) / 100; // x !== x: NaN
      }
    };
    const factor = buildingDayFactor(building, dayNum);
    for (const zone of this.dataset.zones) {
      if (zone.buildingId !== building.id) continue;
      const q = zoneQuarters(building, zone, frame, factor);
      raw.set(`z${zone.id}`, q);
      addInto(`s${zone.siteId}`, q);
      addInto(`t${zone.siteId}:${zone.zoneType}`, q);
    }
    const series = new Map<string, EntitySeries>();
    for (const [key, quarters] of raw) {
      const hours = frame.hourStarts.map((start, k) => statOfRange(quarters, start, frame.hourStarts[k + 1] ?? n));
      series.set(key, { quarters, hours, day: combine(hours) });
    }
    return { frame, series };
  }
}
