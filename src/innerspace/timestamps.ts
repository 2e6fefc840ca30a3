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
  const [, y, mo, d, h, mi, s = '00', frac = '', offset] = m;
  const fraction = frac ? `.${frac.slice(0, 3).padEnd(3, '0')}` : '';
  const base = `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}`;
  if (offset === undefined) {
    return DateTime.fromISO(base, { zone: 'utc' }).isValid ? { kind: 'naive', text: base } : { kind: 'invalid' };
  }
  const iso = `${base}${normaliseOffset(offset)}`;
  const dt = DateTime.fromISO(iso, { setZone: true });
  return dt.isValid ? { kind: 'instant', millis: dt.toMillis() } : { kind: 'invalid' };
}

function normaliseOffset(offset: string): string {
  if (offset === 'Z' || offset === 'z') return 'Z';
  const sign = offset[0];
  const digits = offset.slice(1).replace(':', '');
  const hh = digits.slice(0, 2);
  const mm = digits.slice(2, 4) || '00';
  return `${sign}${hh}:${mm}`;
}

/** A naive local time read in `zone`. In a DST gap luxon moves forward; in an overlap it takes the earlier instant. */
export function naiveToMillis(naive: string, zone: string): number | null {
  const dt = DateTime.fromISO(naive, { zone });
  return dt.isValid ? dt.toMillis() : null;
}
