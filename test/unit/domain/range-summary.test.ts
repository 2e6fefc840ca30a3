import { comparisonPeriod } from '../../../src/domain/period';
import { hoursByDay, occupiedFigure, summarizeRange } from '../../../src/domain/range-summary';
import type { Bucket } from '../../../src/domain/summary';
import { dayWindow } from '../../../src/domain/time';

const zone = 'Europe/London';
const HOUR = 3_600_000;

/** Hourly buckets of a local day: `values[i]` at hour `first + i`, the night before and after at 0. */
function day(date: string, first: number, values: readonly number[]): Bucket[] {
  const w = dayWindow(date, zone);
  const out: Bucket[] = [];
  for (let h = 0; h < w.hours; h += 1) {
    const i = h - first;
    out.push({ start: w.start + h * HOUR, value: i >= 0 && i < values.length ? values[i]! : 0 });
  }
  return out;
}

describe('summarizeRange', () => {
  it('averages the occupied hours, as a day answer does, and keeps the 24-hour mean beside it', () => {
    // Sun 25 Oct 2026 is the day the clocks go back in London: 25 hours, and an ordinary day to a range.
    const period = { from: '2026-10-19', to: '2026-10-25' };
    expect(dayWindow('2026-10-25', zone).hours).toBe(25);
    const hours = [
      ...day('2026-10-19', 9, [80, 80]),
      ...day('2026-10-20', 9, [100, 190, 70]),
      ...day('2026-10-21', 8, [110]),
      // Thursday missing: left out, not zero.
      ...day('2026-10-23', 10, [60]),
      ...day('2026-10-24', 0, []), // published, nobody came
      ...day('2026-10-25', 2, [5]),
      // A bucket outside the range is ignored.
      { start: dayWindow('2026-10-26', zone).start + 10 * HOUR, value: 999 },
    ];
    const previousHours = [...day('2026-10-12', 9, [90, 98]), ...day('2026-10-13', 9, [94])];
    const s = summarizeRange({ period, zone, hours, previous: comparisonPeriod(period), previousHours, capacity: 200 });
    const occupied = [80, 80, 100, 190, 70, 110, 60, 5];
    const mean = occupied.reduce((a, b) => a + b, 0) / occupied.length;
    expect(s.dayCount).toBe(7);
    expect(s.daysWithData).toBe(6);
    expect(s.mean).toBeCloseTo(mean);
    // 24 + 24 + 24 + 24 + 24 + 25 buckets present.
    expect(s.dayMean).toBeCloseTo(occupied.reduce((a, b) => a + b, 0) / 145);
    expect(s.busiestDay).toEqual({ date: '2026-10-20', mean: 120 });
    expect(s.quietestDay).toEqual({ date: '2026-10-24', mean: 0 });
    expect(s.quietestWeekday).toEqual({ date: '2026-10-23', mean: 60 });
    expect(s.peak).toEqual({ start: dayWindow('2026-10-20', zone).start + 10 * HOUR, value: 190, time: '10:00' });
    expect(s.weekdays.map((w) => w.mean)).toEqual([80, 120, 110, null, 60]);
    // Medians of Mon 09–11, Tue 09–12, Wed 08–09, Fri 10–11: the weekend is left out.
    expect(s.weekdayHours).toEqual({ from: '09:00', to: '11:00' });
    expect(s.previous).toEqual({ from: '2026-10-12', to: '2026-10-18', mean: 94, daysWithData: 2 });
    expect(s.changePct).toBeCloseTo(((mean - 94) / 94) * 100);
    expect(s.meanPctOfCapacity).toBeCloseTo((mean / 200) * 100);
    expect(s.barUnit).toBe('day');
    expect(s.bars.map((b) => b.mean)).toEqual([80, 120, 110, null, 60, 0, 5]);
  });

  it('makes a week bar the average while occupied of its hours, a partial edge week of its own days', () => {
    const period = { from: '2026-09-03', to: '2026-10-31' };
    const hours: Bucket[] = [];
    for (let d = 0; d < 59; d += 1) {
      const date = new Date(Date.UTC(2026, 8, 3 + d)).toISOString().slice(0, 10);
      // Day d has d+1 occupied hours of d+1 people each (so longer days weigh more).
      hours.push(...day(date, 8, Array.from({ length: (d % 10) + 1 }, () => d + 1)));
    }
    const s = summarizeRange({ period, zone, hours, previous: comparisonPeriod(period), previousHours: [] });
    expect(s.barUnit).toBe('week');
    const weighted = (ds: number[]) => ds.reduce((a, d) => a + ((d % 10) + 1) * (d + 1), 0) / ds.reduce((a, d) => a + (d % 10) + 1, 0);
    // Thu 3–Sun 6 Sep: days 0..3, weighted by their occupied hours, not a mean of day means.
    expect(s.bars[0]!.days).toBe(4);
    expect(s.bars[0]!.mean).toBeCloseTo(weighted([0, 1, 2, 3]));
    expect(s.bars[0]!.mean).not.toBeCloseTo((1 + 2 + 3 + 4) / 4);
    // Mon 7–Sun 13 Sep: days 4..10.
    expect(s.bars[1]!.days).toBe(7);
    expect(s.bars[1]!.mean).toBeCloseTo(weighted([4, 5, 6, 7, 8, 9, 10]));
    expect(s.changePct).toBeNull();
    expect(s.previous.mean).toBeNull();
  });

  it('ends the usual hours of a day occupied to midnight at 24:00, and has none without an occupied weekday', () => {
    const period = { from: '2026-10-19', to: '2026-10-20' };
    const late = summarizeRange({ period, zone, hours: day('2026-10-19', 20, [5, 5, 5, 5]), previous: comparisonPeriod(period), previousHours: [] });
    expect(late.weekdayHours).toEqual({ from: '20:00', to: '24:00' });
    const weekend = { from: '2026-10-24', to: '2026-10-25' };
    expect(summarizeRange({ period: weekend, zone, hours: day('2026-10-24', 9, [5]), previous: comparisonPeriod(weekend), previousHours: [] }).weekdayHours).toBeNull();
  });

  it('scores a day without anyone present 0, a day without buckets as missing', () => {
    expect(occupiedFigure([])).toBeNull();
    expect(occupiedFigure([{ start: 0, value: 0 }])).toBe(0);
    expect(occupiedFigure([{ start: 0, value: 0 }, { start: HOUR, value: 4 }, { start: 2 * HOUR, value: 2 }])).toBe(3);
  });

  it('groups hours by local day, summing buckets that share a start (a building reported per site)', () => {
    const start = dayWindow('2026-10-20', zone).start;
    const byDay = hoursByDay([{ start: start + HOUR, value: 3 }, { start: start + HOUR, value: 4 }, { start: start - HOUR, value: 1 }], zone);
    expect([...byDay.keys()]).toEqual(['2026-10-19', '2026-10-20']);
    expect(byDay.get('2026-10-20')).toEqual([{ start: start + HOUR, value: 7 }]);
  });
});
