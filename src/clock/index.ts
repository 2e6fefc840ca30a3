import type { Clock } from '../ports/clock';

/**
 * The system clock plus an offset that only moves forward: local mode's "advance the clock"
 * lets digests and alerts be seen without waiting. Tests use a fixed start instead.
 */
export class ShiftableClock implements Clock {
  private offsetMs = 0;

  constructor(
    private readonly base: () => number = Date.now,
    start?: number,
  ) {
    if (start !== undefined) this.offsetMs = start - base();
  }

  now(): number {
    return this.base() + this.offsetMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
    this.offsetMs += ms;
  }

  /** Moves to an instant (not backwards). */
  set(instant: number): void {
    this.advance(Math.max(0, instant - this.now()));
  }
}
