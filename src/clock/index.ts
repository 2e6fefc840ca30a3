import type { Clock } from '../ports/clock';
import type { LocalClockRepository } from '../ports/store/index';

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

  /** How far this clock runs ahead of its base (the system clock): what a restart must keep. */
  offset(): number {
    return this.offsetMs;
  }

  /** Runs `offsetMs` ahead of the base, unless it already runs further ahead (never backwards). */
  resume(offsetMs: number): void {
    if (Number.isFinite(offsetMs) && offsetMs > this.offsetMs) this.offsetMs = offsetMs;
  }
}

/**
 * Local mode's one clock across restarts: takes up the lead over the system clock that the store
 * kept, and returns how to save the lead after each move (awaited, so a move is kept before
 * anything it caused is stored).
 */
export async function resumeLocalClock(repo: LocalClockRepository, teamId: string, clock: ShiftableClock): Promise<() => Promise<void>> {
  const saved = await repo.offset(teamId);
  if (saved !== null) clock.resume(saved);
  const save = () => repo.saveOffset(teamId, clock.offset());
  await save();
  return save;
}
