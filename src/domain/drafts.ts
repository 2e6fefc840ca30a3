/**
 * What a person asked for before it is stored: a digest or a subscription as read from a
 * command or a form, validated and normalised, with channels still as written.
 */
import type { DigestCadence, DigestOptions } from './digest';
import type { AlertGranularity, Direction, Measure, ScopeKind, ThresholdKind } from './subscription';
import type { Weekday } from './values';

/** A channel as written: Slack's `<#C123|name>` gives an id; a plain `#name` is resolved later. */
export type ChannelRef =
  | { readonly kind: 'id'; readonly id: string; readonly name: string | null }
  | { readonly kind: 'name'; readonly name: string };


export interface DigestDraft {
  /** Unique, in the order given. */
  readonly buildingIds: readonly number[];
  /** Local wall-clock time, "HH:MM" (24 h). */
  readonly time: string;
  /** Sorted, unique; one day for a weekly digest. */
  readonly days: readonly Weekday[];
  /** Daily when not said. */
  readonly cadence?: DigestCadence;
  /** IANA zone; null means the first building's zone. */
  readonly timeZone: string | null;
  /** null means the channel the command or modal came from. */
  readonly channel: ChannelRef | null;
  readonly options: DigestOptions;
  /** A group's name as typed, or its id (`digest add … group Sales`); absent for the default group, or to leave an edited digest's group as it is. */
  readonly group?: string;
}

export type MinDuration =
  | { readonly unit: 'buckets'; readonly count: number }
  | { readonly unit: 'minutes'; readonly minutes: number };

export type Destination = { readonly kind: 'dm' } | { readonly kind: 'channel'; readonly channel: ChannelRef };

export interface SubscriptionDraft {
  readonly scope: { readonly kind: ScopeKind; readonly id: number };
  /** 'percent' compares the mean with capacity; thresholds are then 0–100-style numbers (80 = 80%). */
  readonly measure: Measure;
  readonly direction: Direction;
  /** 'relative': threshold and recovery are % of the usual level (measure is then 'people'). Absent: 'absolute'. */
  readonly thresholdKind?: ThresholdKind;
  readonly threshold: number;
  /** Always on the safe side of the threshold (below it for 'above'). */
  readonly recovery: number;
  readonly minDuration: MinDuration;
  readonly granularity: AlertGranularity;
  readonly destination: Destination;
  /** Local "HH:MM" pair; notifications inside are deferred, never dropped. */
  readonly quietHours: { readonly start: string; readonly end: string } | null;
  /** null: no re-notification while an episode lasts. */
  readonly renotifyMinutes: number | null;
  /** A group's name as typed, or its id (`subscribe … group Sales`); absent for the default group, or to leave an edited rule's group as it is. */
  readonly group?: string;
}
