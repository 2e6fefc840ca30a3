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
import { AlertDelivery } from './delivery';
import { AlertEvaluator, type TickReport } from './evaluator';
import { HomeService } from './home';
import { RuleChecks } from './rules';
import { ScopeDirectory } from './scopes';
import { SubscriptionService } from './subscriptions';

export type { TickReport } from './evaluator';
export type { SavedSubscription, Who } from './subscriptions';
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
}

export interface Alerts {
  readonly subscriptions: SubscriptionService;
  readonly rules: RuleChecks;
  readonly home: HomeService;
  readonly evaluator: AlertEvaluator;
  /** One alert check, after whatever is under way. */
  tick(): Promise<TickReport>;
  /** Stops starting deliveries and waits for the work under way. */
  stop(): Promise<void>;
}

export function createAlerts(deps: AlertsDeps): Alerts {
  const logger = deps.logger.child({ component: 'alerts' });
  let chain: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = chain.then(work);
    chain = run.catch(() => undefined);
    return run;
  };

  const scopes = new ScopeDirectory(deps.innerspace, deps.groupId);
  const rules = new RuleChecks({ store: deps.store, scopes, slack: deps.slack, authz: deps.authz, now: deps.now, logger });
  const subscriptions = new SubscriptionService({ store: deps.store, scopes, rules, authz: deps.authz, now: deps.now, logger, exclusive });
  const home = new HomeService({
    store: deps.store, authz: deps.authz, innerspace: deps.innerspace, subscriptions, now: deps.now, logger,
  });
  const pacingClock = deps.pacingClock ?? realPacingClock;
  const pacer = new ChannelPacer(pacingClock, deps.spacingMs ?? 1050);
  const delivery = new AlertDelivery({ store: deps.store, charts: deps.charts, slack: deps.slack, renderer: deps.renderer, logger: deps.logger, now: deps.now, pacer });
  const evaluator = new AlertEvaluator({
    store: deps.store, scopes, charts: deps.charts, delivery, pacer, pacingClock, logger: deps.logger, now: deps.now,
    noDataAfterHours: deps.noDataAfterHours, concurrency: deps.concurrency,
  });

  return {
    subscriptions,
    rules,
    home,
    evaluator,
    tick: () =>
      exclusive(async () => {
        const report = await evaluator.tick();
        pacer.sweep();
        return report;
      }),
    async stop() {
      evaluator.stop();
      await chain;
    },
  };
}
