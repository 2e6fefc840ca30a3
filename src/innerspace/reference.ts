import type { Logger } from 'pino';
import { UpstreamBadDataError } from '../errors';
import { REFERENCE_TTL_MS, type ResultCache } from './cache';
import { assembleDirectory } from './directory';
import { parseBuildings, parseFloors, parseGroups, parseSites, parseZones, type BuildingRow, type PendingInsightRow } from './parse';
import { REFERENCE_OPERATIONS as REF, type InsightRoot, type ReferenceRoot } from './queries';
import { naiveToMillis } from './timestamps';
import { isUnknownRoot, type GraphQLTransport, type Variables } from './transport';
import type { Building, Floor, Group, InsightRow, Site, Zone } from '../domain/occupancy';

/**
 * Reference data (buildings, sites, floors, zones, groups), each list cached for an hour, and
 * the fallbacks for roots the server does not have. Every method runs inside a public call and
 * shares its deadline and logger.
 */

/** Name given to the default group when the server has no GROUP root (an assumption about the nil-UUID group). */
const DEFAULT_GROUP_NAME = 'Everyone';

export interface ReferenceDeps {
  transport: GraphQLTransport;
  cache: ResultCache;
  now: () => Date;
  groupId: string;
}

export class ReferenceData {
  private readonly unknownRoots = new Set<ReferenceRoot>();

  constructor(private readonly deps: ReferenceDeps) {}

  private readonly expiry = (): number => this.deps.now().getTime() + REFERENCE_TTL_MS;

  private cached<T extends object>(key: string, load: () => Promise<T[]>): Promise<readonly T[]> {
    return this.deps.cache.through(key, async () => freezeAll(await load()), this.expiry);
  }

  private async fetch(op: (typeof REF)[keyof typeof REF], variables: Variables, deadlineAt: number, log: Logger) {
    return this.deps.transport.run(op, variables, deadlineAt, log);
  }

  /** Buildings with a time zone each: BUILDING rows, or SITE rows when there is no BUILDING root. */
  directory(deadlineAt: number, log: Logger): Promise<readonly Building[]> {
    return this.cached('BUILDING', async () => {
      let rows: BuildingRow[] | null = null;
      if (!this.unknownRoots.has('BUILDING')) {
        try {
          rows = parseBuildings((await this.fetch(REF.buildings, {}, deadlineAt, log)).data);
        } catch (err) {
          if (!isUnknownRoot(err, 'BUILDING')) throw err;
          this.markUnknownRoot('BUILDING', log);
        }
      }
      const needSites = rows === null || rows.some((b) => b.timeZone === null);
      const sites = needSites ? await this.allSites(deadlineAt, log) : [];
      const sited = new Set(sites.filter((s) => s.timeZone).map((s) => s.buildingId));
      const needFloors = (rows ?? []).some((b) => b.timeZone === null && !sited.has(b.id));
      const floors = needFloors ? await this.allFloors(deadlineAt, log) : [];
      const dir = assembleDirectory(rows, sites, floors);
      if (dir.withoutTimeZone.length > 0) log.warn({ buildings: dir.withoutTimeZone }, 'no time zone known for some buildings; using UTC');
      return dir.buildings;
    });
  }

  sitesOf(buildingId: number, deadlineAt: number, log: Logger): Promise<readonly Site[]> {
    return this.cached(`SITE:${buildingId}`, async () =>
      parseSites((await this.fetch(REF.sites, { buildingId }, deadlineAt, log)).data).sort((a, b) => a.id - b.id),
    );
  }

  floorsOf(buildingId: number, deadlineAt: number, log: Logger): Promise<readonly Floor[]> {
    return this.cached(`FLOOR:${buildingId}`, async () =>
      parseFloors((await this.fetch(REF.floors, { buildingId }, deadlineAt, log)).data).sort((a, b) => (a.level ?? 0) - (b.level ?? 0) || a.id - b.id),
    );
  }

  allSites(deadlineAt: number, log: Logger): Promise<readonly Site[]> {
    return this.cached('SITE:*', async () => parseSites((await this.fetch(REF.allSites, {}, deadlineAt, log)).data));
  }

  allFloors(deadlineAt: number, log: Logger): Promise<readonly Floor[]> {
    return this.cached('FLOOR:*', async () => parseFloors((await this.fetch(REF.allFloors, {}, deadlineAt, log)).data));
  }

  zones(ids: number[] | null, siteIds: number[] | null, deadlineAt: number, log: Logger): Promise<readonly Zone[]> {
    const op = ids && siteIds ? REF.zonesByIdsAndSites : ids ? REF.zonesByIds : REF.zonesBySites;
    const variables: Variables = {};
    if (ids) variables.ids = ids;
    if (siteIds) variables.siteIds = siteIds;
    return this.cached(`ZONE:${JSON.stringify(variables)}`, async () => {
      const { data, degraded } = await this.fetch(op, variables, deadlineAt, log);
      return parseZones(data, degraded).sort((a, b) => a.id - b.id);
    });
  }

  /** The default group first, then by name; only the default group when the server has no GROUP root. */
  groups(deadlineAt: number, log: Logger): Promise<readonly Group[]> {
    const { groupId } = this.deps;
    return this.cached('GROUP', async () => {
      if (!this.unknownRoots.has('GROUP')) {
        try {
          const rows = parseGroups((await this.fetch(REF.groups, {}, deadlineAt, log)).data);
          return rows.sort((a, b) => Number(b.id === groupId) - Number(a.id === groupId) || a.name.localeCompare(b.name));
        } catch (err) {
          if (!isUnknownRoot(err, 'GROUP')) throw err;
          this.markUnknownRoot('GROUP', log);
        }
      }
      return [{ id: groupId, name: DEFAULT_GROUP_NAME }];
    });
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
