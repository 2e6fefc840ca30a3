/** The answer to `/occupancy compare <x> <y> …`: a day or a range of several buildings (or zones). */
import type { IsoDate } from '../domain/time';
import type { EpochMs } from '../domain/values';
import type { ChartView } from './chart';
import type { PeriodView, RangeNavView } from './range';
import type { ReportScopeView } from './report';

/** One building or zone of a comparison, on its own calendar. */
export interface CompareSubjectView {
  readonly scope: ReportScopeView;
  readonly timeZone: string;
  /** A day comparison: the day shown for this subject (its own latest, when none was asked). */
  readonly date: IsoDate | null;
  /** A range comparison: the range on this subject's calendar. */
  readonly range: PeriodView | null;
  readonly dataThrough: IsoDate | null;
  /** Average while occupied; null when nobody was present. */
  readonly mean: number | null;
  readonly meanPctOfCapacity: number | null;
  /** A day: the hours it was occupied. */
  readonly occupied: { readonly start: EpochMs; readonly end: EpochMs } | null;
  readonly peak: { readonly start: EpochMs; readonly value: number } | null;
  /** A day only. */
  readonly busiestHour: { readonly start: EpochMs; readonly end: EpochMs } | null;
  /** A range only. */
  readonly busiestDay: { readonly date: IsoDate; readonly mean: number } | null;
  /** Against the same weekday a week earlier (a day) or the period before (a range); 0–100 scale, signed. */
  readonly changePct: number | null;
  /** A day: the day compared with. */
  readonly comparedWith: IsoDate | null;
}

export interface CompareView {
  readonly kind: 'building' | 'zone';
  readonly mode: 'day' | 'range';
  readonly subjects: readonly CompareSubjectView[];
  /** The day asked for or stepped to; null when each subject shows its own latest day. */
  readonly date: IsoDate | null;
  /** A range comparison: the range asked for (on the first subject's calendar), with how its buttons step. */
  readonly range: RangeNavView | null;
  /** A range whose words end after the latest published day: the end they named (the range stops there). */
  readonly clippedFrom?: IsoDate | null;
  /** The range words asked ("last week"); null otherwise. */
  readonly words: string | null;
  /** Today on the first subject's calendar, so dates of other years show theirs. */
  readonly today: IsoDate;
  readonly groupLabel: string;
  /** null: the figures are shown as a text table instead. */
  readonly chart: ChartView | null;
  readonly previousDate: IsoDate | null;
  readonly nextDate: IsoDate | null;
  readonly previousRange: RangeNavView | null;
  readonly nextRange: RangeNavView | null;
  readonly sharedBy?: string;
}
