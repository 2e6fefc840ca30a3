import { IANAZone } from 'luxon';
import { formatLocalIso, localMidnightMs, partitionOfDayNum } from './calendar';

const QUARTER_MS = 15 * 60_000;

/**
 * The 15-minute grid of one local day: 96 quarters normally, 92 or 100 on DST days.
 * Hour buckets start wherever the local minute is 0, so a 25-hour day has two distinct
 * 01:00 hours (different offsets) and a 23-hour day has no 02:00 hour.
 */
export interface DayFrame {
  readonly dayNum: number;
  readonly partition: number;
  readonly startMs: number;
  readonly startIso: string;
  readonly quarterMs: Float64Array;
  readonly offsetMin: Int16Array;
  /** Local wall-clock hour of each quarter start, e.g. 8.25 for 08:15. */
  readonly localHour: Float64Array;
  /** Index of the first quarter of each hour bucket. */
  readonly hourStarts: readonly number[];
  /** DATE_TIME_START texts, filled on first use. */
  readonly isoCache: (string | undefined)[];
}

export function buildFrame(timeZone: string, dayNum: number): DayFrame {
  const zone = IANAZone.create(timeZone);
  const startMs = localMidnightMs(dayNum, zone);
  const endMs = localMidnightMs(dayNum + 1, zone);
  const n = Math.round((endMs - startMs) / QUARTER_MS);
  const quarterMs = new Float64Array(n);
  const offsetMin = new Int16Array(n);
  const localHour = new Float64Array(n);
  const hourStarts: number[] = [];
  // Offsets cost an Intl call each; a day without a transition has one offset throughout.
  const firstOff = zone.offset(startMs);
  const steady = firstOff === zone.offset(endMs - QUARTER_MS) && n === 96;
  for (let i = 0; i < n; i++) {
    const ms = startMs + i * QUARTER_MS;
    const off = steady ? firstOff : zone.offset(ms);
    const localMinutes = Math.round(((ms / 60_000 + off) % 1440 + 1440) % 1440);
    quarterMs[i] = ms;
    offsetMin[i] = off;
    localHour[i] = localMinutes / 60;
    if (i === 0 || localMinutes % 60 === 0) hourStarts.push(i);
  }
  return {
    dayNum,
    partition: partitionOfDayNum(dayNum),
    startMs,
    startIso: formatLocalIso(startMs, firstOff),
    quarterMs,
    offsetMin,
    localHour,
    hourStarts,
    isoCache: new Array<string | undefined>(n),
  };
}

/** DATE_TIME_START text of quarter i. */
export function quarterIso(frame: DayFrame, i: number): string {
  let iso = frame.isoCache[i];
  if (iso === undefined) {
    iso = formatLocalIso(frame.quarterMs[i] ?? 0, frame.offsetMin[i] ?? 0);
    frame.isoCache[i] = iso;
  }
  return iso;
}
