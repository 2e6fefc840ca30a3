import { DateTime } from 'luxon';

/**
 * DATE_TIME_START arrives in an undocumented format: with `Z`, with an offset, or as a naive
 * local time. The first two name their instant; a naive one is read in the building's zone.
 */

const TS_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

export type ParsedTimestamp =
  | { kind: 'instant'; millis: number }
  | { kind: 'naive'; text: string }
  | { kind: 'invalid' };

export function parseTimestamp(text: string): ParsedTimestamp {
  const m = TS_RE.exec(text.trim());
  if (!m) return { kind: 'invalid' };
  const [, y = '', mo = '', d = '', h = '', mi = '', s = '00', frac = '', offset] = m;
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
  // Plain arithmetic rather than a date library: this runs for every row of every answer.
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const check = new Date(wall);
  if (
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59 ||
    check.getUTCFullYear() !== Number(y) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d)
  ) {
    return { kind: 'invalid' };
  }
  if (offset === undefined) return { kind: 'naive', text: `${y}-${mo}-${d}T${h}:${mi}:${s}${frac ? `.${String(ms).padStart(3, '0')}` : ''}` };
  const minutes = offsetMinutes(offset);
  return minutes === null ? { kind: 'invalid' } : { kind: 'instant', millis: wall - minutes * 60_000 };
}

function offsetMinutes(offset: string): number | null {
  if (offset === 'Z' || offset === 'z') return 0;
  const sign = offset[0] === '-' ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hh = Number(digits.slice(0, 2));
  const mm = Number(digits.slice(2, 4) || '0');
  if (hh > 14 || mm > 59) return null;
  return sign * (hh * 60 + mm);
}

/** A naive local time read in `zone`. In a DST gap luxon moves forward; in an overlap it takes the earlier instant. */
export function naiveToMillis(naive: string, zone: string): number | null {
  const dt = DateTime.fromISO(naive, { zone });
  return dt.isValid ? dt.toMillis() : null;
}
