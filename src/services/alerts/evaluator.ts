/**
 * The alert check. Each tick reads the active subscriptions, groups them by what they watch
 * (scope and granularity), and asks InnerSpace once per group for the buckets published since
 * that group's watermark. Every subscription then runs its state machine over the buckets it
 * has not seen; the new state and its outbox are stored before anything is sent. Sending
 * happens after, paced per destination. A destination held off longer than a check waits (a
 * long Retry-After) parks only its own notifications: the evaluation is stored, they stay in
 * the outbox, and a later check sends them; the other destinations' go out in this one.
 *
 * Watermarks follow the data, not the clock: a nightly publish that arrives late is read in
 * full, however long after the hours it describes. The query names its watermark (startFrom),
 * which the InnerSpace client always sends upstream, so the first check after a publish sees it.
 */
import { performance } from 'node:perf_hooks';
import { addDays, localDateOf, localToday, toDatePartition } from '../../domain/time';
import type { Charts } from '../../ports/charts';
import { isAppError } from '../../errors';
import type { Logger } from '../../logging/logger';
import type { Store } from '../../ports/store';
import type { AlertState, ScopeKey } from '../../domain/alert-state';
import type { Subscription } from '../../domain/subscription';
import { PARK_AFTER_MS, runPaced, type ChannelPacer, type PacedJob, type PacingClock } from '../digests/pacing';
import { contextBeforeMs, episodeWindow } from './charts';
import { AlertDelivery, type Delivery } from './delivery';
import { advance, markNoData, type Reading, type Rule } from './machine';
import { itemsForBatch, mergeOutbox, noHistoryItem, noHistoryNoticeKey } from './outbox';
import { bucketEnd, inQuietHours, isPublishLate, peopleByBucket, relativeReadings, toReadings } from './readings';
import { historyFor } from './baseline';
import type { History } from '../../domain/baseline';
import type { ScopeDirectory, ScopeInfo } from './scopes';
import { machineOf, readOutbox, stateRow } from './stored';
import { markHeld, snoozedUntil } from './views';
import { scopeKeyText, type ScopeHold, type ScopeLocks } from './scope-locks';

const DAY_MS = 86_400_000;

export interface EvaluatorDeps {
  readonly store: Store;
  readonly scopes: ScopeDirectory;
  readonly charts: Charts;
  readonly delivery: AlertDelivery;
  readonly pacer: ChannelPacer;
  readonly pacingClock: PacingClock;
  /** One replica per scope at a time, and per scheduled tick. */
  readonly locks: ScopeLocks;
  readonly logger: Logger;
  readonly now: () => number;
  /** NO_DATA once the nightly publish is this many hours late. */
  readonly noDataAfterHours: number;
  /** Scopes evaluated at once (each with its one upstream query). */
  readonly concurrency?: number;
  /** Deliveries under way at once across destinations. */
  readonly deliveryConcurrency?: number;
  /** A watermark older than this is not caught up further back (a long outage). */
  readonly maxCatchUpDays?: number;
}

export interface TickReport {
  readonly at: number;
  subscriptions: number;
  scopes: number;
  /** Scopes another replica was checking, or had checked for this tick: left to it. */
  scopesElsewhere: number;
  /** Insight queries asked for: one per scope and granularity (from a watermark: never answered from the client's cache). */
  upstreamQueries: number;
  /** History queries for rules relative to the usual level: one per such scope with new buckets (past weeks: cached by the client). */
  baselineQueries: number;
  queryFailures: number;
  scopeFailures: number;
  readings: number;
  fired: number;
  recovered: number;
  noData: number;
  /** Items kept for later: quiet hours or snooze. */
  held: number;
  /** Items found 'sending' from an interrupted delivery: dropped, never re-posted. */
  interrupted: number;
  posted: number;
  edited: number;
  dropped: number;
  paused: number;
  rateLimited: number;
  /** Deliveries whose destination was held off too long: their outbox waits for a later check. */
  parked: number;
  /** Milliseconds of pure evaluation (state machines and outboxes), excluding I/O and rendering. */
  evaluationMs: number;
  /** Wall-clock milliseconds of the two phases: reading and evaluating, then sending. */
  evaluatePhaseMs: number;
  deliverPhaseMs: number;
}

function scopeKeyOf(sub: Subscription): ScopeKey {
  return { scopeKind: sub.scopeKind, scopeId: sub.scopeId, granularity: sub.granularity, ...(sub.groupId !== null ? { groupId: sub.groupId } : {}) };
}

const keyText = scopeKeyText;

export function ruleOf(sub: Subscription): Rule {
  return { direction: sub.direction, threshold: sub.threshold, recovery: sub.recovery, minDuration: sub.minDuration };
}

async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) await work(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

export class AlertEvaluator {
  private readonly log: Logger;
  private stopping = false;
  /** The last answer about each scope: names and zones rarely change, and InnerSpace may be down. */
  private readonly known = new Map<string, ScopeInfo>();
  /** When each local day is due, by zone and day: the same few answers for every rule of a scope. */
  private readonly dueCache = new Map<string, number>();

  constructor(private readonly deps: EvaluatorDeps) {
    this.log = deps.logger.child({ component: 'alerts' });
  }

  stop(): void {
    this.stopping = true;
  }

  /**
   * One check. `tick` is the scheduled instant it is for (ISO; every replica's timer names the
   * same one), so a scope is checked once per tick across replicas; null for a check by hand.
   */
  async tick(tick: string | null = null): Promise<TickReport> {
    const now = this.deps.now();
    const report: TickReport = {
      at: now, subscriptions: 0, scopes: 0, scopesElsewhere: 0, upstreamQueries: 0, baselineQueries: 0, queryFailures: 0, scopeFailures: 0, readings: 0, fired: 0,
      recovered: 0, noData: 0, held: 0, interrupted: 0, posted: 0, edited: 0, dropped: 0, paused: 0, rateLimited: 0, parked: 0, evaluationMs: 0,
      evaluatePhaseMs: 0, deliverPhaseMs: 0,
    };
    const started = performance.now();
    const subs = await this.deps.store.subscriptions.listActive();
    report.subscriptions = subs.length;
    const groups = new Map<string, Subscription[]>();
    for (const s of subs) {
      const k = keyText(scopeKeyOf(s));
      const g = groups.get(k);
      if (g) g.push(s);
      else groups.set(k, [s]);
    }
    report.scopes = groups.size;
    const holds: ScopeHold[] = [];
    const deliveries: { d: Delivery; hold: ScopeHold }[] = [];
    try {
      await pool([...groups.values()], this.deps.concurrency ?? 8, async (listed) => {
        if (this.stopping) return;
        const key = scopeKeyOf(listed[0]!);
        const hold = await this.deps.locks.forCheck(keyText(key), tick);
        if (!hold) {
          report.scopesElsewhere += 1;
          return;
        }
        holds.push(hold);
        // Read again under the claim: a change made since the list was read is the one evaluated.
        const group = (await this.deps.store.subscriptions.listActiveByScope(key.scopeKind, key.scopeId)).filter((s) => keyText(scopeKeyOf(s)) === keyText(key));
        const states = await this.deps.store.alertStates.getMany(group.map((s) => s.id));
        for (const d of await this.evaluateScope(group, states, now, report)) deliveries.push({ d, hold });
      });
      const evaluated = performance.now();
      report.evaluatePhaseMs = evaluated - started;
      await this.deliverAll(deliveries, report);
      report.deliverPhaseMs = performance.now() - evaluated;
    } finally {
      await Promise.all(holds.map((h) => h.release()));
    }
    this.log.info({ ...report }, 'alert check done');
    return report;
  }

  private async evaluateScope(group: readonly Subscription[], states: ReadonlyMap<number, AlertState>, now: number, report: TickReport): Promise<Delivery[]> {
    const first = group[0];
    if (!first) return [];
    const key = scopeKeyOf(first);
    const log = this.log.child({ scope: keyText(key) });
    let scope: ScopeInfo;
    try {
      scope = await this.deps.scopes.withGroup(await this.deps.scopes.get(key.scopeKind, key.scopeId), key.groupId ?? null);
      this.known.set(keyText(key), scope);
    } catch (err) {
      report.scopeFailures += 1;
      const known = this.known.get(keyText(key));
      log.warn({ err, code: isAppError(err) ? err.code : undefined, fallback: known !== undefined }, 'could not look up the scope of these alerts');
      // With what was known of it, a late publish can still be noticed while InnerSpace is down.
      if (!known) return [];
      scope = known;
    }

    const watermark = await this.deps.store.watermarks.get(key);
    const floor = now - (this.deps.maxCatchUpDays ?? 31) * DAY_MS;
    let since = watermark?.lastBucketStart ?? Infinity;
    for (const s of group) {
      const through = states.get(s.id)?.evaluatedThrough ?? null;
      since = Math.min(since, through ?? s.createdAt - 2 * DAY_MS);
    }
    since = Math.max(since, floor);
    // A chart shows the buckets before its episode too, and those before an episode still open:
    // read that far back (the machine itself reads only past each rule's evaluatedThrough).
    let chartFrom = since - contextBeforeMs(key.granularity);
    for (const s of group) {
      const m = machineOf(states.get(s.id) ?? null);
      const opened = readOutbox(states.get(s.id)?.deferred ?? []).told[0]?.start ?? m.episode?.start ?? m.pending?.since ?? null;
      if (opened !== null) chartFrom = Math.min(chartFrom, opened - contextBeforeMs(key.granularity));
    }
    const readFrom = Math.max(chartFrom, floor - contextBeforeMs(key.granularity));

    let buckets: { start: number; value: number }[] | null = null;
    try {
      report.upstreamQueries += 1;
      const rows = await this.deps.scopes.insights(key.scopeKind, {
        ids: [key.scopeId],
        from: toDatePartition(addDays(localDateOf(readFrom, scope.timeZone), -1)),
        to: toDatePartition(localToday(scope.timeZone, now)),
        granularity: key.granularity,
        startFrom: readFrom + 1,
        timeZone: scope.timeZone,
        ...(key.groupId !== undefined ? { groupId: key.groupId } : {}),
      });
      buckets = peopleByBucket(rows).filter((b) => b.start > readFrom);
    } catch (err) {
      report.queryFailures += 1;
      log.warn({ err, code: isAppError(err) ? err.code : undefined }, 'InnerSpace did not answer the alert check; missing data never counts as recovery');
    }

    // Only buckets past the check's start are new to some rule; those read for the charts alone ask for no history.
    const history = buckets?.some((b) => b.start > since) ? await this.historyOf(group, scope, buckets, report, log) : null;
    const out: Delivery[] = [];
    for (const sub of group) {
      try {
        const d = await this.evaluateSubscription(sub, states.get(sub.id) ?? null, scope, buckets ?? [], history, watermark?.lastBucketStart ?? null, now, report);
        if (d) out.push(d);
      } catch (err) {
        log.error({ err, subscription: sub.id }, 'evaluating an alert failed');
      }
    }
    const newest = buckets?.at(-1);
    if (newest) await this.deps.store.watermarks.advance(key, newest.start);
    return out;
  }

  /**
   * The past weeks relative rules of this scope measure the new buckets against: one more
   * document (a field per week), only when such a rule and new buckets are there. Null when
   * it failed: those rules read nothing this check (their buckets are read again next time),
   * the others go on.
   */
  private async historyOf(
    group: readonly Subscription[],
    scope: ScopeInfo,
    buckets: readonly { start: number; value: number }[] | null,
    report: TickReport,
    log: Logger,
  ): Promise<History | null> {
    const first = buckets?.[0];
    const last = buckets?.at(-1);
    if (!first || !last || !group.some((s) => s.thresholdKind === 'relative')) return null;
    try {
      report.baselineQueries += 1;
      return await historyFor(this.deps.scopes, scope, group[0]?.granularity ?? 'PT1H', first.start, last.start);
    } catch (err) {
      report.queryFailures += 1;
      log.warn({ err, code: isAppError(err) ? err.code : undefined }, 'InnerSpace did not answer for the usual levels; rules relative to usual wait for the next check');
      return null;
    }
  }

  private async evaluateSubscription(
    sub: Subscription,
    stored: AlertState | null,
    scope: ScopeInfo,
    buckets: readonly { start: number; value: number }[],
    history: History | null,
    watermark: number | null,
    now: number,
    report: TickReport,
  ): Promise<Delivery | null> {
    const t0 = performance.now();
    const zone = scope.timeZone;
    const before = stored ? machineOf(stored) : { ...machineOf(null), evaluatedThrough: watermark };
    const after0 = before.evaluatedThrough ?? sub.createdAt - 2 * DAY_MS;
    // All that was read, for the charts; the machine takes only what it has not seen.
    const around: Reading[] =
      sub.thresholdKind === 'relative'
        ? history
          ? relativeReadings(buckets, history, sub.granularity, zone)
          : []
        : toReadings(buckets, { measure: sub.measure, capacity: scope.capacity }, sub.granularity, zone);
    const readings = around.filter((r) => r.start > after0);
    const previousEnd = before.evaluatedThrough !== null ? bucketEnd(before.evaluatedThrough, sub.granularity, zone) : null;
    const run = advance(ruleOf(sub), before, readings, { previousEnd });
    let after = run.state;
    let noDataEntered = false;
    if (isPublishLate(after.evaluatedThrough, sub.createdAt, zone, now, this.deps.noDataAfterHours, this.dueCache)) {
      const marked = markNoData(after);
      after = marked.state;
      noDataEntered = marked.entered;
    }
    const lastPublished = after.evaluatedThrough !== null ? localDateOf(after.evaluatedThrough, zone) : null;
    const waiting = readOutbox(stored?.deferred ?? []);
    const { items, told } = itemsForBatch(
      { before, after, events: run.events, noDataEntered, lastPublished, publishOf: (ms) => localDateOf(ms, zone) },
      sub.renotifyMinutes,
      (span) => episodeWindow(sub.granularity, around, span),
      waiting.told,
    );
    // A rule relative to usual says once that it has too little history, rather than staying silent.
    const short = readings.find((r) => r.unjudged === 'history');
    let storeMs = 0;
    if (short && !waiting.items.some((i) => i.kind === 'no_history')) {
      const asked = performance.now();
      const noticed = await this.deps.store.notices.has(sub.teamId, noHistoryNoticeKey(sub.id));
      storeMs = performance.now() - asked;
      if (!noticed) items.push(noHistoryItem(short));
    }
    const interrupted = waiting.items.filter((i) => i.phase === 'sending');
    const merged = mergeOutbox(waiting.items.filter((i) => i.phase === 'queued'), items);
    report.evaluationMs += performance.now() - t0 - storeMs;

    report.readings += readings.length;
    for (const e of run.events) {
      if (e.kind === 'fired') report.fired += 1;
      else report.recovered += 1;
    }
    if (noDataEntered) report.noData += 1;
    report.interrupted += interrupted.length;
    const who = { subscription: sub.id, team: sub.teamId };
    if (interrupted.length > 0) this.log.warn({ ...who, kinds: interrupted.map((i) => i.kind) }, 'a notification was being sent when the process stopped; not sending it again');
    if (merged.dropped + waiting.unreadable > 0) this.log.warn({ ...who, dropped: merged.dropped + waiting.unreadable }, 'alert outbox trimmed');

    const fired = run.events.filter((e) => e.kind === 'fired').at(-1);
    const lastNotifiedAt = fired ? fired.episode.start : (stored?.lastNotifiedAt ?? null);
    const message = stored?.messageChannel && stored.messageTs ? { channel: stored.messageChannel, ts: stored.messageTs } : null;
    const outbox = markHeld(merged.items, sub, now);
    const changed =
      stored === null || readings.length > 0 || noDataEntered || interrupted.length > 0 || merged.dropped + waiting.unreadable > 0 || after.noData !== before.noData;
    const held = outbox.length > 0 && (inQuietHours(now, sub.quietHours) || snoozedUntil(sub, now) !== null);
    // To be sent now: delivery stores this state with its first item marked 'sending', before
    // Slack is asked. A crash before that re-reads the same buckets and sends nothing twice.
    if (outbox.length > 0 && !held) return { sub, scope, machine: after, message, lastNotifiedAt, outbox, told };
    if (held) report.held += outbox.length;
    if (changed) {
      await this.deps.store.alertStates.put(
        stateRow(after, { subscriptionId: sub.id, teamId: sub.teamId, messageChannel: message?.channel ?? null, messageTs: message?.ts ?? null, lastNotifiedAt, outbox, told }),
      );
    }
    return null;
  }

  private async deliverAll(deliveries: readonly { d: Delivery; hold: ScopeHold }[], report: TickReport): Promise<void> {
    if (deliveries.length === 0) return;
    const revoked = new Set<string>();
    const jobs = new Map<PacedJob, { d: Delivery; hold: ScopeHold }>();
    for (const entry of deliveries) {
      const { d, hold } = entry;
      const job: PacedJob = {
        channel: AlertDelivery.destinationKey(d.sub),
        run: async () => {
          if (revoked.has(d.sub.teamId)) return;
          try {
            // The fence: a replica whose claim ran out (it stalled) leaves the scope to its new holder.
            if (!(await hold.still())) {
              this.log.warn({ subscription: d.sub.id }, 'lost the claim on this alert scope; its notifications are left to the replica that holds it');
              return;
            }
            const r = await this.deps.delivery.deliver(d);
            report.posted += r.posted;
            report.edited += r.edited;
            report.dropped += r.dropped;
            if (r.rateLimited) report.rateLimited += 1;
            if (r.parked) report.parked += 1;
            if (r.paused) report.paused += 1;
            if (r.paused === 'access_revoked') revoked.add(d.sub.teamId);
          } catch (err) {
            this.log.error({ err, subscription: d.sub.id }, 'delivering an alert failed');
          }
        },
      };
      jobs.set(job, entry);
    }
    const left: { d: Delivery; hold: ScopeHold }[] = [];
    await runPaced([...jobs.keys()], {
      concurrency: this.deps.deliveryConcurrency ?? 8,
      pacer: this.deps.pacer,
      clock: this.deps.pacingClock,
      stopped: () => this.stopping,
      // A destination held off longer than this waits for a later check: it never holds up the others.
      maxWaitMs: PARK_AFTER_MS,
      onLeft: (job) => {
        const entry = jobs.get(job);
        if (entry) left.push(entry);
      },
    });
    for (const { d, hold } of left) await this.park(d, hold, report);
  }

  /** The evaluation is kept and its notifications stay queued; a later check sends them. */
  private async park(d: Delivery, hold: ScopeHold, report: TickReport): Promise<void> {
    try {
      // Without the claim the scope is another replica's: it evaluates again from the stored state.
      if (!(await hold.still())) return;
      await this.deps.delivery.keep(d);
      report.parked += 1;
      this.log.info({ subscription: d.sub.id, team: d.sub.teamId, destination: d.sub.destinationId }, 'destination is rate limited; its alerts wait for a later check, the others go on');
    } catch (err) {
      this.log.error({ err, subscription: d.sub.id }, 'could not keep an alert for a later check');
    }
  }
}
