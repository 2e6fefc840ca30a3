import { runBacktest } from '../../../../src/services/alerts/backtest';
import { bucketEnd, inQuietHours, isPublishLate, toReadings } from '../../../../src/services/alerts/readings';

const HOUR = 3_600_000;
const TORONTO = 'America/Toronto';

describe('alert readings and calendar', () => {
  it('a daily bucket ends at the next local midnight, 25 hours later on the fall-back day', () => {
    const start = Date.parse('2026-11-01T04:00:00Z'); // 00:00 EDT, Sun 1 Nov 2026
    expect(bucketEnd(start, 'P1D', TORONTO) - start).toBe(25 * HOUR);
    expect(bucketEnd(start, 'PT1H', TORONTO) - start).toBe(HOUR);
  });

  it('percent readings need a capacity; people readings do not', () => {
    const buckets = [{ start: 0, value: 50 }];
    expect(toReadings(buckets, { measure: 'percent', capacity: 200 }, 'PT1H', 'UTC')).toEqual([{ start: 0, end: HOUR, value: 25 }]);
    expect(toReadings(buckets, { measure: 'percent', capacity: null }, 'PT1H', 'UTC')).toEqual([]);
    expect(toReadings(buckets, { measure: 'people', capacity: null }, 'PT1H', 'UTC')).toEqual([{ start: 0, end: HOUR, value: 50 }]);
  });

  it('the publish is late once the next day is overdue by more than the allowance', () => {
    // Last bucket held: 23:00 Tue 24 Nov Toronto. Wed 25 Nov is due Thu 26 Nov 04:00 local (09:00Z).
    const last = Date.parse('2026-11-25T04:00:00Z');
    const due = Date.parse('2026-11-26T09:00:00Z');
    expect(isPublishLate(last, 0, TORONTO, due + 36 * HOUR, 36)).toBe(false);
    expect(isPublishLate(last, 0, TORONTO, due + 36 * HOUR + 1, 36)).toBe(true);
    expect(isPublishLate(last, 0, TORONTO, due + 2 * HOUR, 1)).toBe(true);
  });

  it('quiet hours are read on the zone clock and may wrap past midnight', () => {
    const quiet = { start: '22:00', end: '07:00', zone: TORONTO };
    expect(inQuietHours(Date.parse('2026-11-26T04:00:00Z'), quiet)).toBe(true); // 23:00 local
    expect(inQuietHours(Date.parse('2026-11-26T11:00:00Z'), quiet)).toBe(true); // 06:00 local
    expect(inQuietHours(Date.parse('2026-11-26T12:00:00Z'), quiet)).toBe(false); // 07:00 local
    expect(inQuietHours(Date.parse('2026-11-26T17:00:00Z'), { start: '09:00', end: '17:00', zone: TORONTO })).toBe(true); // 12:00
    expect(inQuietHours(Date.parse('2026-11-26T17:00:00Z'), null)).toBe(false);
  });

  it('the backtest runs the live machine and dates each episode on the local calendar', () => {
    const day1 = Date.parse('2026-11-23T05:00:00Z');
    // 30 hours from midnight Mon 23 Nov: busy from 10:00 to 12:00 on the Monday only.
    const values = Array.from({ length: 30 }, (_, h) => (h >= 10 && h < 12 ? 90 : 20));
    const readings = values.map((value, i) => ({ start: day1 + i * HOUR, end: day1 + (i + 1) * HOUR, value }));
    const result = runBacktest({ direction: 'above', threshold: 80, recovery: 70, minDuration: 2 }, readings, TORONTO);
    expect(result.episodeDates).toEqual(['2026-11-23']);
    expect(result.days).toBe(2);
    expect(result.messages).toEqual([{ date: '2026-11-23', episodes: 1 }]);
  });

  it('the backtest groups episodes as live alerts do: one message per nightly publish', () => {
    const day1 = Date.parse('2026-11-23T05:00:00Z');
    // Mon: 09:00–10:00 and 14:00–15:00; Tue: 10:00–11:00; an episode from 23:00 Tue fires at 00:00 Wed, in Wednesday's publish.
    const busy = new Set([9, 10, 14, 15, 24 + 10, 24 + 11, 24 + 23, 48]);
    const readings = Array.from({ length: 60 }, (_, h) => ({ start: day1 + h * HOUR, end: day1 + (h + 1) * HOUR, value: busy.has(h) ? 90 : 20 }));
    const result = runBacktest({ direction: 'above', threshold: 80, recovery: 70, minDuration: 2 }, readings, TORONTO);
    expect(result.episodeDates).toEqual(['2026-11-23', '2026-11-23', '2026-11-24', '2026-11-24']);
    expect(result.messages).toEqual([
      { date: '2026-11-23', episodes: 2 },
      { date: '2026-11-24', episodes: 1 },
      { date: '2026-11-25', episodes: 1 },
    ]);
  });
});
