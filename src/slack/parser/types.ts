/**
 * What `/occupancy …` text means, as plain data. Dates stay words here (resolved later in the
 * building's zone by domain/time parseDateArg); everything else is validated and normalised.
 */
import type { USER_GRANULARITIES } from '../../innerspace/types';

export type UserGranularity = (typeof USER_GRANULARITIES)[number];
export type AlertGranularity = 'PT1H' | 'P1D';

/** ISO weekday: 1 = Monday … 7 = Sunday (luxon's numbering). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A date word, shape-checked: pass `text` to parseDateArg(text, zone, now). */
export type DateArg =
  | { readonly form: 'today'; readonly text: 'today' }
  | { readonly form: 'yesterday'; readonly text: 'yesterday' }
  | { readonly form: 'iso'; readonly text: string }
  | { readonly form: 'weekday'; readonly text: string; readonly weekday: Weekday };

/** A channel as written: Slack's `<#C123|name>` gives an id; a plain `#name` is resolved later. */
export type ChannelRef =
  | { readonly kind: 'id'; readonly id: string; readonly name: string | null }
  | { readonly kind: 'name'; readonly name: string };

export interface DigestContent {
  readonly chart: boolean;
  readonly topZones: boolean;
  readonly perFloor: boolean;
  readonly weekOverWeek: boolean;
}

export const DEFAULT_DIGEST_CONTENT: DigestContent = { chart: true, topZones: true, perFloor: true, weekOverWeek: true };
export const DEFAULT_DIGEST_TIME = '08:00';
export const WEEKDAYS_MON_FRI: readonly Weekday[] = [1, 2, 3, 4, 5];

export interface DigestDraft {
  /** Unique, in the order given. */
  readonly buildingIds: readonly number[];
  /** Local wall-clock time, "HH:MM" (24 h). */
  readonly time: string;
  /** Sorted, unique. */
  readonly days: readonly Weekday[];
  /** IANA zone; null means the first building's zone. */
  readonly timeZone: string | null;
  /** null means the channel the command or modal came from. */
  readonly channel: ChannelRef | null;
  readonly content: DigestContent;
  readonly skipWhenNoData: boolean;
}

export type MinDuration =
  | { readonly unit: 'buckets'; readonly count: number }
  | { readonly unit: 'minutes'; readonly minutes: number };

export type Destination = { readonly kind: 'dm' } | { readonly kind: 'channel'; readonly channel: ChannelRef };

export interface SubscriptionDraft {
  readonly scope: { readonly kind: 'building' | 'zone'; readonly id: number };
  /** 'percent' compares the mean with capacity; thresholds are then 0–100-style numbers (80 = 80%). */
  readonly measure: 'people' | 'percent';
  readonly direction: 'above' | 'below';
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
}

export type ParseErrorReason =
  | 'too_long'
  | 'missing_argument'
  | 'not_a_number'
  | 'negative'
  | 'zero'
  | 'not_whole'
  | 'too_large'
  | 'non_ascii_digits'
  | 'bad_date'
  | 'bad_granularity'
  | 'unexpected_argument'
  | 'duplicate_argument'
  | 'too_many'
  | 'bad_time'
  | 'bad_days'
  | 'bad_zone'
  | 'bad_channel'
  | 'bad_threshold'
  | 'bad_recovery'
  | 'bad_duration';

/** A command that could not be read; `message` is escaped mrkdwn, ready to show. */
export interface ParseError {
  readonly kind: 'error';
  readonly reason: ParseErrorReason;
  readonly message: string;
}

export type DigestCommand =
  | { readonly kind: 'digest'; readonly action: 'modal' }
  | { readonly kind: 'digest'; readonly action: 'list' }
  | { readonly kind: 'digest'; readonly action: 'add'; readonly draft: DigestDraft }
  | { readonly kind: 'digest'; readonly action: 'remove' | 'pause' | 'resume' | 'send'; readonly id: number };

export type SubscribeCommand =
  | { readonly kind: 'subscribe'; readonly action: 'modal' }
  | { readonly kind: 'subscribe'; readonly action: 'add'; readonly draft: SubscriptionDraft };

export type ParsedCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'buildings' }
  | { readonly kind: 'building'; readonly id: number; readonly date: DateArg | null; readonly granularity: UserGranularity }
  | { readonly kind: 'zone'; readonly id: number; readonly date: DateArg | null; readonly granularity: UserGranularity }
  | { readonly kind: 'zones'; readonly buildingId: number; readonly date: DateArg | null }
  | DigestCommand
  | SubscribeCommand
  | { readonly kind: 'subscriptions' }
  | { readonly kind: 'unsubscribe'; readonly id: number }
  /** `word` is the raw word, cut to 40 characters (not escaped); `message` is ready to show. */
  | { readonly kind: 'unknown'; readonly word: string; readonly message: string }
  | ParseError;
