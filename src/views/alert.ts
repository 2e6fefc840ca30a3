/** An alert episode, a subscription in lists, the backtest and the subscription form. */
import type { IsoDate } from '../domain/time';
import type { EpochMs } from '../domain/values';
import type { AlertGranularity } from '../domain/subscription';
import type { ChartView } from './chart';

/** What a rule's levels count: people, % of capacity, or % of the usual level (a relative rule). */
export type RuleMeasure = 'people' | 'percent' | 'usual';

export interface RuleView {
  readonly id: number;
  /** `group`: the group it watches, when not the default one. */
  readonly scope: { readonly kind: 'building' | 'zone'; readonly id: number; readonly name: string; readonly group?: string };
  readonly measure: RuleMeasure;
  readonly direction: 'above' | 'below';
  /** In the rule's measure: people, or 0–100-style for percent and usual (130 = 130%). */
  readonly threshold: number;
  readonly recovery: number;
  readonly minBuckets: number;
  readonly granularity: AlertGranularity;
  readonly destination: { readonly kind: 'dm'; readonly userId: string } | { readonly kind: 'channel'; readonly channelId: string };
}

export interface AlertEpisodeView {
  readonly rule: RuleView;
  /** The scope's zone: times and days are shown on its wall clock. */
  readonly timeZone: string;
  readonly state: 'alerting' | 'recovered';
  /** Start of the first bucket past the threshold. */
  readonly startMs: EpochMs;
  /** End of the last bucket past the threshold seen so far. */
  readonly breachEndMs: EpochMs;
  /** Start of the first bucket back past the recovery level (recovered only). */
  readonly recoveredAtMs: EpochMs | null;
  /** Highest (above) or lowest (below) bucket of the episode, in the rule's measure. */
  readonly extreme: {
    readonly value: number;
    readonly atMs: EpochMs;
    /** Relative rules: the usual level (people) there, and of how many of the 4 weeks it is the mean. */
    readonly usual?: { readonly value: number; readonly weeks: number };
  };
  readonly chart: ChartView | null;
  readonly snoozedUntilMs: EpochMs | null;
  readonly muted: boolean;
  /**
   * Episodes of the same publish, over before this one: the message lists them all (one
   * message per rule per publish). Empty or absent for a message of one episode.
   */
  readonly earlier?: readonly EarlierEpisodeView[];
  /** Sent late because a snooze held it back; absent or null when it went out as it happened. */
  readonly held?: AlertHeldView | null;
}

/** An episode over, listed in the message of a later one. */
export interface EarlierEpisodeView {
  readonly startMs: EpochMs;
  readonly breachEndMs: EpochMs;
  readonly recoveredAtMs: EpochMs;
  readonly extreme: { readonly value: number; readonly atMs: EpochMs };
}

/** Who held an alert back and until when: it went out when their snooze ended. */
export interface AlertHeldView {
  /** Null for a snooze set before who set it was kept, and for quiet hours. */
  readonly by: string | null;
  readonly untilMs: EpochMs;
  /** Held by the rule's quiet hours (local "HH:mm" window) rather than a snooze. */
  readonly quiet?: { readonly start: string; readonly end: string; readonly zone: string };
}

/** How a rule stands now, for redrawing the messages it posted. */
export interface RuleStateView {
  readonly rule: RuleView;
  readonly timeZone: string;
  readonly muted: boolean;
  readonly snoozedUntilMs: EpochMs | null;
}

/** A rule someone deleted, for the messages it posted and its old buttons. */
export interface RuleRemovedView {
  readonly ruleId: number;
  /** The rule as it was, when known: its status line then reads neither muted nor snoozed. */
  readonly rule?: { readonly rule: RuleView; readonly timeZone: string } | null;
  readonly removedBy: string;
  readonly removedAtMs: EpochMs;
}

/** A snooze of a channel's rule, told in that channel. */
export interface SnoozeAnnouncementView {
  readonly rule: RuleView;
  readonly timeZone: string;
  readonly by: string;
  readonly untilMs: EpochMs;
}

export type SubscriptionStateView = 'ok' | 'pending' | 'alerting' | 'no_data';

export interface SubscriptionSummaryView {
  readonly rule: RuleView;
  readonly timeZone: string;
  readonly state: SubscriptionStateView;
  readonly muted: boolean;
  readonly snoozedUntilMs: EpochMs | null;
  readonly lastAlertMs: EpochMs | null;
  readonly canManage: boolean;
  /** Who set it up, shown when the viewer is not them. */
  readonly createdBy?: string;
  /** An admin's view of a rule whose creator left the workspace: "Take over" makes it theirs. */
  readonly takeOver?: boolean;
}

export interface SubscriptionsListView {
  readonly subscriptions: readonly SubscriptionSummaryView[];
}

export type BacktestView =
  | { readonly status: 'incomplete' }
  | { readonly status: 'unavailable' }
  /** `episodeDates`: local start day of each episode the rule would have raised. */
  | {
      readonly status: 'ready';
      readonly days: number;
      readonly episodeDates: readonly IsoDate[];
      /** One per message live alerts would have sent (one per nightly publish): its day and how many episodes it lists. */
      readonly messages?: readonly { readonly date: IsoDate; readonly episodes: number }[];
      /** Relative rules: buckets left unjudged for too little history, of `buckets` read. */
      readonly shortHistory?: { readonly buckets: number; readonly of: number };
    };

export interface SubscribeModalView {
  readonly privateMetadata: string;
  readonly mode: 'create' | 'edit';
  readonly scopeKind: 'building' | 'zone';
  readonly scopeId: number | null;
  /** How the form's menu names the building or zone, e.g. "DEMO (71)"; absent or null names it by its id. */
  readonly scopeTitle?: string | null;
  readonly measure: RuleMeasure;
  readonly direction: 'above' | 'below';
  readonly threshold: number | null;
  /** null: the default (90% / 110% of the threshold) is shown as a hint. */
  readonly recovery: number | null;
  readonly minBuckets: number;
  readonly granularity: AlertGranularity;
  readonly destination: 'dm' | 'channel';
  readonly channelId: string | null;
  readonly quietHours: { readonly start: string; readonly end: string } | null;
  readonly renotifyMinutes: number | null;
  readonly backtest: BacktestView;
  /** The group the rule watches, when not the default one: said at the top of the form. */
  readonly groupLabel?: string;
  /** InnerSpace's groups, default first, for the Group menu; absent (or one group): no menu. */
  readonly groupOptions?: readonly { readonly id: string; readonly name: string }[];
  /** The group picked in the menu (the default group's id for everyone). */
  readonly groupId?: string;
}

/** Why an alert rule paused itself, as its creator is told. */
/** `access_revoked` (the token no longer works), or Slack's error for a refusal that would repeat. */
export type AlertPausedBecause = 'access_revoked' | (string & {});
