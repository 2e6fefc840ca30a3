import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { AppError, isAppError } from '../errors';
import { TokenProvider, type AuthMode } from './auth';
import { insightExpiry, REFERENCE_TTL_MS, ResultCache } from './cache';
import { assembleDirectory } from './directory';
import {
  compareInsightRows,
  parseBuildings,
  parseFloors,
  parseGroups,
  parseInsightRows,
  parseSites,
  parseZones,
  type BuildingRow,
  type PendingInsightRow,
} from './parse';
import { insightOperation, REFERENCE_OPERATIONS as REF, type InsightRoot, type ReferenceRoot } from './queries';
import { DEFAULT_RETRY_POLICY, sleep, type RetryPolicy } from './retry';
import { naiveToMillis } from './timestamps';
import { GraphQLTransport, isUnknownRoot, type Variables } from './transport';
import type { Building, Floor, Group, InnerSpacePort, InsightQuery, InsightRow, Site, Zone } from './types';
import { checkGroupId, checkId, checkIds, checkInsightQuery, type CheckedInsightQuery } from './validate';

export interface InnerSpaceClientOptions {
  auth: AuthMode;
  tokenUrl: string;
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  audience: string;
  /** Group used when a query names none. */
  groupId: string;
  /** Per HTTP request (token or GraphQL). */
  timeoutMs: number;
  /** Per public call, retries and re-authentication included. */
  deadlineMs: number;
  logger: Logger;
  /** Told every secret the client learns (session ids, access tokens) so logs can scrub it. */
  onSecret?: (s: string) => void;
  /** Wall clock for cache and token expiry. */
  now?: () => Date;
  fetch?: typeof fetch;
  /** Jitter source in [0, 1). */
  random?: () => number;
  cacheMaxEntries?: number;
  retry?: Partial<RetryPolicy>;
}

export interface InnerSpaceStats {
  /** GraphQL HTTP requests sent, retries included. */
  upstreamRequests: number;
  /** Token HTTP requests sent, retries included. */
  tokenRequests: number;
  cacheHits: number;
  /** Calls that joined an identical call already under way. */
  coalesced: number;
}

/** Name given to the default group when the server has no GROUP root (an assumption about the nil-UUID group). */
const DEFAULT_GROUP_NAME = 'Everyone';

/** The InnerSpace port over GraphQL: validated input, cached results, typed errors. */
export class InnerSpaceClient implements InnerSpacePort {
  private readonly log: Logger;
  private readonly now: () => Date;
  private readonly cache: ResultCache;
  private readonly transport: GraphQLTransport;
  private readonly groupId: string;
  private readonly unknownRoots = new Set<ReferenceRoot>();
  private readonly counts = { upstreamRequests: 0, tokenRequests: 0 };

  constructor(private readonly opts: InnerSpaceClientOptions) {
    this.log = opts.logger.child({ component: 'innerspace' });
    this.now = opts.now ?? (() => new Date());
    this.groupId = checkGroupId(opts.groupId);
    this.cache = new ResultCache(opts.cacheMaxEntries ?? 500, this.now);
    const onSecret = opts.onSecret ?? (() => undefined);
    onSecret(opts.clientSecret);
    const doFetch = opts.fetch ?? globalThis.fetch;
    const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...opts.retry };
    const random = opts.random ?? Math.random;
    const clock = () => performance.now();
    const retry = (deadlineAt: number, what: string, log: Logger) => ({ what, deadlineAt, timeoutMs: opts.timeoutMs, policy, random, clock, sleep, log });
    const tokens = new TokenProvider(
      { mode: opts.auth, tokenUrl: opts.tokenUrl, clientId: opts.clientId, clientSecret: opts.clientSecret, audience: opts.audience },
      {
        fetch: doFetch,
        now: this.now,
        onSecret,
        log: this.log,
        retry: (deadlineAt) => retry(deadlineAt, 'token', this.log),
        countRequest: () => void (this.counts.tokenRequests += 1),
      },
    );
    this.transport = new GraphQLTransport({
      apiUrl: opts.apiUrl,
      fetch: doFetch,
      tokens,
      retry,
      countRequest: () => void (this.counts.upstreamRequests += 1),
    });
  }

  stats(): InnerSpaceStats {
    return { ...this.counts, cacheHits: this.cache.hits, coalesced: this.cache.coalesced };
  }

  // -- reference data ---------------------------------------------------------------------------

  async buildings(): Promise<Building[]> {
    return (await this.call('buildings', (deadlineAt, log) => this.directory(deadlineAt, log))).slice();
  }

  async building(id: number): Promise<Building | null> {
    checkId(id, 'building id');
    const list = await this.call('building', (deadlineAt, log) => this.directory(deadlineAt, log));
    return list.find((b) => b.id === id) ?? null;
  }

  async floors(buildingId: number): Promise<Floor[]> {
    checkId(buildingId, 'building id');
    const rows = await this.call('floors', (deadlineAt, log) =>
      this.cache.through(`FLOOR:${buildingId}`, async () => {
        const { data } = await this.transport.run(REF.floors, { buildingId }, deadlineAt, log);
        return freezeAll(parseFloors(data).sort((a, b) => (a.level ?? 0) - (b.level ?? 0) || a.id - b.id));
      }, this.referenceExpiry),
    );
    return rows.slice();
  }

  async sites(buildingId: number): Promise<Site[]> {
    checkId(buildingId, 'building id');
    const rows = await this.call('sites', (deadlineAt, log) =>
      this.cache.through(`SITE:${buildingId}`, async () => {
        const { data } = await this.transport.run(REF.sites, { buildingId }, deadlineAt, log);
        return freezeAll(parseSites(data).sort((a, b) => a.id - b.id));
      }, this.referenceExpiry),
    );
    return rows.slice();
  }

  async zones(filter: { ids?: readonly number[]; siteIds?: readonly number[] }): Promise<Zone[]> {
    const ids = filter?.ids === undefined ? null : checkIds(filter.ids, 'zone ids');
    const siteIds = filter?.siteIds === undefined ? null : checkIds(filter.siteIds, 'site ids');
    if (ids === null && siteIds === null) throw new AppError('BAD_INPUT', 'zones need zone ids or site ids', { details: { field: 'ids' } });
    const rows = await this.call('zones', (deadlineAt, log) => this.zoneList(ids, siteIds, deadlineAt, log));
    return rows.slice();
  }

  async groups(): Promise<Group[]> {
    const rows = await this.call('groups', (deadlineAt, log) =>
      this.cache.through('GROUP', async () => {
        if (!this.unknownRoots.has('GROUP')) {
          try {
            const { data } = await this.transport.run(REF.groups, {}, deadlineAt, log);
            return freezeAll(parseGroups(data).sort((a, b) => Number(b.id === this.groupId) - Number(a.id === this.groupId) || a.name.localeCompare(b.name)));
          } catch (err) {
            if (!isUnknownRoot(err, 'GROUP')) throw err;
            this.markUnknownRoot('GROUP', log);
          }
        }
        return [Object.freeze({ id: this.groupId, name: DEFAULT_GROUP_NAME })];
      }, this.referenceExpiry),
    );
    return rows.slice();
  }

  // -- insights ---------------------------------------------------------------------------------

  buildingInsights(q: InsightQuery): Promise<InsightRow[]> {
    return this.insights('BUILDING_INSIGHTS', q);
  }

  zoneInsights(q: InsightQuery): Promise<InsightRow[]> {
    return this.insights('ZONE_INSIGHTS', q);
  }

  zoneTypeInsights(q: InsightQuery): Promise<InsightRow[]> {
    return this.insights('ZONE_TYPE_INSIGHTS', q);
  }

  private async insights(root: InsightRoot, q: InsightQuery): Promise<InsightRow[]> {
    const c = checkInsightQuery(q, this.groupId);
    if (c.zoneTypes !== null && root !== 'ZONE_TYPE_INSIGHTS') {
      throw new AppError('BAD_INPUT', 'zone types apply to zone type insights only', { details: { field: 'zoneTypes' } });
    }
    const op = insightOperation(root, { manyIds: c.ids.length > 1, sites: c.siteIds !== null, startFrom: c.startFrom !== null, zoneTypes: c.zoneTypes !== null });
    const variables = insightVariables(c);
    const key = `${op.name}:${JSON.stringify(variables)}:${c.timeZone ?? ''}`;
    const rows = await this.call(op.name, (deadlineAt, log) =>
      this.cache.through(
        key,
        async () => {
          const { data, degraded } = await this.transport.run(op, variables, deadlineAt, log);
          const pending = parseInsightRows(root, data, { granularity: c.granularity, degraded });
          await this.resolveNaiveStarts(root, pending, c.timeZone, deadlineAt, log);
          return freezeAll(pending.map((p) => p.row).sort(compareInsightRows));
        },
        () => insightExpiry(this.now(), c.to),
      ),
    );
    return rows.slice();
  }

  /** Timestamps without `Z` or offset are local to the row's site (else building, else zone's site). */
  private async resolveNaiveStarts(root: InsightRoot, pending: PendingInsightRow[], zone: string | null, deadlineAt: number, log: Logger): Promise<void> {
    const naive = pending.filter((p) => p.naive !== null);
    if (naive.length === 0) return;
    let zoneOf: (row: InsightRow) => string | null = () => zone;
    if (zone === null) {
      const sites = await this.allSites(deadlineAt, log);
      const siteZone = new Map(sites.map((s) => [s.id, s.timeZone]));
      const buildings = await this.directory(deadlineAt, log);
      const buildingZone = new Map(buildings.map((b) => [b.id, b.timeZone]));
      const zoneIds = [...new Set(naive.map((p) => p.row.zoneId).filter((z): z is number => z !== null))];
      const zoneSite = new Map<number, number>();
      if (zoneIds.length > 0 && naive.some((p) => p.row.siteId === null && p.row.buildingId === null)) {
        for (const z of await this.zoneList(zoneIds.sort((a, b) => a - b), null, deadlineAt, log)) zoneSite.set(z.id, z.siteId);
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
        throw new AppError('UPSTREAM_BAD_DATA', `InnerSpace sent a DATE_TIME_START without offset and no time zone is known (${root})`, {
          details: { operation: root, field: 'DATE_TIME_START', row: p.index, reason: 'no offset and no known time zone' },
        });
      }
      p.row.start = millis;
    }
  }

  // -- shared lookups (each cached; called inside a public call, sharing its deadline) ------------

  private readonly referenceExpiry = (): number => this.now().getTime() + REFERENCE_TTL_MS;

  private directory(deadlineAt: number, log: Logger): Promise<readonly Building[]> {
    return this.cache.through('BUILDING', async () => {
      let rows: BuildingRow[] | null = null;
      if (!this.unknownRoots.has('BUILDING')) {
        try {
          rows = parseBuildings((await this.transport.run(REF.buildings, {}, deadlineAt, log)).data);
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
    }, this.referenceExpiry);
  }

  private allSites(deadlineAt: number, log: Logger): Promise<readonly Site[]> {
    return this.cache.through('SITE:*', async () => freezeAll(parseSites((await this.transport.run(REF.allSites, {}, deadlineAt, log)).data)), this.referenceExpiry);
  }

  private allFloors(deadlineAt: number, log: Logger): Promise<readonly Floor[]> {
    return this.cache.through('FLOOR:*', async () => freezeAll(parseFloors((await this.transport.run(REF.allFloors, {}, deadlineAt, log)).data)), this.referenceExpiry);
  }

  private zoneList(ids: number[] | null, siteIds: number[] | null, deadlineAt: number, log: Logger): Promise<readonly Zone[]> {
    const op = ids && siteIds ? REF.zonesByIdsAndSites : ids ? REF.zonesByIds : REF.zonesBySites;
    const variables: Variables = {};
    if (ids) variables.ids = ids;
    if (siteIds) variables.siteIds = siteIds;
    return this.cache.through(`ZONE:${JSON.stringify(variables)}`, async () => {
      const { data, degraded } = await this.transport.run(op, variables, deadlineAt, log);
      return freezeAll(parseZones(data, degraded).sort((a, b) => a.id - b.id));
    }, this.referenceExpiry);
  }

  private markUnknownRoot(root: ReferenceRoot, log: Logger): void {
    if (this.unknownRoots.has(root)) return;
    this.unknownRoots.add(root);
    log.warn({ root }, `InnerSpace has no ${root} root; using the fallback from now on`);
  }

  /** One public call: a child logger, a deadline shared by everything it does, and a debug line with its duration. */
  private async call<T>(name: string, run: (deadlineAt: number, log: Logger) => Promise<T>): Promise<T> {
    const log = this.log.child({ operation: name });
    const started = performance.now();
    try {
      const result = await run(started + this.opts.deadlineMs, log);
      log.debug({ durationMs: Math.round(performance.now() - started) }, 'InnerSpace call done');
      return result;
    } catch (err) {
      const code = isAppError(err) ? err.code : 'INTERNAL';
      const level = code === 'UPSTREAM_TIMEOUT' || code === 'UPSTREAM_UNAVAILABLE' || code === 'UPSTREAM_RATE_LIMITED' ? 'debug' : 'warn';
      log[level]({ durationMs: Math.round(performance.now() - started), code, details: isAppError(err) ? err.details : undefined }, 'InnerSpace call failed');
      throw err;
    }
  }
}

function insightVariables(c: CheckedInsightQuery): Variables {
  const v: Variables = c.ids.length > 1 ? { ids: c.ids } : { id: c.ids[0] };
  v.from = c.from;
  v.to = c.to;
  v.granularity = c.granularity;
  v.groupId = c.groupId;
  if (c.siteIds !== null) v.siteIds = c.siteIds;
  if (c.zoneTypes !== null) v.zoneTypes = c.zoneTypes;
  if (c.startFrom !== null) v.startFrom = c.startFrom;
  return v;
}

function freezeAll<T extends object>(items: T[]): readonly T[] {
  for (const item of items) Object.freeze(item);
  return Object.freeze(items);
}

export function createInnerSpaceClient(opts: InnerSpaceClientOptions): InnerSpaceClient {
  return new InnerSpaceClient(opts);
}
