import fc from 'fast-check';
import { type Bucket, bucketsFromRows, hourlyBuckets, mergeBuckets, summarizeDay } from '../../../src/domain/summary';
import { dayWindow } from '../../../src/domain/time';
import type { InsightRow } from '../../../src/domain/occupancy';

const zone = 'America/Toronto';
const date = '2025-11-25';
const start = dayWindow(date, zone).start; // 2025-11-25T05:00Z
const H = 3_600_000;
const Q = 900_000;
const at = (hour: number, base = start) => base + hour * H;

/** 24 hourly buckets, zero except the given hours. */
function hourly(values: Record<number, number>, base = start): Bucket[] {
  return Array.from({ length: 24 }, (_, h) => ({ start: at(h, base), value: values[h] ?? 0 }));
}

describe('summarizeDay', () => {
  const lastWeekStart = dayWindow('2025-11-18', zone).start;
  const day = hourly({ 8: 40, 9: 80, 10: 120, 11: 60 });

  it('summarises a complete hourly day against last week and capacity', () => {
    const s = summarizeDay({
      buckets: day,
      granularity: 'PT1H',
      zone,
      date,
      capacity: 200,
      lastWeek: hourly({ 8: 20, 9: 40, 10: 60, 11: 30 }, lastWeekStart),
    });
    expect(s).toEqual({
      date,
      zone,
      granularity: 'PT1H',
      bucketCount: 24,
      expectedBucketCount: 24,
      missingBucketCount: 0,
      gaps: [],
      // While occupied: 08:00–12:00, (40 + 80 + 120 + 60) / 4; the 24-hour mean counts the night.
      mean: 75,
      occupiedBucketCount: 4,
      occupied: { start: at(8), end: at(12), time: '08:00', endTime: '12:00' },
      dayMean: 12.5,
      peak: { start: at(10), value: 120, time: '10:00' },
      busiestHour: { start: at(10), end: at(11), mean: 120, time: '10:00', endTime: '11:00' },
      capacity: 200,
      meanPctOfCapacity: 37.5,
      peakPctOfCapacity: 60,
      lastWeek: { date: '2025-11-18', mean: 37.5, peak: { start: at(10, lastWeekStart), value: 60, time: '10:00' }, bucketCount: 24 },
      changeVsLastWeekPct: 100,
      dataThrough: { date, zone },
    });
  });

  it('counts missing buckets and reports them as runs', () => {
    const gappy = day.filter((_, h) => h !== 2 && h !== 3 && h !== 20);
    const s = summarizeDay({ buckets: gappy, granularity: 'PT1H', zone, date });
    expect(s.bucketCount).toBe(21);
    expect(s.missingBucketCount).toBe(3);
    expect(s.gaps).toEqual([
      { start: at(2), end: at(4) },
      { start: at(20), end: at(21) },
    ]);
    // The means cover the buckets present; missing ones are not zeros.
    expect(s.dayMean).toBeCloseTo(300 / 21, 12);
    expect(s.mean).toBe(75);
  });

  it('reports a gap running to the end of the day', () => {
    const s = summarizeDay({ buckets: day.slice(0, 22), granularity: 'PT1H', zone, date });
    expect(s.gaps).toEqual([{ start: at(22), end: at(24) }]);
  });

  it('has no change when last week is missing, empty or zero', () => {
    const base = { buckets: day, granularity: 'PT1H' as const, zone, date };
    expect(summarizeDay(base)).toMatchObject({ lastWeek: null, changeVsLastWeekPct: null });
    expect(summarizeDay({ ...base, lastWeek: [] })).toMatchObject({ lastWeek: null, changeVsLastWeekPct: null });
    expect(summarizeDay({ ...base, lastWeek: null })).toMatchObject({ lastWeek: null, changeVsLastWeekPct: null });
    // Nobody there last week: no average while occupied to compare with.
    const zero = summarizeDay({ ...base, lastWeek: hourly({}, lastWeekStart) });
    expect(zero.lastWeek).toBeNull();
    expect(zero.changeVsLastWeekPct).toBeNull();
  });

  it('reports a fall against last week as a negative percentage', () => {
    const s = summarizeDay({ buckets: day, granularity: 'PT1H', zone, date, lastWeek: hourly({ 10: 400 }, lastWeekStart) });
    expect(s.changeVsLastWeekPct).toBeCloseTo(((75 - 400) / 400) * 100, 10);
    expect(s.changeVsLastWeekPct).toBeLessThan(0);
  });

  it('leaves capacity percentages out when capacity is unknown', () => {
    for (const capacity of [undefined, null, 0, -5]) {
      expect(summarizeDay({ buckets: day, granularity: 'PT1H', zone, date, capacity })).toMatchObject({
        capacity: null,
        meanPctOfCapacity: null,
        peakPctOfCapacity: null,
      });
    }
  });

  it('finds the busiest hour from quarter-hours, which may differ from the peak bucket', () => {
    const buckets: Bucket[] = Array.from({ length: 96 }, (_, i) => ({ start: start + i * Q, value: 0 }));
    const set = (hour: number, values: number[]) => values.forEach((v, q) => ((buckets[hour * 4 + q] as { value: number }).value = v));
    set(9, [100, 0, 0, 0]);
    set(10, [50, 50, 50, 50]);
    const s = summarizeDay({ buckets, granularity: 'PT15M', zone, date });
    expect(s.expectedBucketCount).toBe(96);
    expect(s.peak).toEqual({ start: at(9), value: 100, time: '09:00' });
    expect(s.busiestHour).toEqual({ start: at(10), end: at(11), mean: 50, time: '10:00', endTime: '11:00' });
  });

  it('averages a partly missing hour over the quarter-hours present', () => {
    const buckets: Bucket[] = [
      { start: at(9), value: 30 },
      { start: at(9) + Q, value: 50 },
      { start: at(10), value: 35 },
    ];
    const s = summarizeDay({ buckets, granularity: 'PT15M', zone, date });
    expect(s.busiestHour).toMatchObject({ start: at(9), mean: 40 });
    expect(s.missingBucketCount).toBe(93);
  });

  it('has no busiest hour at P1D and treats the day as one bucket', () => {
    const s = summarizeDay({ buckets: [{ start, value: 42 }], granularity: 'P1D', zone, date, capacity: 84 });
    expect(s).toMatchObject({ bucketCount: 1, expectedBucketCount: 1, missingBucketCount: 0, mean: 42, busiestHour: null, meanPctOfCapacity: 50 });
  });

  it('says nothing rather than inventing numbers for an empty day', () => {
    const s = summarizeDay({ buckets: [], granularity: 'P1D', zone: 'America/New_York', date: '2025-11-02', capacity: 10 });
    expect(s).toMatchObject({ mean: null, peak: null, busiestHour: null, meanPctOfCapacity: null, peakPctOfCapacity: null, missingBucketCount: 1 });
    // The missing day is the 25-hour local day.
    expect(s.gaps).toEqual([{ start: Date.parse('2025-11-02T04:00:00Z'), end: Date.parse('2025-11-03T05:00:00Z') }]);
  });

  it('sums buckets sharing a start (a building reported per site)', () => {
    const s = summarizeDay({
      buckets: [
        { start: at(9), value: 10 },
        { start: at(9), value: 15 },
        { start: at(10), value: 5 },
      ],
      granularity: 'PT1H',
      zone,
      date,
    });
    expect(s).toMatchObject({ bucketCount: 2, mean: 15, peak: { value: 25, time: '09:00' } });
  });

  it('handles the 25-hour fall-back day: both 01:00 hours are separate buckets and hours', () => {
    const ny = 'America/New_York';
    const w = dayWindow('2025-11-02', ny);
    const buckets = Array.from({ length: 25 }, (_, i) => ({ start: w.start + i * H, value: i === 2 ? 99 : 1 }));
    const s = summarizeDay({ buckets, granularity: 'PT1H', zone: ny, date: '2025-11-02' });
    expect(s).toMatchObject({ bucketCount: 25, expectedBucketCount: 25, missingBucketCount: 0 });
    // Index 2 is the second 01:00 (EST).
    expect(s.peak).toEqual({ start: Date.parse('2025-11-02T06:00:00Z'), value: 99, time: '01:00' });
    expect(s.busiestHour).toMatchObject({ start: Date.parse('2025-11-02T06:00:00Z'), time: '01:00', endTime: '02:00' });
    const quarters = Array.from({ length: 100 }, (_, i) => ({ start: w.start + i * Q, value: 1 }));
    expect(hourlyBuckets(quarters, ny)).toHaveLength(25);
  });

  it('handles the 23-hour spring-forward day in Sydney', () => {
    const syd = 'Australia/Sydney';
    const w = dayWindow('2025-10-05', syd);
    const buckets = Array.from({ length: 23 }, (_, i) => ({ start: w.start + i * H, value: i }));
    const s = summarizeDay({ buckets, granularity: 'PT1H', zone: syd, date: '2025-10-05' });
    // Bucket 0 is empty: 1…22 were occupied, from 01:00 to the end of the day's last hour.
    expect(s).toMatchObject({ bucketCount: 23, expectedBucketCount: 23, missingBucketCount: 0, mean: 11.5, dayMean: 11 });
    expect(s.occupied).toMatchObject({ time: '01:00', end: w.end });
    expect(s.peak?.time).toBe('23:00');
  });

  it('reads local times in a half-hour zone', () => {
    const ist = 'Asia/Kolkata';
    const w = dayWindow(date, ist);
    const s = summarizeDay({ buckets: hourly({ 12: 70 }, w.start), granularity: 'PT1H', zone: ist, date });
    expect(s.peak).toEqual({ start: Date.parse('2025-11-25T06:30:00Z'), value: 70, time: '12:00' });
    expect(s.missingBucketCount).toBe(0);
  });

  it('has no average while occupied, nor hours, on a day nobody was present', () => {
    const s = summarizeDay({ buckets: hourly({}), granularity: 'PT1H', zone, date, capacity: 50 });
    expect(s).toMatchObject({ bucketCount: 24, occupiedBucketCount: 0, mean: null, occupied: null, dayMean: 0, meanPctOfCapacity: null });
    expect(s.peak?.value).toBe(0);
  });

  it('has no occupied hours at P1D: a day is one bucket', () => {
    const s = summarizeDay({ buckets: [{ start, value: 42 }], granularity: 'P1D', zone, date });
    expect(s).toMatchObject({ mean: 42, dayMean: 42, occupied: null, occupiedBucketCount: 1 });
  });

  describe('the definitions, for any day', () => {
    const days = fc.uniqueArray(
      fc.record({ start: fc.integer({ min: 0, max: 95 }), value: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e5, noNaN: true })) }),
      { minLength: 1, maxLength: 96, selector: (b) => b.start },
    );
    const summarise = (raw: { start: number; value: number }[], capacity: number | null = null) =>
      summarizeDay({ buckets: raw.map((b) => ({ start: start + b.start * Q, value: b.value })), granularity: 'PT15M', zone, date, capacity });

    it('the average while occupied is the mean of the buckets above zero, never below the 24-hour mean', () => {
      fc.assert(
        fc.property(days, (raw) => {
          const s = summarise(raw);
          const occupied = raw.filter((b) => b.value > 0).map((b) => b.value);
          const all = raw.map((b) => b.value);
          const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
          const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
          if (occupied.length === 0) return s.mean === null && s.occupied === null && s.occupiedBucketCount === 0;
          return (
            s.mean !== null && close(s.mean, sum(occupied) / occupied.length) && s.dayMean !== null && close(s.dayMean, sum(all) / all.length) &&
            s.mean >= s.dayMean - 1e-9 * Math.max(1, s.mean) && s.occupiedBucketCount === occupied.length
          );
        }),
      );
    });

    it('the occupied hours run from the first occupied bucket to the end of the last, and hold every occupied bucket', () => {
      fc.assert(
        fc.property(days, (raw) => {
          const s = summarise(raw);
          const starts = raw.filter((b) => b.value > 0).map((b) => start + b.start * Q);
          if (starts.length === 0) return s.occupied === null;
          return s.occupied !== null && s.occupied.start === Math.min(...starts) && s.occupied.end === Math.max(...starts) + Q;
        }),
      );
    });

    it('% of capacity is the average while occupied over capacity; the peak is the highest bucket', () => {
      fc.assert(
        fc.property(days, fc.integer({ min: 1, max: 10_000 }), (raw, capacity) => {
          const s = summarise(raw, capacity);
          const pctOk = s.mean === null ? s.meanPctOfCapacity === null : Math.abs((s.meanPctOfCapacity ?? NaN) - (s.mean / capacity) * 100) < 1e-9 * Math.max(1, s.mean);
          return pctOk && s.peak?.value === Math.max(...raw.map((b) => b.value));
        }),
      );
    });
  });

  it('keeps the 24-hour mean between the smallest and largest bucket', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ start: fc.integer({ min: 0, max: 10_000 }), value: fc.double({ min: 0, max: 1e6, noNaN: true }) }), {
          minLength: 1,
          maxLength: 120,
          selector: (b) => b.start,
        }),
        (raw) => {
          const buckets = raw.map((b) => ({ start: start + b.start * Q, value: b.value }));
          const s = summarizeDay({ buckets, granularity: 'PT15M', zone, date });
          const values = buckets.map((b) => b.value);
          const min = Math.min(...values);
          const max = Math.max(...values);
          const slack = 1e-9 * Math.max(1, max);
          return s.dayMean !== null && s.dayMean >= min - slack && s.dayMean <= max + slack && s.peak?.value === max;
        },
      ),
    );
  });
});

describe('bucketsFromRows', () => {
  const row = (siteId: number, startMs: number, occupancyMean: number): InsightRow => ({
    buildingId: 71,
    siteId,
    zoneId: null,
    zoneType: null,
    datePartition: 20251125,
    start: startMs,
    startText: new Date(startMs).toISOString(),
    granularity: 'PT1H',
    groupId: '00000000-0000-0000-0000-000000000000',
    occupancyMean,
    occupancyPosMean: null,
    occupancyMax: null,
  });

  it('sums the sites of a building per bucket, in time order', () => {
    expect(bucketsFromRows([row(2, at(10), 5), row(1, at(9), 1), row(1, at(10), 7), row(2, at(9), 2)])).toEqual([
      { start: at(9), value: 3 },
      { start: at(10), value: 12 },
    ]);
  });

  it('drops non-finite values', () => {
    expect(mergeBuckets([{ start: at(9), value: Number.NaN }, { start: at(10), value: 1 }])).toEqual([{ start: at(10), value: 1 }]);
  });
});
