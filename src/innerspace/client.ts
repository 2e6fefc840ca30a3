import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { BadInputError, isAppError } from '../errors';
import { TokenProvider, type AuthMode } from './auth';
import { DEFAULT_RECHECK_MINUTES, insightKeep, PublishedDays, ResultCache } from './cache';
import { compareInsightRows, parseInsightRows } from './parse';
import { insightOperation, type InsightRoot } from './queries';
import { freezeAll, ReferenceData } from './reference';
import { DEFAULT_RETRY_POLICY, sleep, type RetryPolicy } from './retry';
import { DocumentBatcher } from './batch';
import { GraphQLTransport, type Variables } from './transport';
import type { InnerSpacePort, InsightQuery } from '../ports/occupancy-source';
import type { Building, Floor, Group, InsightRow, Site, Zone } from '../domain/occupancy';
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
  /**
   * Minutes an insight answer that may still change (no rows yet, the latest day, a range past
   * the latest published bucket) is trusted before InnerSpace is asked again. Default 10.
   */
  recheckMinutes?: number;
  retry?: Partial<RetryPolicy>;
  /** Told how each call ended: whether InnerSpace answered, and the error code when not. */
  onOutcome?: (ok: boolean, code?: string) => void;
}

/** Codes that say InnerSpace itself failed; the others (not found, bad input) are answers. */
const UPSTREAM_FAILURES = new Set(['UPSTREAM_TIMEOUT', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_RATE_LIMITED', 'UPSTREAM_AUTH', 'UPSTREAM_BAD_REQUEST', 'UPSTREAM_GRAPHQL', 'UPSTREAM_BAD_DATA']);

export interface InnerSpaceStats {
  /** GraphQL HTTP requests sent, retries included. */
  upstreamRequests: number;
  /** Token HTTP requests sent, retries included. */
  tokenRequests: number;
  cacheHits: number;
  /** Calls that joined an identical call already under way. */
  coalesced: number;
}

/** The InnerSpace port over GraphQL: validated input, cached results, typed errors. */
export class InnerSpaceClient implements InnerSpacePort {
  private readonly log: Logger;
  private readonly now: () => Date;
  private readonly cache: ResultCache;
  private readonly transport: GraphQLTransport;
  /** Everything asked for in one turn travels in one document. */
  private readonly batcher: DocumentBatcher;
  private readonly reference: ReferenceData;
  private readonly groupId: string;
  private readonly published = new PublishedDays();
  private readonly recheckMs: number;
  private readonly counts = { upstreamRequests: 0, tokenRequests: 0 };

  constructor(private readonly opts: InnerSpaceClientOptions) {
    this.log = opts.logger.child({ component: 'innerspace' });
    this.now = opts.now ?? (() => new Date());
    this.groupId = checkGroupId(opts.groupId);
    this.cache = new ResultCache(opts.cacheMaxEntries ?? 500, this.now);
    const recheck = opts.recheckMinutes ?? DEFAULT_RECHECK_MINUTES;
    if (!Number.isInteger(recheck) || recheck < 1) throw new BadInputError('recheckMinutes must be a whole number of at least 1', { field: 'recheckMinutes', value: recheck });
    this.recheckMs = recheck * 60_000;
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
    this.batcher = new DocumentBatcher(this.transport);
    this.reference = new ReferenceData({ batcher: this.batcher, cache: this.cache, now: this.now, groupId: this.groupId });
  }

  stats(): InnerSpaceStats {
    return { ...this.counts, cacheHits: this.cache.hits, coalesced: this.cache.coalesced };
  }

  // -- reference data ---------------------------------------------------------------------------

  async buildings(): Promise<Building[]> {
    return (await this.call('buildings', (deadlineAt, log) => this.reference.directory(deadlineAt, log))).slice();
  }

  async building(id: number): Promise<Building | null> {
    checkId(id, 'building id');
    const list = await this.call('building', (deadlineAt, log) => this.reference.directory(deadlineAt, log));
    return list.find((b) => b.id === id) ?? null;
  }

  async floors(buildingId: number): Promise<Floor[]> {
    checkId(buildingId, 'building id');
    return (await this.call('floors', (deadlineAt, log) => this.reference.floorsOf(buildingId, deadlineAt, log))).slice();
  }

  async sites(buildingId: number): Promise<Site[]> {
    checkId(buildingId, 'building id');
    return (await this.call('sites', (deadlineAt, log) => this.reference.sitesOf(buildingId, deadlineAt, log))).slice();
  }

  async zones(filter: { ids?: readonly number[]; siteIds?: readonly number[] }): Promise<Zone[]> {
    const ids = filter?.ids === undefined ? null : checkIds(filter.ids, 'zone ids');
    const siteIds = filter?.siteIds === undefined ? null : checkIds(filter.siteIds, 'site ids');
    if (ids === null && siteIds === null) throw new BadInputError('zones need zone ids or site ids', { field: 'ids' });
    return (await this.call('zones', (deadlineAt, log) => this.reference.zones(ids, siteIds, deadlineAt, log))).slice();
  }

  async groups(): Promise<Group[]> {
    return (await this.call('groups', (deadlineAt, log) => this.reference.groups(deadlineAt, log))).slice();
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
      throw new BadInputError('zone types apply to zone type insights only', { field: 'zoneTypes' });
    }
    const op = insightOperation(root, { manyIds: c.ids.length > 1, sites: c.siteIds !== null, startFrom: c.startFrom !== null, zoneTypes: c.zoneTypes !== null });
    const variables = insightVariables(c);
    const key = `${op.name}:${JSON.stringify(variables)}:${c.timeZone ?? ''}`;
    const subject = subjectOf(root, c);
    // A query from a watermark (an alert check) asks what is new: never answered from memory,
    // or a publish would stay unseen until the entry expired. Joining an identical call is fine.
    const fresh = c.startFrom !== null;
    const rows = await this.call(op.name, (deadlineAt, log) =>
      this.cache.through(
        key,
        async () => {
          const { data, degraded } = await this.batcher.fetch({ op, variables }, deadlineAt, log);
          const pending = parseInsightRows(root, data, { granularity: c.granularity, degraded });
          await this.reference.resolveNaiveStarts(root, pending, c.timeZone, deadlineAt, log);
          const parsed = freezeAll(pending.map((p) => p.row).sort(compareInsightRows));
          this.published.note(subject, parsed.map((r) => r.datePartition));
          return parsed;
        },
        () => insightKeep(this.now().getTime(), subject, c.to, this.published, this.recheckMs),
        { fresh },
      ),
    );
    return rows.slice();
  }

  /** One public call: a child logger, a deadline shared by everything it does, and a debug line with its duration. */
  private async call<T>(name: string, run: (deadlineAt: number, log: Logger) => Promise<T>): Promise<T> {
    const log = this.log.child({ operation: name });
    const started = performance.now();
    try {
      const result = await run(started + this.opts.deadlineMs, log);
      log.debug({ durationMs: Math.round(performance.now() - started) }, 'InnerSpace call done');
      this.opts.onOutcome?.(true);
      return result;
    } catch (err) {
      const code = isAppError(err) ? err.code : 'INTERNAL';
      if (UPSTREAM_FAILURES.has(code)) this.opts.onOutcome?.(false, code);
      const level = code === 'UPSTREAM_TIMEOUT' || code === 'UPSTREAM_UNAVAILABLE' || code === 'UPSTREAM_RATE_LIMITED' ? 'debug' : 'warn';
      log[level]({ durationMs: Math.round(performance.now() - started), code, err }, 'InnerSpace call failed');
      throw err;
    }
  }
}

/** Whose publishing an answer tells about: everything in the query but its range. */
function subjectOf(root: InsightRoot, c: CheckedInsightQuery): string {
  const ids = [...c.ids].sort((a, b) => a - b);
  return JSON.stringify([root, ids, c.granularity, c.groupId, c.siteIds, c.zoneTypes]);
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

export function createInnerSpaceClient(opts: InnerSpaceClientOptions): InnerSpaceClient {
  return new InnerSpaceClient(opts);
}
