/**
 * Threshold alerts, assembled: the rule use cases, App Home, and the check that evaluates
 * published data and sends what it means. State changes run one at a time.
 */
import type { Charts } from '../../ports/charts';
import type { MessageRenderer } from '../../ports/renderer';
import type { InnerSpacePort } from '../../ports/occupancy-source';
import type { Logger } from '../../logging/logger';
import type { ChatGateway } from '../../ports/chat';
import type { Store } from '../../ports/store';
import type { Authorizer } from '../authz';
import { ChannelPacer, realPacingClock, type PacingClock } from '../digests/pacing';
import { SharedChannelPacer } from '../digests/shared-pacing';
import { LeaseKeeper, SOLE_REPLICA } from '../replicas/leases';
import { ScopeLocks, scopeKeyText } from './scope-locks';
import type { ScopeKey } from '../../domain/alert-state';
import { AlertDelivery } from './delivery';
import { AlertEvaluator, type TickReport } from './evaluator';
import { HomeService } from './home';
import { RuleChecks } from './rules';
import { ScopeDirectory } from './scopes';
import { SubscriptionService } from './subscriptions';
import { RuleMessages } from './rule-messages';

export type { TickReport } from './evaluator';
export type { SavedSubscription, ShownMessage, Who } from './subscriptions';
export type { BacktestInput, BacktestOutcome } from './rules';
export { SubscriptionService } from './subscriptions';
export { HomeService } from './home';
export { RuleChecks } from './rules';
export { AlertEvaluator } from './evaluator';

export interface AlertsDeps {
  readonly store: Store;
  readonly innerspace: InnerSpacePort;
  readonly slack: ChatGateway;
  readonly authz: Authorizer;
  readonly charts: Charts;
  readonly renderer: MessageRenderer;
  readonly groupId: string;
  readonly now: () => number;
  readonly logger: Logger;
  readonly noDataAfterHours: number;
  /** Gap between two posts to one destination; Slack allows about one a second. */
  readonly spacingMs?: number;
  readonly pacingClock?: PacingClock;
  readonly concurrency?: number;
  /** This process among replicas of the store: renews its claims on scopes while it works. */
  readonly leases?: LeaseKeeper;
}

export interface Alerts {
  readonly subscriptions: SubscriptionService;
  readonly rules: RuleChecks;
  readonly home: HomeService;
  readonly evaluator: AlertEvaluator;
  /** One alert check, after whatever is under way: for a scheduled tick (its ISO instant), or by hand. */
  tick(scheduledFor?: string | null): Promise<TickReport>;
  /** Stops starting deliveries and waits for the work under way. */
  stop(): Promise<void>;
}

export function createAlerts(deps: AlertsDeps): Alerts {
  const logger = deps.logger.child({ component: 'alerts' });
  const leases = deps.leases ?? new LeaseKeeper(SOLE_REPLICA, logger);
  const locks = new ScopeLocks({ store: deps.store, leases, now: deps.now, logger });
  let chain: Promise<unknown> = Promise.resolve();
  // One at a time in this process, and on the scopes named, one replica at a time in the fleet.
  const exclusive = <T>(work: () => Promise<T>, scopes: readonly ScopeKey[] = []): Promise<T> => {
    const run = chain.then(() => locks.during(scopes.map(scopeKeyText), work));
    chain = run.catch(() => undefined);
    return run;
  };

  const scopes = new ScopeDirectory(deps.innerspace, deps.groupId);
  const rules = new RuleChecks({ store: deps.store, scopes, slack: deps.slack, authz: deps.authz, now: deps.now, logger });
  const messages = new RuleMessages({ store: deps.store, slack: deps.slack, renderer: deps.renderer, logger });
  const subscriptions = new SubscriptionService({ store: deps.store, scopes, rules, authz: deps.authz, now: deps.now, logger, exclusive, messages });
  const home = new HomeService({
    store: deps.store, authz: deps.authz, innerspace: deps.innerspace, subscriptions, groups: scopes.groups, now: deps.now, logger,
  });
  const pacingClock = deps.pacingClock ?? realPacingClock;
  const spacingMs = deps.spacingMs ?? 1050;
  const pacer = deps.store.shared
    ? new SharedChannelPacer(pacingClock, spacingMs, deps.store.sendSlots, deps.now, logger, 'alert:')
    : new ChannelPacer(pacingClock, spacingMs);
  const delivery = new AlertDelivery({ store: deps.store, charts: deps.charts, slack: deps.slack, renderer: deps.renderer, logger: deps.logger, now: deps.now, pacer, messages });
  const evaluator = new AlertEvaluator({
    store: deps.store, scopes, charts: deps.charts, delivery, pacer, pacingClock, locks, logger: deps.logger, now: deps.now,
    noDataAfterHours: deps.noDataAfterHours, concurrency: deps.concurrency,
  });

  return {
    subscriptions,
    rules,
    home,
    evaluator,
    tick: (scheduledFor = null) =>
      exclusive(async () => {
        const report = await evaluator.tick(scheduledFor);
        pacer.sweep();
        return report;
      }),
    async stop() {
      evaluator.stop();
      await chain;
    },
  };
}
