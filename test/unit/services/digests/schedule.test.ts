import { DateTime } from 'luxon';
import {
  SlotCache,
  decideSlot,
  dueSlots,
  lookbackDaysFor,
  nextRun,
  slotInstant,
  weekdayOf,
  type ScheduleSpec,
} from '../../../../src/services/digests/schedule';
import type { Weekday } from '../../../../src/domain/values';

const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const ALL: Weekday[] = [1, 2, 3, 4, 5, 6, 7];

describe('slotInstant: the first instant the wall clock reaches the time', () => {
  it.each([
    ['2027-03-14', '08:00', 'America/New_York', '2027-03-14T12:00:00.000Z'], // spring forward: EDT
    ['2026-11-01', '08:00', 'America/New_York', '2026-11-01T13:00:00.000Z'], // fall back: EST
    ['2027-03-13', '08:00', 'America/New_York', '2027-03-13T13:00:00.000Z'],
    ['2027-03-14', '02:30', 'America/New_York', '2027-03-14T07:00:00.000Z'], // in the gap: 03:00 EDT
    ['2027-03-14', '02:00', 'America/New_York', '2027-03-14T07:00:00.000Z'],
    ['2027-03-14', '03:00', 'America/New_York', '2027-03-14T07:00:00.000Z'],
    ['2026-11-01', '01:30', 'America/New_York', '2026-11-01T05:30:00.000Z'], // repeated hour: the first
    ['2026-11-01', '02:00', 'America/New_York', '2026-11-01T07:00:00.000Z'],
    ['2027-03-28', '01:30', 'Europe/London', '2027-03-28T01:00:00.000Z'], // gap 01:00→02:00
    ['2026-10-25', '01:30', 'Europe/London', '2026-10-25T00:30:00.000Z'], // first 01:30 (BST)
    ['2026-11-25', '08:00', 'Asia/Kolkata', '2026-11-25T02:30:00.000Z'],
    ['2026-11-25', '00:00', 'Asia/Kolkata', '2026-11-24T18:30:00.000Z'],
    ['2026-10-04', '02:15', 'Australia/Lord_Howe', '2026-10-03T15:30:00.000Z'], // 30-minute gap: 02:30 +11
    ['2026-10-04', '02:30', 'Australia/Lord_Howe', '2026-10-03T15:30:00.000Z'],
    ['2027-04-04', '01:45', 'Australia/Lord_Howe', '2027-04-03T14:45:00.000Z'], // first 01:45 (+11)
    ['2027-04-04', '08:00', 'Australia/Lord_Howe', '2027-04-03T21:30:00.000Z'], // +10:30 after the change
    ['2027-04-03', '08:00', 'Australia/Lord_Howe', '2027-04-02T21:00:00.000Z'],
  ])('%s %s %s → %s', (date, time, zone, expected) => {
    expect(iso(slotInstant(date, time, zone))).toBe(expected);
  });

  it('refuses an unknown zone, a bad time and a bad date', () => {
    expect(() => slotInstant('2026-11-25', '08:00', 'Mars/Olympus')).toThrow(/time zone/);
    expect(() => slotInstant('2026-11-25', '24:00', 'UTC')).toThrow(/HH:mm/);
    expect(() => slotInstant('2026-02-30', '08:00', 'UTC')).toThrow(/calendar date/);
  });

  it('knows the weekday of a date', () => {
    expect(weekdayOf('2026-11-25')).toBe(3);
    expect(weekdayOf('2026-11-29')).toBe(7);
  });
});

describe('dueSlots and decideSlot', () => {
  const weekdays: ScheduleSpec = { timeOfDay: '08:00', days: [1, 2, 3, 4, 5], timeZone: 'America/Toronto' };

  it('is empty before the time and has the day once it is reached', () => {
    const before = Date.parse('2026-11-25T12:59:00Z');
    expect(dueSlots(weekdays, before, { lookbackDays: 1 }).map((s) => s.localDate)).toEqual(['2026-11-24']);
    const at = Date.parse('2026-11-25T13:00:30Z');
    expect(dueSlots(weekdays, at, { lookbackDays: 0.5 })).toEqual([{ localDate: '2026-11-25', scheduledAt: Date.parse('2026-11-25T13:00:00Z'), lateMs: 30_000 }]);
  });

  it('looks back over the window of days, leaves out other weekdays and slots before `since`', () => {
    const mondayNoon = Date.parse('2026-11-30T17:00:00Z');
    expect(dueSlots(weekdays, mondayNoon, { lookbackDays: 3 }).map((s) => s.localDate)).toEqual(['2026-11-30']);
    expect(dueSlots(weekdays, mondayNoon, { lookbackDays: 4 }).map((s) => s.localDate)).toEqual(['2026-11-27', '2026-11-30']);
    expect(dueSlots(weekdays, mondayNoon, { lookbackDays: 4, since: Date.parse('2026-11-28T00:00:00Z') }).map((s) => s.localDate)).toEqual([
      '2026-11-30',
    ]);
  });

  it('sends on time, late inside the grace window, and skips beyond it', () => {
    const slot = (lateMin: number) => ({ localDate: '2026-11-25', scheduledAt: 0, lateMs: lateMin * MIN });
    expect(decideSlot(slot(0.5), 30)).toEqual({ action: 'send', lateMinutes: 0 });
    expect(decideSlot(slot(14.6), 30)).toEqual({ action: 'send', lateMinutes: 14 });
    expect(decideSlot(slot(30), 30)).toEqual({ action: 'send', lateMinutes: 30 });
    expect(decideSlot(slot(31), 30)).toEqual({ action: 'skip', lateMinutes: 31 });
    expect(decideSlot(slot(1), 0)).toEqual({ action: 'send', lateMinutes: 0 });
    expect(decideSlot(slot(5), 0)).toEqual({ action: 'skip', lateMinutes: 5 });
    expect(lookbackDaysFor(30)).toBe(2);
    expect(lookbackDaysFor(1440)).toBe(2);
    expect(lookbackDaysFor(1441)).toBe(3);
  });
});

describe('nextRun', () => {
  const spec: ScheduleSpec = { timeOfDay: '08:00', days: [1, 2, 3, 4, 5], timeZone: 'Europe/London' };

  it('is today when the time is still ahead, else the next listed weekday', () => {
    expect(iso(nextRun(spec, Date.parse('2026-11-25T07:00:00Z'))!)).toBe('2026-11-25T08:00:00.000Z');
    expect(iso(nextRun(spec, Date.parse('2026-11-25T08:00:00Z'))!)).toBe('2026-11-26T08:00:00.000Z');
    // Friday afternoon: Monday.
    expect(iso(nextRun(spec, Date.parse('2026-11-27T15:00:00Z'))!)).toBe('2026-11-30T08:00:00.000Z');
  });

  it('honours `since`, crosses DST at the same wall-clock time, and is null without days', () => {
    expect(iso(nextRun(spec, Date.parse('2026-11-25T07:00:00Z'), Date.parse('2026-11-25T09:00:00Z'))!)).toBe('2026-11-26T08:00:00.000Z');
    const ny: ScheduleSpec = { timeOfDay: '08:00', days: ALL, timeZone: 'America/New_York' };
    expect(iso(nextRun(ny, Date.parse('2027-03-13T14:00:00Z'))!)).toBe('2027-03-14T12:00:00.000Z');
    expect(nextRun({ ...spec, days: [] }, 0)).toBeNull();
  });
});

/**
 * A month of one-minute ticks against a claims set (what the store's primary key does): each
 * local date must be sent exactly once, never skipped, at the first minute the wall clock —
 * read independently with luxon — reaches the time on that date.
 */
function simulateMonth(spec: ScheduleSpec, fromIso: string, days: number) {
  const from = Date.parse(fromIso);
  const to = from + days * 86_400_000;
  const claimed = new Map<string, { at: number; action: string; lateMinutes: number }>();
  const cache = new SlotCache();
  for (let t = from; t < to; t += MIN) {
    for (const slot of dueSlots(spec, t, { lookbackDays: lookbackDaysFor(30), since: from, cache })) {
      if (claimed.has(slot.localDate)) continue;
      const d = decideSlot(slot, 30);
      claimed.set(slot.localDate, { at: t, action: d.action, lateMinutes: d.lateMinutes });
    }
  }
  return { from, to, claimed };
}

/** The oracle: first minute (scanning back from `at`) whose local date is `date` and clock ≥ time. */
function firstReach(date: string, time: string, zone: string, around: number): number {
  const reached = (t: number) => {
    const local = DateTime.fromMillis(t, { zone });
    return local.toFormat('yyyy-MM-dd') === date && local.toFormat('HH:mm') >= time;
  };
  let first = around;
  for (let t = around - MIN; t > around - 4 * 3_600_000; t -= MIN) if (reached(t)) first = t;
  return first;
}

describe('a simulated month of ticks', () => {
  const cases: [string, string, string[]][] = [
    ['America/New_York', '2026-11-01T00:00:00Z', ['08:00', '01:30', '00:00', '23:59']],
    ['America/New_York', '2027-03-01T00:00:00Z', ['08:00', '02:30', '02:00', '01:59']],
    ['Europe/London', '2026-10-01T00:00:00Z', ['08:00', '01:30']],
    ['Europe/London', '2027-03-01T00:00:00Z', ['08:00', '01:30']],
    ['Asia/Kolkata', '2026-11-01T00:00:00Z', ['08:00', '00:00', '23:30']],
    ['Australia/Lord_Howe', '2026-09-20T00:00:00Z', ['08:00', '02:15', '02:00']],
    ['Australia/Lord_Howe', '2027-03-20T00:00:00Z', ['08:00', '01:45', '02:00']],
  ];

  it.each(cases)('%s from %s: every day exactly once, no gap, no duplicate', (zone, fromIso, times) => {
    for (const time of times) {
      const spec: ScheduleSpec = { timeOfDay: time, days: ALL, timeZone: zone };
      const { from, to, claimed } = simulateMonth(spec, fromIso, 31);
      // Every local date whose slot lies inside the simulated span.
      const expectedDates: string[] = [];
      for (let d = DateTime.fromMillis(from, { zone }).startOf('day'); d.toMillis() < to; d = d.plus({ days: 1 })) {
        const date = d.toFormat('yyyy-MM-dd');
        const at = slotInstant(date, time, zone);
        if (at >= from && at < to) expectedDates.push(date);
      }
      expect([...claimed.keys()].sort()).toEqual(expectedDates);
      for (const [date, run] of claimed) {
        expect({ date, time, action: run.action, lateMinutes: run.lateMinutes }).toEqual({ date, time, action: 'send', lateMinutes: 0 });
        expect({ date, time, at: iso(run.at) }).toEqual({ date, time, at: iso(firstReach(date, time, zone, run.at)) });
      }
    }
  });

  it('sends 08:00 New York at 12:00Z and 13:00Z on the two change days, and weekdays only on weekdays', () => {
    const spring = simulateMonth({ timeOfDay: '08:00', days: ALL, timeZone: 'America/New_York' }, '2027-03-01T00:00:00Z', 31);
    expect(iso(spring.claimed.get('2027-03-14')!.at)).toBe('2027-03-14T12:00:00.000Z');
    expect(iso(spring.claimed.get('2027-03-13')!.at)).toBe('2027-03-13T13:00:00.000Z');
    const fall = simulateMonth({ timeOfDay: '08:00', days: ALL, timeZone: 'America/New_York' }, '2026-11-01T00:00:00Z', 30);
    expect(iso(fall.claimed.get('2026-11-01')!.at)).toBe('2026-11-01T13:00:00.000Z');
    expect(iso(fall.claimed.get('2026-11-02')!.at)).toBe('2026-11-02T13:00:00.000Z');
    const weekdays = simulateMonth({ timeOfDay: '08:00', days: [1, 2, 3, 4, 5], timeZone: 'Asia/Kolkata' }, '2026-11-01T00:00:00Z', 30);
    expect(weekdays.claimed.size).toBe(21);
    expect([...weekdays.claimed.keys()].every((d) => weekdayOf(d) <= 5)).toBe(true);
  });

  it('a 02:30 New York digest goes once at 03:00 EDT on spring-forward day; 01:30 once on fall-back day', () => {
    const spring = simulateMonth({ timeOfDay: '02:30', days: ALL, timeZone: 'America/New_York' }, '2027-03-10T00:00:00Z', 7);
    expect(DateTime.fromMillis(spring.claimed.get('2027-03-14')!.at, { zone: 'America/New_York' }).toFormat('HH:mm ZZ')).toBe('03:00 -04:00');
    const fall = simulateMonth({ timeOfDay: '01:30', days: ALL, timeZone: 'America/New_York' }, '2026-10-29T00:00:00Z', 7);
    expect(DateTime.fromMillis(fall.claimed.get('2026-11-01')!.at, { zone: 'America/New_York' }).toFormat('HH:mm ZZ')).toBe('01:30 -04:00');
  });
});

describe('a weekly digest: one weekday, the daily rules', () => {
  const monday = (timeZone: string, timeOfDay = '09:00'): ScheduleSpec => ({ timeOfDay, days: [1], timeZone });

  it.each([
    // New York springs forward on Sun 14 Mar 2027: Monday 09:00 is EDT, an hour earlier in UTC than the Monday before.
    ['America/New_York', '2027-03-10T12:00:00Z', '2027-03-15T13:00:00.000Z'],
    ['America/New_York', '2027-03-03T12:00:00Z', '2027-03-08T14:00:00.000Z'],
    // London falls back on Sun 25 Oct 2026: Monday 09:00 is GMT.
    ['Europe/London', '2026-10-23T12:00:00Z', '2026-10-26T09:00:00.000Z'],
    ['Europe/London', '2026-10-16T12:00:00Z', '2026-10-19T08:00:00.000Z'],
    // Sydney springs forward on Sun 4 Oct 2026.
    ['Australia/Sydney', '2026-10-02T00:00:00Z', '2026-10-04T22:00:00.000Z'],
    ['Asia/Kolkata', '2026-11-25T00:00:00Z', '2026-11-30T03:30:00.000Z'],
  ])('next Monday 09:00 in %s after %s is %s', (zone, from, expected) => {
    expect(iso(nextRun(monday(zone), Date.parse(from)) ?? 0)).toBe(expected);
  });

  it('is the next week once this week’s slot has passed, and this week’s until then', () => {
    const spec = monday('America/Toronto');
    const slot = slotInstant('2026-11-30', '09:00', 'America/Toronto');
    expect(nextRun(spec, slot - MIN)).toBe(slot);
    expect(iso(nextRun(spec, slot) ?? 0)).toBe('2026-12-07T14:00:00.000Z');
  });

  it('a Sunday 02:30 digest on spring-forward day goes once, at 03:00 EDT', () => {
    const spec: ScheduleSpec = { timeOfDay: '02:30', days: [7], timeZone: 'America/New_York' };
    expect(iso(nextRun(spec, Date.parse('2027-03-12T00:00:00Z')) ?? 0)).toBe('2027-03-14T07:00:00.000Z');
  });

  it('over a month of minute ticks is due once a week, on its weekday, and its grace window is the daily one', () => {
    const spec = monday('Europe/London');
    const start = Date.parse('2026-10-01T00:00:00Z');
    const due = new Set<string>();
    for (let t = start; t < start + 31 * 1440 * MIN; t += 10 * MIN) {
      for (const slot of dueSlots(spec, t, { lookbackDays: lookbackDaysFor(30) })) due.add(`${slot.localDate}@${iso(slot.scheduledAt)}`);
    }
    // BST until Sun 25 Oct, GMT from then: the same 09:00 on the wall.
    expect([...due].sort()).toEqual([
      '2026-10-05@2026-10-05T08:00:00.000Z',
      '2026-10-12@2026-10-12T08:00:00.000Z',
      '2026-10-19@2026-10-19T08:00:00.000Z',
      '2026-10-26@2026-10-26T09:00:00.000Z',
    ]);
    const [late] = dueSlots(spec, Date.parse('2026-10-26T09:29:00Z'), { lookbackDays: 1 });
    expect(late && decideSlot(late, 30)).toEqual({ action: 'send', lateMinutes: 29 });
    const [missed] = dueSlots(spec, Date.parse('2026-10-26T09:31:00Z'), { lookbackDays: 1 });
    expect(missed && decideSlot(missed, 30)).toEqual({ action: 'skip', lateMinutes: 31 });
  });
});
