/**
 * When a digest is due, as pure functions of `now`. A digest is due on local date D when D's
 * weekday is one of its days and the wall clock in its zone has reached its time of day.
 *
 * DST rules that follow from "the wall clock has reached":
 * - a time inside the spring-forward gap (02:30 in New York on the change day) is reached at
 *   the first minute after the gap (03:00), so it goes then, once;
 * - a time inside the repeated fall-back hour is reached at its first occurrence; the second
 *   occurrence is the same local date, and the run key is the local date, so it is not sent
 *   again.
 * luxon's own reading of such times (a shifted 03:30; the later of two 01:30s) is not used on
 * purpose: node-cron and luxon disagree there, and the wall-clock rule is the one people expect.
 */
import { IANAZone } from 'luxon';
import type { IsoDate } from '../../domain/time';
import { BadInputError } from '../../errors';
import type { Weekday } from '../../domain/values';

export interface ScheduleSpec {
  /** "HH:mm", local. */
  readonly timeOfDay: string;
  readonly days: readonly Weekday[];
  /** IANA zone. */
  readonly timeZone: string;
}

export interface DueSlot {
  readonly localDate: IsoDate;
  /** The instant the slot was reached. */
  readonly scheduledAt: number;
  /** now − scheduledAt, never negative. */
  readonly lateMs: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A run this close to its slot counts as on time: a one-minute tick is never exact. */
export const ON_TIME_MS = 2 * MINUTE;

export function parseTimeOfDay(text: string): { hour: number; minute: number } {
  const m = TIME_RE.exec(text);
  if (!m) throw new BadInputError('time of day must look like HH:mm', { field: 'time of day', value: text });
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

// These run for every digest on every tick, so they use plain date arithmetic and luxon's
// cached zone objects rather than building DateTimes.
function zoneOf(name: string): IANAZone {
  const zone = typeof name === 'string' && name.length > 0 ? IANAZone.create(name) : null;
  if (!zone?.isValid) throw new BadInputError('Unknown time zone', { field: 'zone', value: name });
  return zone;
}

function isoOfUtcMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function dateMs(date: IsoDate): number {
  const ms = ISO_DATE_RE.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN;
  // Date.parse accepts 2025-02-30 as 2 March; the round trip refuses it.
  if (Number.isNaN(ms) || isoOfUtcMs(ms) !== date) throw new BadInputError('Not a calendar date', { field: 'date', value: date });
  return ms;
}

function plusDays(date: IsoDate, days: number): IsoDate {
  return isoOfUtcMs(dateMs(date) + days * DAY);
}

/** The local calendar date of an instant in a zone. */
export function localDateIn(now: number, timeZone: string): IsoDate {
  return isoOfUtcMs(now + zoneOf(timeZone).offset(now) * MINUTE);
}

/**
 * Slot instants by (date, time, zone): many digests share a zone and a time, and a tick asks
 * for the same few dates again and again. Owned by whoever ticks; never shared globally.
 */
export class SlotCache {
  private readonly map = new Map<string, number>();
  private window: { key: string; dates: readonly { date: IsoDate; weekday: Weekday }[] } | null = null;

  constructor(private readonly maxEntries = 50_000) {}

  get(date: IsoDate, timeOfDay: string, timeZone: string): number {
    const key = `${date}|${timeOfDay}|${timeZone}`;
    let at = this.map.get(key);
    if (at === undefined) {
      if (this.map.size >= this.maxEntries) this.map.clear();
      at = slotInstant(date, timeOfDay, timeZone);
      this.map.set(key, at);
    }
    return at;
  }

  /** The candidate dates of dueSlots, oldest first, computed once per UTC day. */
  dates(utcToday: IsoDate, lookback: number): readonly { date: IsoDate; weekday: Weekday }[] {
    const key = `${utcToday}|${lookback}`;
    if (this.window?.key !== key) this.window = { key, dates: candidateDates(utcToday, lookback) };
    return this.window.dates;
  }
}

function candidateDates(utcToday: IsoDate, lookback: number): { date: IsoDate; weekday: Weekday }[] {
  const out: { date: IsoDate; weekday: Weekday }[] = [];
  for (let back = lookback + 1; back >= -1; back -= 1) {
    const date = plusDays(utcToday, -back);
    out.push({ date, weekday: weekdayOf(date) });
  }
  return out;
}

/** ISO weekday of a calendar date (1 = Monday). */
export function weekdayOf(date: IsoDate): Weekday {
  const js = new Date(dateMs(date)).getUTCDay();
  return (js === 0 ? 7 : js) as Weekday;
}

/**
 * The first instant of local date `date` at which the wall clock in `timeZone` shows
 * `timeOfDay` or later: the exact instant on ordinary days, the earlier one when the time
 * occurs twice, the end of the gap when it does not occur at all.
 */
export function slotInstant(date: IsoDate, timeOfDay: string, timeZone: string): number {
  const { hour, minute } = parseTimeOfDay(timeOfDay);
  const zone = zoneOf(timeZone);
  // The wall-clock reading expressed as if it were UTC; an instant is wall − offset.
  const wall = dateMs(date) + hour * 3_600_000 + minute * MINUTE;
  const offsetAt = (t: number) => zone.offset(t) * MINUTE;
  const offsets = [...new Set([offsetAt(wall - DAY), offsetAt(wall), offsetAt(wall + DAY)])];
  const exact = offsets.map((o) => wall - o).filter((t) => offsetAt(t) === wall - t);
  if (exact.length > 0) return Math.min(...exact);

  // In a gap: the wall clock jumps over `wall` at the transition, which lies between the
  // instants the two offsets would give. Find it to the minute.
  const candidates = offsets.map((o) => wall - o);
  let lo = Math.min(...candidates);
  let hi = Math.max(...candidates);
  const before = offsetAt(lo);
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (mid === lo) break;
    if (offsetAt(mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * Slots reached in the `lookbackDays` days up to `now`, oldest first. Slots before `since`
 * (the digest did not exist, or was paused or changed then) are left out.
 */
export function dueSlots(spec: ScheduleSpec, now: number, opts: { lookbackDays: number; since?: number; cache?: SlotCache }): DueSlot[] {
  const slotAt = (date: IsoDate) => (opts.cache ? opts.cache.get(date, spec.timeOfDay, spec.timeZone) : slotInstant(date, spec.timeOfDay, spec.timeZone));
  const days = new Set(spec.days);
  const lookback = Math.max(0, Math.ceil(opts.lookbackDays));
  const from = now - Math.max(0, opts.lookbackDays) * DAY;
  // Every zone's local date is within a day of the UTC date, so these dates cover the window
  // without asking the zone what today is.
  const utcToday = isoOfUtcMs(now);
  const candidates = opts.cache ? opts.cache.dates(utcToday, lookback) : candidateDates(utcToday, lookback);
  const out: DueSlot[] = [];
  for (const { date, weekday } of candidates) {
    if (!days.has(weekday)) continue;
    const at = slotAt(date);
    if (at > now || at < from || (opts.since !== undefined && at < opts.since)) continue;
    out.push({ localDate: date, scheduledAt: at, lateMs: now - at });
  }
  return out;
}

/** The next slot strictly after `now` (and not before `since`); null when the digest has no days. */
export function nextRun(spec: ScheduleSpec, now: number, since?: number): number | null {
  const days = new Set(spec.days);
  if (days.size === 0) return null;
  const today = localDateIn(now, spec.timeZone);
  // Eight dates cover every weekday once more than a week; one more absorbs a DST edge.
  for (let ahead = 0; ahead <= 8; ahead += 1) {
    const date = plusDays(today, ahead);
    if (!days.has(weekdayOf(date))) continue;
    const at = slotInstant(date, spec.timeOfDay, spec.timeZone);
    if (at > now && (since === undefined || at >= since)) return at;
  }
  return null;
}

export type SlotDecision = { readonly action: 'send'; readonly lateMinutes: number } | { readonly action: 'skip'; readonly lateMinutes: number };

/**
 * What to do with a reached slot nobody has claimed: send it (late when it is past the on-time
 * margin, still inside the grace window) or record it as skipped.
 */
export function decideSlot(slot: DueSlot, graceMinutes: number): SlotDecision {
  const lateMinutes = slot.lateMs < ON_TIME_MS ? 0 : Math.floor(slot.lateMs / MINUTE);
  return slot.lateMs <= Math.max(0, graceMinutes) * MINUTE || lateMinutes === 0
    ? { action: 'send', lateMinutes }
    : { action: 'skip', lateMinutes };
}

/** How many local dates back a tick looks for missed slots: the grace window, plus a day. */
export function lookbackDaysFor(graceMinutes: number): number {
  return Math.ceil(Math.max(0, graceMinutes) / 1440) + 1;
}
