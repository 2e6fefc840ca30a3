/**
 * Bucket statistics and how they roll up. The consistency rule of the simulated API:
 *
 *   PT15M  the generated quarter value (mean = max = the value).
 *   PT1H   mean = mean of its 15-minute values (4 of them).
 *   P1D    mean = mean of the hour means of that local day (23, 24 or 25 hours).
 *   P1W    mean = mean of the day means of its 7 days (Monday first).
 *   P1M    mean = mean of the day means of its days.
 *   MAX at every level = max of the 15-minute values inside the bucket.
 *   POS_MEAN at every level = mean of the non-zero 15-minute values inside the bucket
 *   (0 when the bucket was empty throughout).
 *
 * Missing data (a missing zone-hour, a missing day) is left out of every mean above, never
 * counted as zero. Group rows scale everyone's figures by the group's share.
 */
export interface Stat {
  readonly mean: number;
  readonly max: number;
  readonly posSum: number;
  readonly posCount: number;
}

const nan = Number.isNaN;

export function quarterStat(v: number): Stat {
  return { mean: v, max: v, posSum: v > 0 ? v : 0, posCount: v > 0 ? 1 : 0 };
}

/** Stat of quarters [from, to); null when every one of them is missing. */
export function statOfRange(q: Float64Array, from: number, to: number): Stat | null {
  let sum = 0;
  let n = 0;
  let max = -Infinity;
  let posSum = 0;
  let posCount = 0;
  for (let i = from; i < to; i++) {
    const v = q[i] ?? NaN;
    if (nan(v)) continue;
    sum += v;
    n += 1;
    if (v > max) max = v;
    if (v > 0) {
      posSum += v;
      posCount += 1;
    }
  }
  return n === 0 ? null : { mean: sum / n, max, posSum, posCount };
}

/** Rolls child buckets into their parent: the mean of the children's means. */
export function combine(children: readonly (Stat | null | undefined)[]): Stat | null {
  let sum = 0;
  let n = 0;
  let max = -Infinity;
  let posSum = 0;
  let posCount = 0;
  for (const c of children) {
    if (!c) continue;
    sum += c.mean;
    n += 1;
    if (c.max > max) max = c.max;
    posSum += c.posSum;
    posCount += c.posCount;
  }
  return n === 0 ? null : { mean: sum / n, max, posSum, posCount };
}

const round = Math.round;

function round2(v: number): number {
  return round(v * 100) / 100;
}

export interface OccupancyColumns {
  OCCUPANCY_MEAN: number;
  OCCUPANCY_POS_MEAN: number;
  OCCUPANCY_MAX: number;
}

export function occupancyColumns(s: Stat, share: number): OccupancyColumns {
  return {
    OCCUPANCY_MEAN: round2(s.mean * share),
    OCCUPANCY_POS_MEAN: s.posCount === 0 ? 0 : round2((s.posSum / s.posCount) * share),
    OCCUPANCY_MAX: round2(s.max * share),
  };
}
