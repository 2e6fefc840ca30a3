/**
 * The threshold state machine, shared by live evaluation and the backtest so both tell the
 * same story. Pure: it reads buckets in time order and never the clock.
 *
 *   OK ──breach──▶ PENDING ──breach × minDuration──▶ ALERTING ──past recovery──▶ OK
 *                     └──no breach──▶ OK                └─ between the two levels: stays
 *
 * NO_DATA is laid over the phase when the nightly publish is late: it remembers what was
 * under way, and only a bucket that is really past the recovery level ends an episode, so
 * missing data can never read as "recovered".
 */

export type Phase = 'OK' | 'PENDING' | 'ALERTING';
export type Direction = 'above' | 'below';

export interface Rule {
  readonly direction: Direction;
  readonly threshold: number;
  /** On the safe side of the threshold (below it for 'above'). */
  readonly recovery: number;
  /** Consecutive buckets past the threshold before an episode opens; at least 1. */
  readonly minDuration: number;
}

/** The usual level a relative reading was measured against (people, and weeks it is the mean of). */
export interface UsualLevel {
  readonly usual: number;
  readonly usualWeeks: number;
}

/** One bucket, in the rule's measure (people, percent of capacity, or percent of usual). */
export interface Reading extends Partial<UsualLevel> {
  readonly start: number;
  /** Start of the next bucket (exclusive end). */
  readonly end: number;
  readonly value: number;
  /**
   * A relative rule could not judge this bucket: too little history ('history') or nothing is
   * usual at that hour ('nothing_usual'). It is read (the data is there) but neither breaches
   * nor recovers; like a hole, it breaks a pending run.
   */
  readonly unjudged?: 'history' | 'nothing_usual';
}

export interface Extreme extends Partial<UsualLevel> {
  readonly value: number;
  readonly at: number;
}

export interface Episode {
  /** Start of the first bucket past the threshold. */
  readonly start: number;
  /** End of the latest bucket past the threshold. */
  readonly breachEnd: number;
  /** Highest bucket for 'above', lowest for 'below'. */
  readonly extreme: Extreme;
}

export interface Pending {
  readonly since: number;
  readonly count: number;
  readonly extreme: Extreme;
}

export interface MachineState {
  readonly phase: Phase;
  /** The nightly publish is late; cleared by the next bucket that arrives. */
  readonly noData: boolean;
  readonly pending: Pending | null;
  readonly episode: Episode | null;
  /** Start of the latest bucket taken in; later buckets only are read. */
  readonly evaluatedThrough: number | null;
}

export type MachineEvent =
  | { readonly kind: 'fired'; readonly episode: Episode }
  | { readonly kind: 'recovered'; readonly episode: Episode; readonly recoveredAt: number };

export const INITIAL_STATE: MachineState = Object.freeze({
  phase: 'OK',
  noData: false,
  pending: null,
  episode: null,
  evaluatedThrough: null,
});

export function isBreach(rule: Rule, value: number): boolean {
  return rule.direction === 'above' ? value > rule.threshold : value < rule.threshold;
}

export function isRecovered(rule: Rule, value: number): boolean {
  return rule.direction === 'above' ? value < rule.recovery : value > rule.recovery;
}

/** A reading as an extreme, keeping the usual level it was measured against. */
function extremeOf(r: Reading): Extreme {
  return r.usual !== undefined && r.usualWeeks !== undefined ? { value: r.value, at: r.start, usual: r.usual, usualWeeks: r.usualWeeks } : { value: r.value, at: r.start };
}

function moreExtreme(rule: Rule, current: Extreme, r: Reading): Extreme {
  const better = rule.direction === 'above' ? r.value > current.value : r.value < current.value;
  return better ? extremeOf(r) : current;
}

export interface StepOptions {
  /**
   * End of the bucket before the first reading (the one at evaluatedThrough), when known. A
   * first reading that starts later means buckets are missing: a pending run starts over.
   */
  readonly previousEnd?: number | null;
}

/**
 * Takes in the readings that come after `evaluatedThrough`, in order, and returns the new state
 * with what happened on the way. Readings at or before `evaluatedThrough` are ignored.
 */
export function advance(
  rule: Rule,
  state: MachineState,
  readings: readonly Reading[],
  opts: StepOptions = {},
): { state: MachineState; events: MachineEvent[] } {
  const events: MachineEvent[] = [];
  let { phase, pending, episode, evaluatedThrough, noData } = state;
  let previousEnd = opts.previousEnd ?? null;
  const minDuration = Math.max(1, Math.floor(rule.minDuration));

  for (const r of readings) {
    if (evaluatedThrough !== null && r.start <= evaluatedThrough) continue;
    noData = false;
    if (r.unjudged) {
      if (phase === 'PENDING') {
        phase = 'OK';
        pending = null;
      }
      evaluatedThrough = r.start;
      previousEnd = r.end;
      continue;
    }
    // Consecutive means consecutive: a hole in the data breaks a pending run (never an episode).
    if (previousEnd !== null && r.start > previousEnd && phase === 'PENDING') {
      phase = 'OK';
      pending = null;
    }
    const breach = isBreach(rule, r.value);
    if (phase === 'ALERTING' && episode) {
      if (breach) {
        episode = { start: episode.start, breachEnd: r.end, extreme: moreExtreme(rule, episode.extreme, r) };
      } else if (isRecovered(rule, r.value)) {
        events.push({ kind: 'recovered', episode, recoveredAt: r.start });
        episode = null;
        phase = 'OK';
      }
    } else if (breach) {
      pending = pending
        ? { since: pending.since, count: pending.count + 1, extreme: moreExtreme(rule, pending.extreme, r) }
        : { since: r.start, count: 1, extreme: extremeOf(r) };
      phase = 'PENDING';
      if (pending.count >= minDuration) {
        episode = { start: pending.since, breachEnd: r.end, extreme: pending.extreme };
        events.push({ kind: 'fired', episode });
        pending = null;
        phase = 'ALERTING';
      }
    } else {
      pending = null;
      phase = 'OK';
    }
    evaluatedThrough = r.start;
    previousEnd = r.end;
  }
  return { state: { phase, noData, pending, episode, evaluatedThrough }, events };
}

/**
 * The publish is late: the state says so, and keeps whatever was under way. `entered` is true
 * only on the way in, so the notice goes out once.
 */
export function markNoData(state: MachineState): { state: MachineState; entered: boolean } {
  if (state.noData) return { state, entered: false };
  return { state: { ...state, noData: true }, entered: true };
}

/** The status as stored and shown: NO_DATA over whatever phase lies underneath. */
export function statusOf(state: MachineState): Phase | 'NO_DATA' {
  return state.noData ? 'NO_DATA' : state.phase;
}
