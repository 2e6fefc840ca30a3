/**
 * The usual level of a bucket, for rules relative to normal ("above 130% of usual").
 *
 * The usual level of a bucket is the mean of the same weekday and the same local hour (the
 * same weekday's whole day, for daily rules) over the 4 weeks before it. Weeks are matched on
 * the building's wall clock, so a Tuesday 10:00 after a daylight-saving change is compared with
 * the Tuesdays 10:00 before it, not with 09:00 or 11:00. A week counts when InnerSpace has a
 * bucket for it, even one of 0 people (a holiday is a real, empty day); a week with no bucket
 * at all (not published, sensor down, an hour a DST change skipped) is left out of the mean.
 * Fewer than MIN_BASELINE_WEEKS weeks is too little history: the bucket is not judged. Pure.
 */
import { addDays, formatLocalTime, localDateOf, weekdayName, type IsoDate } from './time';
import type { AlertGranularity } from './subscription';

/** Weeks looked back for the usual level. */
export const BASELINE_WEEKS = 4;
/** Weeks of those that must have the bucket before a rule judges it. */
export const MIN_BASELINE_WEEKS = 2;

export interface Usual {
  /** Mean people of the weeks found. */
  readonly value: number;
  /** How many of the BASELINE_WEEKS had the bucket. */
  readonly weeks: number;
}

export interface Bucket {
  readonly start: number;
  readonly value: number;
}

/** Days of history a set of buckets needs, before its first: 4 weeks. */
export const BASELINE_DAYS = BASELINE_WEEKS * 7;

/** Where a bucket sits in the week: its local day and, for hourly data, its wall-clock hour. */
function slotOf(start: number, granularity: AlertGranularity, zone: string): { date: IsoDate; time: string } {
  return { date: localDateOf(start, zone), time: granularity === 'P1D' ? '' : formatLocalTime(start, zone) };
}

/** The buckets of past weeks, by local day and wall-clock time; an hour seen twice (DST ends) reads as its mean. */
export class History {
  private readonly slots = new Map<string, { sum: number; n: number }>();

  constructor(
    buckets: readonly Bucket[],
    private readonly granularity: AlertGranularity,
    private readonly zone: string,
  ) {
    for (const b of buckets) {
      const { date, time } = slotOf(b.start, granularity, zone);
      const key = `${date} ${time}`;
      const slot = this.slots.get(key);
      if (slot) {
        slot.sum += b.value;
        slot.n += 1;
      } else this.slots.set(key, { sum: b.value, n: 1 });
    }
  }

  /** The usual level of the bucket starting at `start`, from the 4 weeks before it; null with no week at all. */
  usualAt(start: number): Usual | null {
    const { date, time } = slotOf(start, this.granularity, this.zone);
    let sum = 0;
    let weeks = 0;
    for (let k = 1; k <= BASELINE_WEEKS; k += 1) {
      const slot = this.slots.get(`${addDays(date, -7 * k)} ${time}`);
      if (!slot) continue;
      sum += slot.sum / slot.n;
      weeks += 1;
    }
    return weeks === 0 ? null : { value: sum / weeks, weeks };
  }
}

export function hasEnoughHistory(usual: Usual): boolean {
  return usual.weeks >= MIN_BASELINE_WEEKS;
}

/** A bucket as a share of its usual level (143 of a usual 98 reads 145.9); null when the usual is nothing. */
export function percentOfUsual(value: number, usual: Usual): number | null {
  return usual.value > 0 ? (value / usual.value) * 100 : null;
}

/** "Tue 10:00", or "Tue" for daily rules: what the usual level is the usual of. */
export function usualSlotText(start: number, granularity: AlertGranularity, zone: string): string {
  const { date, time } = slotOf(start, granularity, zone);
  const day = weekdayName(date).slice(0, 3);
  return granularity === 'P1D' ? day : `${day} ${time}`;
}
