/**
 * What `/occupancy …` text means, as plain data. Dates stay words here (resolved later in the
 * building's zone by domain/time parseDateArg); everything else is validated and normalised.
 */
import type { DigestDraft, SubscriptionDraft } from '../../domain/drafts';
import type { UserGranularity } from '../../domain/occupancy';
import type { Weekday } from '../../domain/values';
import type { GroupArg } from './group';
import type { RangeArg } from './range';

export type { GroupArg } from './group';
export type { RangeArg } from './range';

/** A date word, shape-checked: pass `text` to parseDateArg(text, zone, now). */
export type DateArg =
  | { readonly form: 'today'; readonly text: 'today' }
  | { readonly form: 'yesterday'; readonly text: 'yesterday' }
  | { readonly form: 'iso'; readonly text: string }
  | { readonly form: 'weekday'; readonly text: string; readonly weekday: Weekday };

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
  | 'bad_duration'
  | 'bad_range';

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
  | { readonly kind: 'digest'; readonly action: 'remove' | 'pause' | 'resume' | 'send' | 'history' | 'preview'; readonly id: number };

export type SubscribeCommand =
  | { readonly kind: 'subscribe'; readonly action: 'modal' }
  | { readonly kind: 'subscribe'; readonly action: 'add'; readonly draft: SubscriptionDraft };

export type ParsedCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'buildings' }
  | { readonly kind: 'groups' }
  /** `group`: present only when the command names a group (`… group Engineering`). */
  | { readonly kind: 'building'; readonly id: number; readonly date: DateArg | null; readonly granularity: UserGranularity; readonly group?: GroupArg }
  | { readonly kind: 'zone'; readonly id: number; readonly date: DateArg | null; readonly granularity: UserGranularity; readonly group?: GroupArg }
  | { readonly kind: 'zones'; readonly buildingId: number; readonly date: DateArg | null; readonly group?: GroupArg }
  /** `building|zone <x> last week`, `… 2026-10-01..2026-11-20`: a range of days. */
  | { readonly kind: 'range'; readonly scope: 'building' | 'zone'; readonly id: number; readonly range: RangeArg; readonly group?: GroupArg }
  /** `compare <x> <y> …`: `scope` null when the words did not say buildings or zones (the directory decides). */
  | {
      readonly kind: 'compare';
      readonly scope: 'building' | 'zone' | null;
      readonly ids: readonly number[];
      readonly date: DateArg | null;
      readonly range: RangeArg | null;
    }
  | DigestCommand
  | SubscribeCommand
  | { readonly kind: 'subscriptions' }
  | { readonly kind: 'unsubscribe'; readonly id: number }
  /** `word` is the raw word, cut to 40 characters (not escaped); `message` is ready to show. */
  /** `suggestion`: the command with the nearest subcommand in place of the word ("building 71"), when one is near. */
  | { readonly kind: 'unknown'; readonly word: string; readonly message: string; readonly suggestion?: string }
  | ParseError;
