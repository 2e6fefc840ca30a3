import { DateTime } from 'luxon';
import { History, MIN_BASELINE_WEEKS, hasEnoughHistory, percentOfUsual, usualSlotText } from '../../../src/domain/baseline';

const ZONE = 'America/Toronto';
const at = (iso: string, zone = ZONE) => DateTime.fromISO(iso, { zone }).toMillis();
const hourly = (buckets: [string, number][], zone = ZONE) => new History(buckets.map(([iso, value]) => ({ start: at(iso, zone), value })), 'PT1H', zone);

describe('the usual level of a bucket', () => {
  test('is the mean of the same weekday and hour over the 4 weeks before it; other hours and days do not count', () => {
    const history = hourly([
      ['2026-10-13T10:00', 90],
      ['2026-10-20T10:00', 100],
      ['2026-10-27T10:00', 96],
      ['2026-11-03T10:00', 106],
      // Same day, other hours; same hour, other days; five weeks back: none of them.
      ['2026-11-03T09:00', 500],
      ['2026-11-03T11:00', 500],
      ['2026-11-04T10:00', 500],
      ['2026-10-06T10:00', 500],
    ]);
    expect(history.usualAt(at('2026-11-10T10:00'))).toEqual({ value: 98, weeks: 4 });
  });

  test('leaves a missing week out of the mean, and is too little history below 2 of the 4 weeks', () => {
    const two = hourly([
      ['2026-10-20T10:00', 80],
      ['2026-11-03T10:00', 120],
    ]);
    const two_usual = two.usualAt(at('2026-11-10T10:00'));
    expect(two_usual).toEqual({ value: 100, weeks: 2 });
    expect(two_usual && hasEnoughHistory(two_usual)).toBe(true);

    const one = hourly([['2026-11-03T10:00', 120]]).usualAt(at('2026-11-10T10:00'));
    expect(one).toEqual({ value: 120, weeks: 1 });
    expect(one && hasEnoughHistory(one)).toBe(false);
    expect(MIN_BASELINE_WEEKS).toBe(2);
    expect(hourly([]).usualAt(at('2026-11-10T10:00'))).toBeNull();
  });

  test('counts a holiday (a bucket of 0 people) as a real week, unlike a week with no bucket at all', () => {
    const holiday = hourly([
      ['2026-10-13T10:00', 100],
      ['2026-10-20T10:00', 100],
      ['2026-10-27T10:00', 100],
      ['2026-11-03T10:00', 0],
    ]);
    expect(holiday.usualAt(at('2026-11-10T10:00'))).toEqual({ value: 75, weeks: 4 });
    const missing = hourly([
      ['2026-10-13T10:00', 100],
      ['2026-10-20T10:00', 100],
      ['2026-10-27T10:00', 100],
    ]);
    expect(missing.usualAt(at('2026-11-10T10:00'))).toEqual({ value: 100, weeks: 3 });
  });

  test('matches weeks on the wall clock across a daylight-saving change', () => {
    // Toronto leaves daylight time on Sun 1 Nov 2026: Tue 3 Nov 10:00 is 15:00 UTC, the Tuesdays before are 14:00 UTC.
    const history = hourly([
      ['2026-10-13T10:00', 100],
      ['2026-10-20T10:00', 100],
      ['2026-10-27T10:00', 100],
      ['2026-10-27T11:00', 999],
      ['2026-10-27T09:00', 999],
    ]);
    const target = at('2026-11-03T10:00');
    expect(target - at('2026-10-27T10:00')).toBe(7 * 24 * 3_600_000 + 3_600_000);
    expect(history.usualAt(target)).toEqual({ value: 100, weeks: 3 });
  });

  test('an hour a DST change skipped is a missing week; an hour it repeated reads as the mean of both', () => {
    // Sun 8 Mar 2026 has no 02:00 in Toronto; Sun 1 Nov 2026 has 01:00 twice.
    const spring = hourly([
      ['2026-02-15T02:00', 10],
      ['2026-02-22T02:00', 20],
      ['2026-03-01T02:00', 30],
    ]);
    expect(spring.usualAt(at('2026-03-15T02:00'))).toEqual({ value: 20, weeks: 3 });

    // Luxon reads the ambiguous wall time as its later instant; the earlier is an hour before.
    const secondOne = at('2026-11-01T01:00');
    const firstOne = secondOne - 3_600_000;
    expect(usualSlotText(firstOne, 'PT1H', ZONE)).toBe('Sun 01:00');
    const fall = new History([
      { start: firstOne, value: 40 },
      { start: secondOne, value: 60 },
      { start: at('2026-10-25T01:00'), value: 50 },
    ], 'PT1H', ZONE);
    expect(usualSlotText(secondOne, 'PT1H', ZONE)).toBe('Sun 01:00');
    expect(fall.usualAt(at('2026-11-08T01:00'))).toEqual({ value: 50, weeks: 2 });
  });

  test('daily rules compare the same weekday\'s day', () => {
    const day = (iso: string) => ({ start: at(`${iso}T00:00`), value: Number(iso.slice(-2)) });
    const history = new History([day('2026-11-02'), day('2026-11-09'), day('2026-11-10')], 'P1D', ZONE);
    expect(history.usualAt(at('2026-11-16T00:00'))).toEqual({ value: 5.5, weeks: 2 });
    expect(usualSlotText(at('2026-11-16T00:00'), 'P1D', ZONE)).toBe('Mon');
  });

  test('a bucket as a share of its usual level; nothing usual gives no share', () => {
    expect(percentOfUsual(143, { value: 98, weeks: 4 })).toBeCloseTo(145.918, 2);
    expect(percentOfUsual(0, { value: 50, weeks: 2 })).toBe(0);
    expect(percentOfUsual(5, { value: 0, weeks: 4 })).toBeNull();
    expect(usualSlotText(at('2026-11-10T10:00'), 'PT1H', ZONE)).toBe('Tue 10:00');
  });
});
