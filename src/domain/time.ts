/**
 * Building-local calendar arithmetic. Every function takes the instant it reasons about
 * (`now`) as an argument: nothing here reads the clock, so tests can stand anywhere in time.
 *
 * A local calendar day is carried as an ISO date string ("2025-11-25"): plain data that
 * survives JSON, storage and equality checks, unlike a DateTime whose zone travels with it.
 */
import { DateTime, IANAZone } from 'luxon';
import { BadInputError, type DateProblem } from '../errors';
import type { Granularity } from './occupancy';

/** A local calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** Anything that names an instant. */
export type Instant = Date | number | DateTime;

/** Local hour after which yesterday's nightly insights are expected to be published. */
export const DEFAULT_PUBLISH_HOUR = 4;

/** Dates before this are refused as command input: InnerSpace has nothing that old. */
export const EARLIEST_DATE: IsoDate = '2000-01-01';

// en-US: en-GB abbreviates September as "Sept" in recent ICU data.
const LOCALE = 'en-US';
const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Checking a zone builds a DateTime, and luxon asks Intl for its offset each time: on the hot
// path of a summary that cost more than the maths. Zone names are few, so validity is memoised.
const knownZones = new Map<string, boolean>();

export function isValidZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.length === 0) return false;
  let valid = knownZones.get(zone);
  if (valid === undefined) {
    valid = DateTime.fromMillis(0, { zone }).isValid;
    if (knownZones.size > 1000) knownZones.clear();
    knownZones.set(zone, valid);
  }
  return valid;
}

/** Returns the zone when luxon knows it; throws BAD_INPUT otherwise. */
export function assertZone(zone: string): string {
  if (!isValidZone(zone)) {
    throw new BadInputError('Unknown time zone', { field: 'zone', value: zone });
  }
  return zone;
}

export function toMillis(instant: Instant): number {
  if (typeof instant === 'number') return instant;
  if (instant instanceof Date) return instant.getTime();
  return instant.toMillis();
}

// UTC offsets change only at transitions on quarter-hour boundaries, so an offset looked up
// once per zone and quarter hour serves every bucket in it. This keeps Intl (which luxon asks
// for every DateTime it creates in a named zone) off the per-bucket path of summaries and charts.
const QUARTER_HOUR_MS = 15 * 60_000;
const offsets = new Map<string, number>();

/** The zone's UTC offset in minutes at an instant. */
export function offsetMinutesAt(instant: Instant, zone: string): number {
  const ms = toMillis(instant);
  const key = `${zone}|${Math.floor(ms / QUARTER_HOUR_MS)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = IANAZone.create(assertZone(zone)).offset(ms);
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

export interface WallClock {
  readonly date: IsoDate;
  readonly hour: number;
  readonly minute: number;
  /** "HH:mm" */
  readonly time: string;
}

/** Date and time of day on a wall clock in `zone`, without building a DateTime. */
export function wallClock(instant: Instant, zone: string): WallClock {
  const ms = toMillis(instant);
  const d = new Date(ms + offsetMinutesAt(ms, zone) * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hour = d.getUTCHours();
  const minute = d.getUTCMinutes();
  return {
    date: `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    hour,
    minute,
    time: `${pad(hour)}:${pad(minute)}`,
  };
}

/** The instant as seen on a wall clock in `zone`. */
export function inZone(instant: Instant, zone: string): DateTime {
  return DateTime.fromMillis(toMillis(instant), { zone: assertZone(zone), locale: LOCALE });
}

/** Strictly parses `YYYY-MM-DD`; null for anything else, including 2025-02-30. */
export function parseIsoDate(text: string): IsoDate | null {
  return utcDayMillis(text) === null ? null : text;
}

const DAY_MS = 86_400_000;

/**
 * Midnight UTC of a strict `YYYY-MM-DD` as epoch milliseconds, null when it is not a calendar
 * date. Plain Date arithmetic: day counting needs no time zone, and it is on every answer's path.
 */
function utcDayMillis(text: string): number | null {
  const m = ISO_DATE_RE.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  t.setUTCFullYear(y, mo - 1, d);
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d ? t.getTime() : null;
}

function dayMillis(date: IsoDate): number {
  const t = utcDayMillis(date);
  if (t === null) throw new BadInputError('Not a calendar date (expected YYYY-MM-DD)', { field: 'date', value: date });
  return t;
}

function isoOfMillis(t: number): IsoDate {
  const d = new Date(t);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

function calendar(date: IsoDate): DateTime {
  const dt = parseIsoDate(date) === null ? null : DateTime.fromISO(date, { zone: 'UTC', locale: LOCALE });
  if (!dt) throw new BadInputError('Not a calendar date (expected YYYY-MM-DD)', { field: 'date', value: date });
  return dt;
}

export function localDateOf(instant: Instant, zone: string): IsoDate {
  return wallClock(instant, zone).date;
}

export function localToday(zone: string, now: Instant): IsoDate {
  return localDateOf(now, zone);
}

/**
 * The latest local day whose nightly publish should have happened: yesterday once the local
 * clock has reached `publishHour`, the day before yesterday until then.
 */
export function latestCompleteDay(zone: string, now: Instant, publishHour: number = DEFAULT_PUBLISH_HOUR): IsoDate {
  if (!Number.isInteger(publishHour) || publishHour < 0 || publishHour > 23) {
    throw new BadInputError('publishHour must be a whole hour from 0 to 23', { field: 'publishHour', value: publishHour });
  }
  const local = wallClock(now, zone);
  return addDays(local.date, local.hour >= publishHour ? -1 : -2);
}

/** How far back the latest day with data is looked for. */
export const LATEST_DAY_LOOKBACK_DAYS = 14;

/**
 * The days searched for the latest one with data: the last two weeks up to yesterday (today
 * is never complete). Which of them is published is read from the data, not from the clock.
 */
export function latestDaySearch(zone: string, now: Instant): { from: IsoDate; to: IsoDate } {
  const to = addDays(localToday(zone, now), -1);
  return { from: addDays(to, -(LATEST_DAY_LOOKBACK_DAYS - 1)), to };
}

/**
 * The day the clock expects to be published (latestCompleteDay) when it is later than the day
 * shown, for "Wed 2 Dec is not published yet"; null when the day shown is the one expected.
 */
export function awaitedDay(shown: IsoDate, zone: string, now: Instant, publishHour: number = DEFAULT_PUBLISH_HOUR): IsoDate | null {
  const expected = latestCompleteDay(zone, now, publishHour);
  return compareDates(expected, shown) > 0 ? expected : null;
}

/** True when `date` is on or before the latest complete day. */
export function isPublished(date: IsoDate, zone: string, now: Instant, publishHour: number = DEFAULT_PUBLISH_HOUR): boolean {
  return compareDates(date, latestCompleteDay(zone, now, publishHour)) <= 0;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return isoOfMillis(dayMillis(date) + days * DAY_MS);
}

/** The same weekday one week earlier: the comparison day for "vs last Tuesday". */
export function sameWeekdayWeekEarlier(date: IsoDate): IsoDate {
  return addDays(date, -7);
}

/** Negative, zero or positive like a comparator; ISO dates order as strings. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return dayMillis(a) - dayMillis(b);
}

// --- DATE_PARTITION --------------------------------------------------------------------

/** `2025-11-25` -> `20251125`. */
export function toDatePartition(date: IsoDate): number {
  dayMillis(date);
  return Number(date.slice(0, 4)) * 10000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
}

/** `20251125` -> `2025-11-25`; null when the number is not a real calendar date. */
export function parseDatePartition(partition: number): IsoDate | null {
  if (!Number.isSafeInteger(partition) || partition < 10000101 || partition > 99991231) return null;
  const year = Math.floor(partition / 10000);
  const month = Math.floor(partition / 100) % 100;
  const day = partition % 100;
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return parseIsoDate(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
}

// --- Day windows -----------------------------------------------------------------------

export interface DayWindow {
  readonly date: IsoDate;
  readonly zone: string;
  /** First instant of the local day (epoch ms). */
  readonly start: number;
  /** First instant of the next local day (exclusive). */
  readonly end: number;
  /** 24 usually; 23 or 25 on DST change days (other values in zones with odd shifts). */
  readonly hours: number;
}

/** The local start of a day: midnight, or the first instant after it when midnight is skipped. */
export function startOfLocalDay(date: IsoDate, zone: string): DateTime {
  const c = calendar(date);
  return DateTime.fromObject({ year: c.year, month: c.month, day: c.day }, { zone: assertZone(zone), locale: LOCALE }).startOf('day');
}

// A day's window is asked for by every summary, breakdown and chart of that day: memoised,
// as it is a pure function of (date, zone) and costs several luxon constructions.
const windows = new Map<string, DayWindow>();

export function dayWindow(date: IsoDate, zone: string): DayWindow {
  const key = `${zone}|${date}`;
  const known = windows.get(key);
  if (known) return known;
  const start = startOfLocalDay(date, zone).toMillis();
  const end = startOfLocalDay(addDays(date, 1), zone).toMillis();
  const window: DayWindow = Object.freeze({ date, zone, start, end, hours: (end - start) / 3_600_000 });
  if (windows.size > 10_000) windows.clear();
  windows.set(key, window);
  return window;
}

/** Minutes per bucket for sub-daily granularities; null for P1D and longer. */
export function granularityMinutes(granularity: Granularity): number | null {
  if (granularity === 'PT15M') return 15;
  if (granularity === 'PT1H') return 60;
  return null;
}

/**
 * The bucket starts a complete day should have: every step from local midnight to the next
 * (92 at PT15M on a 23-hour day, 100 on a 25-hour one). P1D and longer: the day start only.
 */
export function expectedBucketStarts(date: IsoDate, zone: string, granularity: Granularity): number[] {
  const w = dayWindow(date, zone);
  const minutes = granularityMinutes(granularity);
  if (minutes === null) return [w.start];
  const step = minutes * 60_000;
  const starts: number[] = [];
  for (let t = w.start; t < w.end; t += step) starts.push(t);
  return starts;
}

/**
 * The start of the local clock hour containing an instant. Works from the UTC offset so that
 * half-hour zones (Asia/Kolkata) and the repeated hour of a DST fall-back stay distinct.
 */
export function localHourStart(instant: Instant, zone: string): number {
  const ms = toMillis(instant);
  const offsetMs = offsetMinutesAt(ms, zone) * 60_000;
  return Math.floor((ms + offsetMs) / 3_600_000) * 3_600_000 - offsetMs;
}

// --- Command dates -----------------------------------------------------------------------

/** Why a typed date is refused; the same reasons a DateInputError carries. */
export type DateArgError = DateProblem;

export type DateArgResult =
  | { readonly ok: true; readonly date: IsoDate; readonly form: 'today' | 'yesterday' | 'iso' | 'weekday' }
  | { readonly ok: false; readonly reason: DateArgError; readonly input: string };

/** Weekday words people type, full or abbreviated, to ISO weekday numbers (1 = Monday). */
export const WEEKDAY_WORDS: Readonly<Record<string, 1 | 2 | 3 | 4 | 5 | 6 | 7>> = {
  monday: 1, mon: 1,
  tuesday: 2, tue: 2, tues: 2,
  wednesday: 3, wed: 3,
  thursday: 4, thu: 4, thur: 4, thurs: 4,
  friday: 5, fri: 5,
  saturday: 6, sat: 6,
  sunday: 7, sun: 7,
};

/**
 * Parses the date word of a command in the building's zone: `today`, `yesterday`,
 * `YYYY-MM-DD`, or a weekday (full or abbreviated, any case) meaning the last such day
 * strictly before today. Future dates and dates before 2000 are refused.
 */
export function parseDateArg(text: string, zone: string, now: Instant): DateArgResult {
  const input = text.trim();
  const word = input.toLowerCase();
  const today = localToday(zone, now);
  if (word === 'today') return { ok: true, date: today, form: 'today' };
  if (word === 'yesterday') return { ok: true, date: addDays(today, -1), form: 'yesterday' };

  const weekday = WEEKDAY_WORDS[word];
  if (weekday !== undefined) {
    const back = ((calendar(today).weekday - weekday + 6) % 7) + 1;
    return { ok: true, date: addDays(today, -back), form: 'weekday' };
  }

  if (ISO_DATE_RE.test(input)) {
    const date = parseIsoDate(input);
    if (date === null) return { ok: false, reason: 'invalid_date', input };
    if (compareDates(date, today) > 0) return { ok: false, reason: 'future', input };
    if (compareDates(date, EARLIEST_DATE) < 0) return { ok: false, reason: 'too_old', input };
    return { ok: true, date, form: 'iso' };
  }
  return { ok: false, reason: 'unrecognised', input };
}

// --- Words for people ----------------------------------------------------------------------

/** "Tue 25 Nov"; "Tue 25 Nov 2024" when the year differs from `today`'s. */
export function formatDay(date: IsoDate, today?: IsoDate): string {
  const c = calendar(date);
  const withYear = today !== undefined && calendar(today).year !== c.year;
  return c.toFormat(withYear ? 'ccc d LLL yyyy' : 'ccc d LLL');
}

/** "Mon 24", for buttons; "Wed 19 Nov 2025" when `today` is in another year. */
export function formatDayShort(date: IsoDate, today?: IsoDate): string {
  const c = calendar(date);
  return today !== undefined && calendar(today).year !== c.year ? c.toFormat('ccc d LLL yyyy') : c.toFormat('ccc d');
}

/** "Tuesday". */
export function weekdayName(date: IsoDate): string {
  return calendar(date).toFormat('cccc');
}

/** "12:00", on the building's wall clock. */
export function formatLocalTime(instant: Instant, zone: string): string {
  return wallClock(instant, zone).time;
}

/** "12:00–13:00". */
export function formatTimeRange(start: Instant, end: Instant, zone: string): string {
  return `${formatLocalTime(start, zone)}–${formatLocalTime(end, zone)}`;
}

