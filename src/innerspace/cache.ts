import { partitionToMillis } from './validate';

export { ResultCache } from '../cache/result-cache';

export const REFERENCE_TTL_MS = 60 * 60 * 1000;
export const UNSETTLED_TTL_MS = 5 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/**
 * Until when an insight answer covering days up to `lastDay` (YYYYMMDD, local) may be served.
 *
 * Assumption (undocumented upstream): insights are published once a night, and the run for a
 * local day is finished by 06:00 UTC after that day has ended in every time zone (UTC-12 ends
 * a day at 12:00 UTC the next day, so: 06:00 UTC two days after the date). A range whose last
 * day is settled by that rule stays valid until the next 06:00 UTC; a range touching a newer
 * day may still change and is kept only briefly.
 */
export function insightExpiry(now: Date, lastDay: number): number {
  const t = now.getTime();
  const settledAt = partitionToMillis(lastDay) + 2 * DAY + 6 * HOUR;
  if (t < settledAt) return t + UNSETTLED_TTL_MS;
  const todayAt6 = Math.floor(t / DAY) * DAY + 6 * HOUR;
  return t < todayAt6 ? todayAt6 : todayAt6 + DAY;
}
