import { ShiftableClock } from '../../../src/clock';

describe('ShiftableClock', () => {
  let system = 1_000_000;
  const base = () => system;

  it('runs its offset ahead of the system clock, and moves only forward', () => {
    const clock = new ShiftableClock(base, system + 500);
    expect(clock.offset()).toBe(500);
    clock.advance(100);
    system += 10;
    expect(clock.now()).toBe(system + 600);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    clock.set(clock.now() - 50);
    expect(clock.offset()).toBe(600);
  });

  it('resumes a saved lead, but never goes back to a smaller one', () => {
    const clock = new ShiftableClock(base, system - 3_000);
    clock.resume(2_000);
    expect(clock.offset()).toBe(2_000);
    expect(clock.now()).toBe(system + 2_000);
    clock.resume(1_000);
    clock.resume(Number.NaN);
    expect(clock.offset()).toBe(2_000);
  });
});
