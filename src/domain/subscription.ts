/** A threshold subscription (alert rule) and the words its fields take. */
import type { MinDuration } from './drafts';
import type { EpochMs } from './values';

export type ScopeKind = 'building' | 'zone';
export type Measure = 'people' | 'percent';
export type Direction = 'above' | 'below';
/** 'relative': threshold and recovery are % of the usual level (see domain/baseline), not people or % of capacity. */
export type ThresholdKind = 'absolute' | 'relative';
export type AlertGranularity = 'PT1H' | 'P1D';
export type DestinationKind = 'dm' | 'channel';
export type SubscriptionStatus = 'active' | 'muted' | 'paused';

export interface QuietHours {
  /** "HH:mm" local; the window may wrap past midnight. */
  start: string;
  end: string;
  /** IANA zone. */
  zone: string;
}

export interface NewSubscription {
  teamId: string;
  createdBy: string;
  scopeKind: ScopeKind;
  scopeId: number;
  measure: Measure;
  direction: Direction;
  /** Absent: 'absolute'. */
  thresholdKind?: ThresholdKind;
  threshold: number;
  recovery: number;
  /** Consecutive buckets the condition must hold before alerting. */
  minDuration: number;
  granularity: AlertGranularity;
  destinationKind: DestinationKind;
  destinationId: string;
  quietHours: QuietHours | null;
  renotifyMinutes: number | null;
  /** The InnerSpace group whose occupancy it watches; absent or null for the configured default group. */
  groupId?: string | null;
}

export interface Subscription extends NewSubscription {
  /** null: the configured default group. */
  groupId: string | null;
  id: number;
  thresholdKind: ThresholdKind;
  status: SubscriptionStatus;
  pausedReason: string | null;
  snoozedUntil: EpochMs | null;
  /** Who set the snooze (null when nobody has, or before this was kept). */
  snoozedBy: string | null;
  createdAt: EpochMs;
  updatedAt: EpochMs;
}

/** A rule someone deleted: what its old buttons answer with. */
export interface RemovedSubscription {
  id: number;
  teamId: string;
  removedBy: string;
  removedAt: EpochMs;
}

export type SubscriptionPatch = Partial<Omit<NewSubscription, 'teamId' | 'createdBy'>>;

/** How long a snooze button holds a rule's notifications. */
export type SnoozeFor = 'PT1H' | 'P1D' | 'P1W';
export const SNOOZE_MINUTES: Readonly<Record<SnoozeFor, number>> = { PT1H: 60, P1D: 1440, P1W: 10080 };

/** The recovery level as a share of the threshold when none is given (hysteresis). */
export const DEFAULT_RECOVERY_FACTOR = { above: 0.9, below: 1.1 } as const;

/** Buckets of the rule's granularity needed to cover a minimum duration (at least one). */
export function minDurationBuckets(duration: MinDuration, granularity: AlertGranularity): number {
  if (duration.unit === 'buckets') return Math.max(1, duration.count);
  return Math.max(1, Math.ceil(duration.minutes / (granularity === 'PT1H' ? 60 : 1440)));
}

/** The default recovery level, rounded so 0.9 × 110 reads 99 and not 99.00000000000001. */
export function defaultRecovery(threshold: number, direction: Direction): number {
  return Math.round(threshold * DEFAULT_RECOVERY_FACTOR[direction] * 10_000) / 10_000;
}
