import { IANAZone } from 'luxon';
import {
  dayNumOfIso,
  dayNumOfPartition,
  formatLocalIso,
  isoOfDayNum,
  isoWeekday,
  localMidnightMs,
  mondayOf,
  monthEndOf,
  partitionOfDayNum,
} from '../../../../dev/simulator/data/calendar';
import { buildFrame, quarterIso } from '../../../../dev/simulator/data/frame';
import { isPublished, isSimHoliday, publishedThrough, simHolidays } from '../../../../dev/simulator';

describe('day numbers', () => {
  test('round-trip ISO dates and partitions', () => {
    const d = dayNumOfIso('2024-02-29');
    expect(isoOfDayNum(d)).toBe('2024-02-29');
    expect(partitionOfDayNum(d)).toBe(20240229);
    expect(dayNumOfPartition(20240229, 'ceil')).toBe(d);
  });

  test('non-dates as bounds settle on the nearest real date in the right direction', () => {
    expect(isoOfDayNum(dayNumOfPartition(20250132, 'ceil'))).toBe('2025-02-01');
    expect(isoOfDayNum(dayNumOfPartition(20250132, 'floor'))).toBe('2025-01-31');
    expect(isoOfDayNum(dayNumOfPartition(20250100, 'ceil'))).toBe('2025-01-01');
    expect(isoOfDayNum(dayNumOfPartition(20250100, 'floor'))).toBe('2024-12-31');
    expect(isoOfDayNum(dayNumOfPartition(20251301, 'floor'))).toBe('2025-12-31');
  });

  test('weekdays, Mondays and month ends', () => {
    expect(isoWeekday(dayNumOfIso('2024-01-01'))).toBe(1);
    expect(isoWeekday(dayNumOfIso('2025-05-04'))).toBe(7);
    expect(isoOfDayNum(mondayOf(dayNumOfIso('2025-05-04')))).toBe('2025-04-28');
    expect(isoOfDayNum(monthEndOf(dayNumOfIso('2024-02-10')))).toBe('2024-02-29');
  });

  test('local midnight and ISO text with the local offset', () => {
    const ms = localMidnightMs(dayNumOfIso('2025-05-01'), IANAZone.create('America/Toronto'));
    expect(new Date(ms).toISOString()).toBe('2025-05-01T04:00:00.000Z');
    expect(formatLocalIso(ms, -240)).toBe('2025-05-01T00:00:00-04:00');
    expect(formatLocalIso(ms, 330)).toBe('2025-05-01T09:30:00+05:30');
    expect(formatLocalIso(ms, 0)).toBe('2025-05-01T04:00:00+00:00');
  });
});

describe('day frames', () => {
  test.each([
    ['America/Toronto', '2025-03-09', 92, 23],
    ['America/Toronto', '2025-11-02', 100, 25],
    ['Australia/Sydney', '2025-04-06', 100, 25],
    ['Australia/Sydney', '2025-10-05', 92, 23],
    ['Europe/London', '2025-03-30', 92, 23],
    ['Asia/Kolkata', '2025-03-09', 96, 24],
    ['America/Toronto', '2025-05-01', 96, 24],
  ])('%s %s has %i quarters in %i hours', (tz, iso, quarters, hours) => {
    const f = buildFrame(tz, dayNumOfIso(iso));
    expect(f.quarterMs.length).toBe(quarters);
    expect(f.hourStarts.length).toBe(hours);
  });

  test('a 25-hour day has two distinct 01:00 hours', () => {
    const f = buildFrame('America/Toronto', dayNumOfIso('2025-11-02'));
    const starts = f.hourStarts.map((i) => quarterIso(f, i));
    expect(starts.slice(0, 4)).toEqual([
      '2025-11-02T00:00:00-04:00',
      '2025-11-02T01:00:00-04:00',
      '2025-11-02T01:00:00-05:00',
      '2025-11-02T02:00:00-05:00',
    ]);
  });

  test('Kolkata hours start at local :00, half past the UTC hour', () => {
    const f = buildFrame('Asia/Kolkata', dayNumOfIso('2025-05-01'));
    expect(quarterIso(f, f.hourStarts[9] ?? 0)).toBe('2025-05-01T09:00:00+05:30');
    expect(new Date(f.quarterMs[f.hourStarts[9] ?? 0] ?? 0).toISOString()).toBe('2025-05-01T03:30:00.000Z');
  });
});

describe('publishing', () => {
  test('a local day is published once 04:00 local has passed on the next day', () => {
    // 03:59 and 04:00 in Toronto (EDT, UTC-4) on 2025-05-02
    expect(publishedThrough(71, new Date('2025-05-02T07:59:00Z'))).toBe('2025-04-30');
    expect(publishedThrough(71, new Date('2025-05-02T08:00:00Z'))).toBe('2025-05-01');
    // the same instant is already the afternoon of 2025-05-02 in Sydney
    expect(publishedThrough(118, new Date('2025-05-02T08:00:00Z'))).toBe('2025-05-01');
    // Kolkata is UTC+05:30: 04:00 local on 2025-05-02 is 22:30Z on 2025-05-01
    expect(publishedThrough(131, new Date('2025-05-01T22:29:00Z'))).toBe('2025-04-30');
    expect(publishedThrough(131, new Date('2025-05-01T22:30:00Z'))).toBe('2025-05-01');
    expect(isPublished(71, '2025-05-01', new Date('2025-05-02T08:00:00Z'))).toBe(true);
    expect(isPublished(71, '2025-05-02', new Date('2025-05-02T08:00:00Z'))).toBe(false);
  });

  test('unknown buildings are refused', () => {
    expect(() => publishedThrough(9999, new Date())).toThrow(RangeError);
  });
});

describe('holidays', () => {
  test('every building has Christmas, New Year and a local holiday', () => {
    for (const id of [71, 104, 118, 131]) {
      const list = simHolidays(id, 2025);
      expect(list).toEqual(expect.arrayContaining(['2025-01-01', '2025-12-25']));
      expect(list.length).toBeGreaterThan(2);
    }
    expect(isSimHoliday(71, '2025-07-01')).toBe(true);
    expect(isSimHoliday(104, '2025-08-25')).toBe(true); // last Monday of August
    expect(isSimHoliday(118, '2025-01-26')).toBe(true);
    expect(isSimHoliday(131, '2025-08-15')).toBe(true);
    expect(isSimHoliday(71, '2025-07-02')).toBe(false);
  });
});
