/**
 * Checks and facts shared by creating and editing a rule: where it may post, what the scope
 * is, the backtest, and where its evaluation starts (the latest bucket already published).
 */
import { addDays, expectedBucketStarts, latestCompleteDay, localDateOf, toDatePartition } from '../../domain/time';
import { BadInputError, CannotPostError, ChannelNameError, NoCapacityError, NotFoundError } from '../../errors';
import type { Logger } from '../../logging/logger';
import type { BacktestView } from '../../views/index';
import type { ChatGateway } from '../../ports/chat';
import type { Destination } from '../../domain/drafts';
import type { Store } from '../../ports/store';
import type { AlertGranularity, Measure, ScopeKind, ThresholdKind } from '../../domain/subscription';
import type { Authorizer } from '../authz';
import { BACKTEST_DAYS, runBacktest } from './backtest';
import type { Rule } from './machine';
import { peopleByBucket, relativeReadings, toReadings } from './readings';
import { BASELINE_DAYS, History } from '../../domain/baseline';
import type { ScopeDirectory, ScopeInfo } from './scopes';

export interface BacktestInput extends Rule {
  readonly scopeKind: ScopeKind;
  readonly scopeId: number;
  readonly measure: Measure;
  /** Absent: 'absolute'. */
  readonly thresholdKind?: ThresholdKind;
  readonly granularity: AlertGranularity;
  /** The group whose rows are replayed; the default group when absent or null. */
  readonly groupId?: string | null;
}

/** A backtest as the form shows it, or a sentence for what its statuses cannot say. */
export type BacktestOutcome =
  | { readonly kind: 'view'; readonly view: BacktestView; readonly latestBucket: number | null }
  | { readonly kind: 'notice'; readonly error: NotFoundError | BadInputError };

export interface RuleChecksDeps {
  readonly store: Store;
  readonly scopes: ScopeDirectory;
  readonly slack: ChatGateway;
  readonly authz: Authorizer;
  readonly now: () => number;
  readonly logger: Logger;
}


export class RuleChecks {
  constructor(private readonly deps: RuleChecksDeps) {}

  /** The scope, refusing a percentage where InnerSpace knows no capacity. */
  async scopeFor(kind: ScopeKind, id: number, measure: Measure): Promise<ScopeInfo> {
    const scope = await this.deps.scopes.get(kind, id);
    if (measure === 'percent' && scope.capacity === null) throw new NoCapacityError(kind, id);
    return scope;
  }

  /**
   * Where a rule may post: a direct message to its owner, or a channel the user belongs to (or
   * any, for an admin) and the bot can post in. Returns the destination id.
   */
  async destinationFor(userId: string, destination: Destination): Promise<{ kind: 'dm' | 'channel'; id: string }> {
    if (destination.kind === 'dm') return { kind: 'dm', id: userId };
    const ref = destination.channel;
    if (ref.kind === 'name') {
      throw new ChannelNameError(ref.name);
    }
    const channelId = ref.id;
    await this.deps.authz.requireChannel(userId, channelId);
    const access = await this.deps.authz.botAccess(channelId);
    if (!access.ok) {
      throw new CannotPostError('the bot cannot post in that channel', channelId, access.slackError, access.cause);
    }
    // As digests do: a member can edit its messages in place and post ephemerals there later.
    if (access.needsJoin) await this.deps.authz.join(channelId);
    return { kind: 'channel', id: channelId };
  }

  /** The backtest over the last 30 published days: one insight query (cached by the client). */
  async backtest(input: BacktestInput): Promise<BacktestOutcome> {
    let scope: ScopeInfo;
    try {
      scope = await this.scopeFor(input.scopeKind, input.scopeId, input.measure);
    } catch (err) {
      if (err instanceof NotFoundError || err instanceof BadInputError) return { kind: 'notice', error: err };
      return { kind: 'view', view: { status: 'unavailable' }, latestBucket: null };
    }
    return this.backtestIn(scope, input);
  }

  async backtestIn(scope: ScopeInfo, input: BacktestInput): Promise<BacktestOutcome & { kind: 'view' }> {
    const through = latestCompleteDay(scope.timeZone, this.deps.now());
    const first = addDays(through, -(BACKTEST_DAYS - 1));
    const relative = input.thresholdKind === 'relative';
    try {
      // One query: a relative rule's also covers the 4 weeks of history before the first day.
      const rows = await this.deps.scopes.insights(scope.kind, {
        ids: [scope.id],
        from: toDatePartition(relative ? addDays(first, -BASELINE_DAYS) : first),
        to: toDatePartition(through),
        granularity: input.granularity,
        timeZone: scope.timeZone,
        ...(input.groupId ? { groupId: input.groupId } : {}),
      });
      const all = peopleByBucket(rows);
      const buckets = relative ? all.filter((b) => localDateOf(b.start, scope.timeZone) >= first) : all;
      const readings = relative
        ? relativeReadings(buckets, new History(all, input.granularity, scope.timeZone), input.granularity, scope.timeZone)
        : toReadings(buckets, { measure: input.measure, capacity: scope.capacity }, input.granularity, scope.timeZone);
      const result = runBacktest(input, readings, scope.timeZone);
      const short = readings.filter((r) => r.unjudged === 'history').length;
      const view: BacktestView = {
        status: 'ready',
        days: result.days,
        episodeDates: result.episodeDates,
        messages: result.messages,
        ...(relative && short > 0 ? { shortHistory: { buckets: short, of: readings.length } } : {}),
      };
      return { kind: 'view', view, latestBucket: buckets.at(-1)?.start ?? null };
    } catch (err) {
      this.deps.logger.info({ err, scope: `${scope.kind}:${scope.id}` }, 'backtest unavailable');
      return { kind: 'view', view: { status: 'unavailable' }, latestBucket: null };
    }
  }

  /**
   * The latest bucket already published for a scope: what the backtest saw, else the scope's
   * watermark, else the last bucket of the latest day the nightly publish should have covered.
   */
  async startingPoint(scope: ScopeInfo, granularity: AlertGranularity, seen: number | null): Promise<number> {
    if (seen !== null) return seen;
    const mark = await this.deps.store.watermarks.get({ scopeKind: scope.kind, scopeId: scope.id, granularity });
    if (mark) return mark.lastBucketStart;
    const starts = expectedBucketStarts(latestCompleteDay(scope.timeZone, this.deps.now()), scope.timeZone, granularity);
    return starts.at(-1) ?? this.deps.now();
  }
}
