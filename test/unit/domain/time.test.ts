import fc from 'fast-check';
import { DateTime } from 'luxon';
import { BadInputError } from '../../../src/errors';
import {
  addDays,
  assertZone,
  awaitedDay,
  latestDaySearch,
  compareDates,
  dayWindow,
  expectedBucketStarts,
  formatDay,
  formatDayShort,
  formatLocalTime,
  formatTimeRange,
  isPublished,
  isValidZone,
  latestCompleteDay,
  localDateOf,
  localHourStart,
  localToday,
  parseDateArg,
  parseDatePartition,
  parseIsoDate,
  sameWeekdayWeekEarlier,
  toDatePartition,
  weekdayName,
} from '../../../src/domain/time';
import { fromDatePartition } from '../../support/time';

const utc = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('dayWindow', () => {
  it.each([
    ['America/New_York', '2025-11-25', '2025-11-25T05:00:00.000Z', '2025-11-26T05:00:00.000Z', 24],
    ['America/New_York', '2025-03-09', '2025-03-09T05:00:00.000Z', '2025-03-10T04:00:00.000Z', 23],
    ['America/New_York', '2025-11-02', '2025-11-02T04:00:00.000Z', '2025-11-03T05:00:00.000Z', 25],
    ['Australia/Sydney', '2025-04-06', '2025-04-05T13:00:00.000Z', '2025-04-06T14:00:00.000Z', 25],
    ['Australia/Sydney', '2025-10-05', '2025-10-04T14:00:00.000Z', '2025-10-05T13:00:00.000Z', 23],
    ['Asia/Kolkata', '2025-11-25', '2025-11-24T18:30:00.000Z', '2025-11-25T18:30:00.000Z', 24],
    // Chile springs forward at midnight: the day starts at 01:00 local.
    ['America/Santiago', '2025-09-07', '2025-09-07T04:00:00.000Z', '2025-09-08T03:00:00.000Z', 23],
  ])('%s %s runs from %s to %s (%d h)', (zone, date, start, end, hours) => {
    const w = dayWindow(date, zone);
    expect({ start: iso(w.start), end: iso(w.end), hours: w.hours, date: w.date, zone: w.zone }).toEqual({ start, end, hours, date, zone });
  });

  it('rejects an unknown zone and a malformed date with BAD_INPUT', () => {
    expect(() => dayWindow('2025-11-25', 'Mars/Olympus')).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => dayWindow('2025-13-40', 'UTC')).toThrow(BadInputError);
  });
});

describe('expectedBucketStarts', () => {
  it.each([
    ['America/New_York', '2025-03-09', 'PT15M', 92],
    ['America/New_York', '2025-03-09', 'PT1H', 23],
    ['America/New_York', '2025-11-02', 'PT15M', 100],
    ['America/New_York', '2025-11-02', 'PT1H', 25],
    ['Australia/Sydney', '2025-10-05', 'PT1H', 23],
    ['Asia/Kolkata', '2025-11-25', 'PT15M', 96],
    ['Asia/Kolkata', '2025-11-25', 'P1D', 1],
  ] as const)('%s %s at %s has %d buckets', (zone, date, granularity, n) => {
    const starts = expectedBucketStarts(date, zone, granularity);
    expect(starts).toHaveLength(n);
    expect(starts[0]).toBe(dayWindow(date, zone).start);
  });

  it('steps in absolute time across the fall-back hour', () => {
    const starts = expectedBucketStarts('2025-11-02', 'America/New_York', 'PT1H').map((t) => formatLocalTime(t, 'America/New_York'));
    expect(starts.slice(0, 4)).toEqual(['00:00', '01:00', '01:00', '02:00']);
  });
});

describe('localHourStart', () => {
  it('floors to the local hour in a half-hour zone', () => {
    expect(iso(localHourStart(utc('2025-11-25T07:10:00Z'), 'Asia/Kolkata'))).toBe('2025-11-25T06:30:00.000Z');
  });
  it('keeps the two 01:00 hours of a fall-back day apart', () => {
    expect(iso(localHourStart(utc('2025-11-02T05:30:00Z'), 'America/New_York'))).toBe('2025-11-02T05:00:00.000Z');
    expect(iso(localHourStart(utc('2025-11-02T06:30:00Z'), 'America/New_York'))).toBe('2025-11-02T06:00:00.000Z');
  });
});

describe('today, yesterday and the latest complete day', () => {
  it('computes today in the building zone, not in UTC', () => {
    const now = new Date('2025-11-26T03:00:00Z');
    expect(localToday('America/Toronto', now)).toBe('2025-11-25');
    expect(localToday('Asia/Kolkata', now)).toBe('2025-11-26');
  });

  it('accepts Date, epoch ms and luxon DateTime as now', () => {
    const ms = utc('2025-11-26T03:00:00Z');
    expect(localToday('UTC', ms)).toBe('2025-11-26');
    expect(localToday('UTC', DateTime.fromMillis(ms))).toBe('2025-11-26');
  });

  it.each([
    // zone, now (UTC), expected, local wall clock
    ['America/Toronto', '2025-11-26T04:59:00Z', '2025-11-24'], // 23:59 on the 25th
    ['America/Toronto', '2025-11-26T05:00:00Z', '2025-11-24'], // 00:00 on the 26th: midnight alone changes nothing
    ['America/Toronto', '2025-11-26T08:59:00Z', '2025-11-24'], // 03:59
    ['America/Toronto', '2025-11-26T09:00:00Z', '2025-11-25'], // 04:00: published
    ['Australia/Sydney', '2025-11-25T16:59:00Z', '2025-11-24'], // 03:59 on the 26th
    ['Australia/Sydney', '2025-11-25T17:00:00Z', '2025-11-25'], // 04:00 on the 26th, still the 25th in UTC
    ['Asia/Kolkata', '2025-11-25T22:29:00Z', '2025-11-24'], // 03:59 on the 26th
    ['Asia/Kolkata', '2025-11-25T22:30:00Z', '2025-11-25'], // 04:00
    ['Pacific/Kiritimati', '2025-11-26T03:00:00Z', '2025-11-25'], // 17:00 on the 26th
    ['Pacific/Honolulu', '2025-11-26T03:00:00Z', '2025-11-24'], // 17:00 on the 25th
  ])('in %s at %s the latest complete day is %s', (zone, now, expected) => {
    expect(latestCompleteDay(zone, new Date(now))).toBe(expected);
  });

  it('honours a custom publish hour', () => {
    const now = new Date('2025-11-26T10:30:00Z'); // 05:30 in Toronto
    expect(latestCompleteDay('America/Toronto', now, 6)).toBe('2025-11-24');
    expect(latestCompleteDay('America/Toronto', now, 5)).toBe('2025-11-25');
    expect(latestCompleteDay('America/Toronto', new Date('2025-11-26T05:00:00Z'), 0)).toBe('2025-11-25');
  });

  it('uses the local hour on a DST change night', () => {
    // 2025-11-02 08:30Z is 03:30 EST, after the 02:00 EDT -> 01:00 EST fall-back.
    expect(latestCompleteDay('America/New_York', new Date('2025-11-02T08:30:00Z'))).toBe('2025-10-31');
    expect(latestCompleteDay('America/New_York', new Date('2025-11-02T09:00:00Z'))).toBe('2025-11-01');
  });

  it('rejects a publish hour outside 0..23', () => {
    expect(() => latestCompleteDay('UTC', 0, 24)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => latestCompleteDay('UTC', 0, 3.5)).toThrow(BadInputError);
  });

  it('tells whether a day is published', () => {
    const now = new Date('2025-11-26T09:00:00Z');
    expect(isPublished('2025-11-25', 'America/Toronto', now)).toBe(true);
    expect(isPublished('2025-11-26', 'America/Toronto', now)).toBe(false);
    expect(isPublished('2025-11-25', 'America/Toronto', new Date('2025-11-26T08:00:00Z'))).toBe(false);
  });
});

describe('DATE_PARTITION', () => {
  it('converts both ways', () => {
    expect(toDatePartition('2025-11-25')).toBe(20251125);
    expect(fromDatePartition(20251125)).toBe('2025-11-25');
    expect(fromDatePartition(20240229)).toBe('2024-02-29');
  });

  it.each([20250230, 20251301, 20251100, 2025112, 202511250, 20251125.5, -20251125, Number.NaN])('refuses %p', (p) => {
    expect(parseDatePartition(p)).toBeNull();
    expect(() => fromDatePartition(p)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });

  it('gives the local date of an instant', () => {
    const t = utc('2025-11-26T03:00:00Z');
    expect(localDateOf(t, 'America/Toronto')).toBe('2025-11-25');
    expect(localDateOf(t, 'Asia/Kolkata')).toBe('2025-11-26');
    expect(localDateOf(t, 'UTC')).toBe('2025-11-26');
  });

  it('round-trips every date from 1900 to 2199', () => {
    const dates = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(dates, (d) => {
        const date = d.toISOString().slice(0, 10);
        const p = toDatePartition(date);
        return fromDatePartition(p) === date && String(p) === date.replace(/-/g, '');
      }),
    );
  });
});

describe('calendar arithmetic', () => {
  it('validates ISO dates strictly', () => {
    expect(parseIsoDate('2025-11-25')).toBe('2025-11-25');
    expect(parseIsoDate('2025-02-29')).toBeNull();
    expect(parseIsoDate('2025-1-5')).toBeNull();
    expect(parseIsoDate('2025-11-25T00:00')).toBeNull();
  });

  it('adds days across month, year and DST boundaries', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2025-03-09', 1)).toBe('2025-03-10');
    expect(sameWeekdayWeekEarlier('2025-11-25')).toBe('2025-11-18');
    expect(sameWeekdayWeekEarlier('2025-03-05')).toBe('2025-02-26');
  });

  it('agrees with the calendar of luxon on every date and offset (seeded)', () => {
    const iso = fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9980-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(iso, fc.integer({ min: -4000, max: 4000 }), fc.string({ maxLength: 10 }), (date, days, junk) => {
        expect(addDays(date, days)).toBe(DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toFormat('yyyy-MM-dd'));
        expect(parseIsoDate(date)).toBe(date);
        expect(parseIsoDate(junk)).toBe(DateTime.fromFormat(junk, 'yyyy-MM-dd', { zone: 'UTC' }).isValid && /^\d{4}-\d{2}-\d{2}$/.test(junk) ? junk : null);
        expect(Math.sign(compareDates(date, addDays(date, days))) || 0).toBe(Math.sign(-days) || 0);
      }),
      { seed: 20261204, numRuns: 500 },
    );
    for (const bad of ['2025-02-30', '2025-13-01', '2025-00-10', '2025-04-31', '0000-00-00']) expect(parseIsoDate(bad)).toBeNull();
    expect(parseIsoDate('2024-02-29')).toBe('2024-02-29');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });

  it('compares dates', () => {
    expect(compareDates('2025-11-24', '2025-11-25')).toBeLessThan(0);
    expect(compareDates('2025-11-25', '2025-11-25')).toBe(0);
    expect(compareDates('2026-01-01', '2025-12-31')).toBeGreaterThan(0);
  });

  it('knows zones', () => {
    expect(isValidZone('America/Toronto')).toBe(true);
    expect(isValidZone('Mars/Olympus')).toBe(false);
    expect(isValidZone('')).toBe(false);
    expect(assertZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(() => assertZone('Mars/Olympus')).toThrow(expect.objectContaining({ code: 'BAD_INPUT', field: 'zone', value: 'Mars/Olympus' }));
  });
});

describe('words for people', () => {
  it('formats a day, with the year only when it is not the current one', () => {
    expect(formatDay('2025-11-25')).toBe('Tue 25 Nov');
    expect(formatDay('2025-11-25', '2025-11-26')).toBe('Tue 25 Nov');
    expect(formatDay('2025-12-30', '2026-01-02')).toBe('Tue 30 Dec 2025');
    expect(formatDay('2025-09-02')).toBe('Tue 2 Sep');
    expect(formatDayShort('2025-11-24')).toBe('Mon 24');
    expect(weekdayName('2025-11-25')).toBe('Tuesday');
  });

  it('formats local times', () => {
    expect(formatLocalTime(utc('2025-11-25T17:00:00Z'), 'America/Toronto')).toBe('12:00');
    expect(formatLocalTime(utc('2025-11-25T06:30:00Z'), 'Asia/Kolkata')).toBe('12:00');
    expect(formatTimeRange(utc('2025-11-25T17:00:00Z'), utc('2025-11-25T18:00:00Z'), 'America/Toronto')).toBe('12:00–13:00');
  });
});

describe('parseDateArg', () => {
  // Tuesday 25 Nov 2025, 10:00 in Toronto.
  const now = new Date('2025-11-25T15:00:00Z');
  const zone = 'America/Toronto';

  it.each([
    ['today', '2025-11-25', 'today'],
    [' TODAY ', '2025-11-25', 'today'],
    ['Yesterday', '2025-11-24', 'yesterday'],
    ['monday', '2025-11-24', 'weekday'],
    ['Mon', '2025-11-24', 'weekday'],
    ['tuesday', '2025-11-18', 'weekday'],
    ['TUE', '2025-11-18', 'weekday'],
    ['wednesday', '2025-11-19', 'weekday'],
    ['thu', '2025-11-20', 'weekday'],
    ['thurs', '2025-11-20', 'weekday'],
    ['Fri', '2025-11-21', 'weekday'],
    ['saturday', '2025-11-22', 'weekday'],
    ['sun', '2025-11-23', 'weekday'],
    ['2025-11-20', '2025-11-20', 'iso'],
    ['2025-11-25', '2025-11-25', 'iso'],
    ['2024-02-29', '2024-02-29', 'iso'],
    ['2000-01-01', '2000-01-01', 'iso'],
  ])('%p is %s', (text, date, form) => {
    expect(parseDateArg(text, zone, now)).toEqual({ ok: true, date, form });
  });

  it.each([
    ['2025-13-40', 'invalid_date'],
    ['2025-02-29', 'invalid_date'],
    ['2025-11-31', 'invalid_date'],
    ['2025-11-26', 'future'],
    ['2030-01-01', 'future'],
    ['1999-12-31', 'too_old'],
    ['tomorrow', 'unrecognised'],
    ['2025/11/20', 'unrecognised'],
    ['20251120', 'unrecognised'],
    ['2025-1-5', 'unrecognised'],
    ['mo', 'unrecognised'],
    ['mond', 'unrecognised'],
    ['', 'unrecognised'],
  ])('%p is refused as %s', (text, reason) => {
    expect(parseDateArg(text, zone, now)).toEqual({ ok: false, reason, input: text.trim() });
  });

  it('reads words in the building zone', () => {
    const late = new Date('2025-11-26T03:00:00Z'); // Tue 22:00 in Toronto, Wed 08:30 in Kolkata
    expect(parseDateArg('yesterday', 'America/Toronto', late)).toMatchObject({ date: '2025-11-24' });
    expect(parseDateArg('yesterday', 'Asia/Kolkata', late)).toMatchObject({ date: '2025-11-25' });
    expect(parseDateArg('tuesday', 'America/Toronto', late)).toMatchObject({ date: '2025-11-18' });
    expect(parseDateArg('tuesday', 'Asia/Kolkata', late)).toMatchObject({ date: '2025-11-25' });
    expect(parseDateArg('2025-11-26', 'America/Toronto', late)).toMatchObject({ ok: false, reason: 'future' });
    expect(parseDateArg('2025-11-26', 'Asia/Kolkata', late)).toMatchObject({ ok: true });
  });

  it('always lands 1 to 7 days before today on the named weekday', () => {
    const names = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
    const zones = ['America/Toronto', 'Australia/Sydney', 'Asia/Kolkata', 'UTC', 'America/New_York'];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2001-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom(...zones),
        (at, weekday, z) => {
          const r = parseDateArg(names[weekday] ?? 'monday', z, at);
          if (!r.ok) return false;
          const today = localToday(z, at);
          const back = -compareDates(r.date, today) / 86_400_000;
          return back >= 1 && back <= 7 && DateTime.fromISO(r.date).weekday === weekday + 1;
        },
      ),
    );
  });
});

describe('the latest day from the data', () => {
  const TORONTO = 'America/Toronto';
  // Thu 26 Nov 2026, 05:00 in Toronto: the clock expects Wed 25 Nov to be published.
  const now = Date.parse('2026-11-26T10:00:00Z');

  it('searches the last two weeks up to yesterday, never today', () => {
    expect(latestDaySearch(TORONTO, now)).toEqual({ from: '2026-11-12', to: '2026-11-25' });
    // Still Wed 25 Nov in Toronto at 03:00Z on Thursday.
    expect(latestDaySearch(TORONTO, Date.parse('2026-11-26T03:00:00Z')).to).toBe('2026-11-24');
  });

  it('names the day the clock expects only when it is later than the day shown', () => {
    expect(awaitedDay('2026-11-24', TORONTO, now)).toBe('2026-11-25');
    expect(awaitedDay('2026-11-25', TORONTO, now)).toBeNull();
    // Published early (before 04:00): a day later than the clock expects is no cause for a note.
    expect(awaitedDay('2026-11-25', TORONTO, Date.parse('2026-11-26T07:00:00Z'))).toBeNull();
  });
});
