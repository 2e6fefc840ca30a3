/**
 * Subscriptions and their state as the view models the Block Kit builders draw.
 */
import type { AlertState } from '../../domain/alert-state';
import type { Subscription } from '../../domain/subscription';
import type {
  AlertEpisodeView, BacktestView, ChartView, RuleView, SubscribeModalView, SubscriptionStateView, SubscriptionSummaryView,
} from '../../views/index';
import type { ScopeInfo } from './scopes';
import type { OutboxItem } from './stored';
import { inQuietHours, quietHoursEnd } from './readings';

export function ruleView(sub: Subscription, scope: Pick<ScopeInfo, 'name' | 'groupLabel'>): RuleView {
  return {
    id: sub.id,
    scope: { kind: sub.scopeKind, id: sub.scopeId, name: scope.name, ...(scope.groupLabel !== undefined ? { group: scope.groupLabel } : {}) },
    measure: sub.thresholdKind === 'relative' ? 'usual' : sub.measure,
    direction: sub.direction,
    threshold: sub.threshold,
    recovery: sub.recovery,
    minBuckets: sub.minDuration,
    granularity: sub.granularity,
    destination: sub.destinationKind === 'dm' ? { kind: 'dm', userId: sub.destinationId } : { kind: 'channel', channelId: sub.destinationId },
  };
}

export function snoozedUntil(sub: Subscription, now: number): number | null {
  return sub.snoozedUntil !== null && sub.snoozedUntil > now ? sub.snoozedUntil : null;
}

/**
 * Items waiting while the rule is snoozed, or in its quiet hours, are marked with why and until
 * when, so they say so when sent. A snooze is named before quiet hours: it is the one a person
 * chose, and it may outlast the window.
 */
export function markHeld(items: readonly OutboxItem[], sub: Subscription, now: number): OutboxItem[] {
  const until = snoozedUntil(sub, now);
  const held: OutboxItem['held'] =
    until !== null
      ? { by: sub.snoozedBy, until }
      : sub.quietHours && inQuietHours(now, sub.quietHours)
        ? { by: null, until: quietHoursEnd(now, sub.quietHours), quiet: { start: sub.quietHours.start, end: sub.quietHours.end, zone: sub.quietHours.zone } }
        : null;
  if (held === null) return [...items];
  return items.map((i) => (i.phase === 'queued' ? { ...i, held } : i));
}

export function episodeView(sub: Subscription, scope: Pick<ScopeInfo, 'name' | 'timeZone' | 'groupLabel'>, item: OutboxItem, now: number, chart: ChartView | null): AlertEpisodeView {
  return {
    rule: ruleView(sub, scope),
    timeZone: scope.timeZone,
    state: item.recoveredAt !== null ? 'recovered' : 'alerting',
    startMs: item.episodeStart,
    breachEndMs: item.breachEnd,
    recoveredAtMs: item.recoveredAt,
    extreme: {
      value: item.extreme,
      atMs: item.extremeAt,
      ...(item.usual !== undefined && item.usual !== null ? { usual: { value: item.usual, weeks: item.usualWeeks ?? 0 } } : {}),
    },
    chart,
    snoozedUntilMs: snoozedUntil(sub, now),
    muted: sub.status !== 'active',
    ...(item.earlier && item.earlier.length > 0
      ? { earlier: item.earlier.map((e) => ({ startMs: e.start, breachEndMs: e.breachEnd, recoveredAtMs: e.recoveredAt, extreme: { value: e.extreme, atMs: e.extremeAt } })) }
      : {}),
    held: item.held ? { by: item.held.by, untilMs: item.held.until, ...(item.held.quiet ? { quiet: item.held.quiet } : {}) } : null,
  };
}

const STATE_VIEW: Readonly<Record<AlertState['state'], SubscriptionStateView>> = {
  OK: 'ok',
  PENDING: 'pending',
  ALERTING: 'alerting',
  NO_DATA: 'no_data',
};

export function summaryView(sub: Subscription, state: AlertState | null, scope: Pick<ScopeInfo, 'name' | 'timeZone' | 'groupLabel'>, now: number, canManage: boolean): SubscriptionSummaryView {
  return {
    rule: ruleView(sub, scope),
    timeZone: scope.timeZone,
    state: state ? STATE_VIEW[state.state] : 'ok',
    // Paused (Slack refused the channel) reads as muted: both wait for someone to turn it back on.
    muted: sub.status !== 'active',
    snoozedUntilMs: snoozedUntil(sub, now),
    lastAlertMs: state?.lastNotifiedAt ?? null,
    canManage,
  };
}

/** The form for editing an existing rule. */
export function editModalView(sub: Subscription, privateMetadata: string, backtest: BacktestView): SubscribeModalView {
  return {
    privateMetadata,
    mode: 'edit',
    scopeKind: sub.scopeKind,
    scopeId: sub.scopeId,
    measure: sub.thresholdKind === 'relative' ? 'usual' : sub.measure,
    direction: sub.direction,
    threshold: sub.threshold,
    recovery: sub.recovery,
    minBuckets: sub.minDuration,
    granularity: sub.granularity,
    destination: sub.destinationKind,
    channelId: sub.destinationKind === 'channel' ? sub.destinationId : null,
    quietHours: sub.quietHours ? { start: sub.quietHours.start, end: sub.quietHours.end } : null,
    renotifyMinutes: sub.renotifyMinutes,
    backtest,
  };
}

/** A new form, optionally about a building or zone already ("Alert me…" on an answer). */
export function newModalView(
  privateMetadata: string,
  prefill: { scopeKind: 'building' | 'zone'; scopeId: number; granularity: 'PT1H' | 'P1D' } | null,
  channelId: string | null,
): SubscribeModalView {
  return {
    privateMetadata,
    mode: 'create',
    scopeKind: prefill?.scopeKind ?? 'building',
    scopeId: prefill?.scopeId ?? null,
    measure: 'people',
    direction: 'above',
    threshold: null,
    recovery: null,
    minBuckets: 1,
    granularity: prefill?.granularity ?? 'PT1H',
    destination: 'dm',
    channelId,
    quietHours: null,
    renotifyMinutes: null,
    backtest: { status: 'incomplete' },
  };
}
