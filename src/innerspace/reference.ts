import type { Logger } from 'pino';
import { UpstreamBadDataError } from '../errors';
import type { DocumentBatcher } from './batch';
import { REFERENCE_TTL_MS, type ResultCache } from './cache';
import { assembleDirectory } from './directory';
import { parseBuildings, parseFloors, parseGroups, parseSites, parseZones, type BuildingRow, type PendingInsightRow } from './parse';
import { REFERENCE_OPERATIONS as REF, type InsightRoot, type Operation, type ReferenceRoot } from './queries';
import { naiveToMillis } from './timestamps';
import { isUnknownRoot } from './transport';
import type { Building, Floor, Group, InsightRow, Site, Zone } from '../domain/occupancy';

/**
 * Reference data (buildings, sites, floors, zones, groups): the whole estate, asked for in one
 * document (every root still missing is fetched together), each root cached for an hour on its
 * own so one failing root loses none of the others; and the fallbacks for roots the server does
 * not have. Per-building lists are read from the estate-wide ones. Every method runs inside a
 * public call and shares its deadline and logger.
 */

/** Name given to the default group when the server has no GROUP root (an assumption about the nil-UUID group). */
const DEFAULT_GROUP_NAME = 'Everyone';

export interface ReferenceDeps {
  batcher: DocumentBatcher;
  cache: ResultCache;
  now: () => Date;
  groupId: string;
}

const ROOT_OPERATIONS = {
  BUILDING: REF.buildings,
  SITE: REF.allSites,
  FLOOR: REF.allFloors,
  ZONE: REF.allZones,
  GROUP: REF.groups,
} as const satisfies Record<ReferenceRoot, Operation>;

/** Roots the bot can do without: buildings then come from SITE rows, groups are the default one. */
const OPTIONAL_ROOTS: ReadonlySet<ReferenceRoot> = new Set(['BUILDING', 'GROUP']);

type Loaded = {
  BUILDING: readonly BuildingRow[] | null;
  SITE: readonly Site[];
  FLOOR: readonly Floor[];
  ZONE: readonly Zone[];
  GROUP: readonly Group[] | null;
};

export class ReferenceData {
  private readonly unknownRoots = new Set<ReferenceRoot>();

  constructor(private readonly deps: ReferenceDeps) {}

  private readonly expiry = (): number => this.deps.now().getTime() + REFERENCE_TTL_MS;

  /** One root, from the cache or in the document of this turn; null when the server lacks an optional root. */
  private root<R extends ReferenceRoot>(root: R, deadlineAt: number, log: Logger): Promise<Loaded[R]> {
    return this.deps.cache.through(
      `REF:${root}`,
      async () => {
        if (this.unknownRoots.has(root)) return null as Loaded[R];
        try {
          const { data, degraded } = await this.deps.batcher.fetch({ op: ROOT_OPERATIONS[root], variables: {} }, deadlineAt, log);
          return parseRoot(root, data, degraded);
        } catch (err) {
          if (!OPTIONAL_ROOTS.has(root) || !isUnknownRoot(err, root)) throw err;
          this.markUnknownRoot(root, log);
          return null as Loaded[R];
        }
      },
      this.expiry,
    );
  }

  /**
   * Starts every reference root not cached, so all travel in one document whichever is asked
   * for first. Each root's failure reaches only those who ask for that root.
   */
  private estate(deadlineAt: number, log: Logger): void {
    for (const root of Object.keys(ROOT_OPERATIONS) as ReferenceRoot[]) {
      if (!this.deps.cache.holds(`REF:${root}`)) this.root(root, deadlineAt, log).catch(() => undefined);
    }
  }

  /** One root, with every other root not cached joining the same document. */
  private withEstate<R extends ReferenceRoot>(root: R, deadlineAt: number, log: Logger): Promise<Loaded[R]> {
    const wanted = this.root(root, deadlineAt, log);
    this.estate(deadlineAt, log);
    return wanted;
  }

  /** Buildings with a time zone each: BUILDING rows, or SITE rows when there is no BUILDING root. */
  directory(deadlineAt: number, log: Logger): Promise<readonly Building[]> {
    const dir = this.deps.cache.through(
      'DIRECTORY',
      async () => {
        const rows = await this.withEstate('BUILDING', deadlineAt, log);
        const needSites = rows === null || rows.some((b) => b.timeZone === null);
        const sites = needSites ? await this.root('SITE', deadlineAt, log) : [];
        const sited = new Set(sites.filter((s) => s.timeZone).map((s) => s.buildingId));
        const needFloors = (rows ?? []).some((b) => b.timeZone === null && !sited.has(b.id));
        const floors = needFloors ? await this.root('FLOOR', deadlineAt, log) : [];
        const dir = assembleDirectory(rows, sites, floors);
        if (dir.withoutTimeZone.length > 0) log.warn({ buildings: dir.withoutTimeZone }, 'no time zone known for some buildings; using UTC');
        return freezeAll(dir.buildings);
      },
      this.expiry,
    );
    this.estate(deadlineAt, log);
    return dir;
  }

  async sitesOf(buildingId: number, deadlineAt: number, log: Logger): Promise<readonly Site[]> {
    return (await this.allSites(deadlineAt, log)).filter((s) => s.buildingId === buildingId);
  }

  async floorsOf(buildingId: number, deadlineAt: number, log: Logger): Promise<readonly Floor[]> {
    const floors = (await this.withEstate('FLOOR', deadlineAt, log)).filter((f) => f.buildingId === buildingId);
    return floors.sort((a, b) => (a.level ?? 0) - (b.level ?? 0) || a.id - b.id);
  }

  allSites(deadlineAt: number, log: Logger): Promise<readonly Site[]> {
    return this.withEstate('SITE', deadlineAt, log);
  }

  async zones(ids: number[] | null, siteIds: number[] | null, deadlineAt: number, log: Logger): Promise<readonly Zone[]> {
    const idSet = ids ? new Set(ids) : null;
    const siteSet = siteIds ? new Set(siteIds) : null;
    return (await this.withEstate('ZONE', deadlineAt, log)).filter((z) => (!idSet || idSet.has(z.id)) && (!siteSet || siteSet.has(z.siteId)));
  }

  /** The default group first, then by name; only the default group when the server has no GROUP root. */
  async groups(deadlineAt: number, log: Logger): Promise<readonly Group[]> {
    const { groupId } = this.deps;
    const rows = await this.withEstate('GROUP', deadlineAt, log);
    if (rows === null) return [{ id: groupId, name: DEFAULT_GROUP_NAME }];
    return [...rows].sort((a, b) => Number(b.id === groupId) - Number(a.id === groupId) || a.name.localeCompare(b.name));
  }

  /** Timestamps without `Z` or offset are local to the row's site (else its building, else its zone's site). */
  async resolveNaiveStarts(root: InsightRoot, pending: PendingInsightRow[], zone: string | null, deadlineAt: number, log: Logger): Promise<void> {
    const naive = pending.filter((p) => p.naive !== null);
    if (naive.length === 0) return;
    let zoneOf: (row: InsightRow) => string | null = () => zone;
    if (zone === null) {
      const siteZone = new Map((await this.allSites(deadlineAt, log)).map((s) => [s.id, s.timeZone]));
      const buildingZone = new Map((await this.directory(deadlineAt, log)).map((b) => [b.id, b.timeZone]));
      const zoneSite = new Map<number, number>();
      const zoneIds = [...new Set(naive.map((p) => p.row.zoneId).filter((z): z is number => z !== null))].sort((a, b) => a - b);
      if (zoneIds.length > 0 && naive.some((p) => p.row.siteId === null && p.row.buildingId === null)) {
        for (const z of await this.zones(zoneIds, null, deadlineAt, log)) zoneSite.set(z.id, z.siteId);
      }
      zoneOf = (row) =>
        (row.siteId !== null ? siteZone.get(row.siteId) : null) ??
        (row.buildingId !== null ? buildingZone.get(row.buildingId) : null) ??
        (row.zoneId !== null ? siteZone.get(zoneSite.get(row.zoneId) ?? -1) : null) ??
        null;
    }
    for (const p of naive) {
      const tz = zoneOf(p.row);
      const millis = tz && p.naive ? naiveToMillis(p.naive, tz) : null;
      if (millis === null) {
        throw new UpstreamBadDataError(`InnerSpace sent a DATE_TIME_START without offset and no time zone is known (${root})`, {
          upstream: 'innerspace',
          operation: root,
          field: 'DATE_TIME_START',
          row: p.index,
          reason: 'no offset and no known time zone',
        });
      }
      p.row.start = millis;
    }
  }

  private markUnknownRoot(root: ReferenceRoot, log: Logger): void {
    if (this.unknownRoots.has(root)) return;
    this.unknownRoots.add(root);
    log.warn({ root }, `InnerSpace has no ${root} root; using the fallback from now on`);
  }
}

export function freezeAll<T extends object>(items: T[]): readonly T[] {
  for (const item of items) Object.freeze(item);
  return Object.freeze(items);
}

function parseRoot<R extends ReferenceRoot>(root: R, data: unknown, degraded: boolean): Loaded[R] {
  const parsed: { [K in ReferenceRoot]: () => Loaded[K] } = {
    BUILDING: () => freezeAll(parseBuildings(data)),
    SITE: () => freezeAll(parseSites(data).sort((a, b) => a.id - b.id)),
    FLOOR: () => freezeAll(parseFloors(data).sort((a, b) => a.id - b.id)),
    ZONE: () => freezeAll(parseZones(data, degraded).sort((a, b) => a.id - b.id)),
    GROUP: () => freezeAll(parseGroups(data)),
  };
  return parsed[root]();
}
