/**
 * Words of a schedule: a time of day, a set of weekdays, an IANA time zone.
 */
import { IANAZone } from 'luxon';
import { echoQuoted } from '../blocks/mrkdwn';
import { err, fail, ok, weekdayOf, type Parsed } from './args';
import type { ParseError } from './types';
import type { Weekday } from '../../domain/values';

const pad = (n: number) => String(n).padStart(2, '0');

export const TIME_HELP = 'Use 24-hour `08:00`, or `8am` / `8:30pm`.';

/**
 * "08:00", "8:00", "8am", "8:30pm", "12am" → "HH:MM" (24 h); 'invalid' for time-shaped words
 * that are not a time ("25:00", "8:75"); null for anything else.
 */
export function parseTime(token: string): string | 'invalid' | null {
  const word = token.toLowerCase().replace(/\./g, '');
  const h24 = /^(\d{1,2}):(\d{2})$/.exec(word);
  if (h24) {
    const h = Number(h24[1]);
    const m = Number(h24[2]);
    return h <= 23 && m <= 59 ? `${pad(h)}:${pad(m)}` : 'invalid';
  }
  const h12 = /^(\d{1,2})(?::(\d{2}))?(am|pm)$/.exec(word);
  if (h12) {
    const h = Number(h12[1]);
    const m = h12[2] === undefined ? 0 : Number(h12[2]);
    if (h < 1 || h > 12 || m > 59) return 'invalid';
    return `${pad((h % 12) + (h12[3] === 'pm' ? 12 : 0))}:${pad(m)}`;
  }
  if (/^\p{Nd}{1,2}[:h]\p{Nd}{1,2}(?:am|pm)?$|^\p{Nd}{1,2}(?:am|pm)$/u.test(word)) return 'invalid';
  return null;
}

export function badTime(token: string): ParseError {
  return fail('bad_time', `${echoQuoted(token)} isn't a time I understand. ${TIME_HELP}`);
}

const ALL_DAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];
const DAY_SETS: Readonly<Record<string, readonly Weekday[]>> = {
  daily: ALL_DAYS,
  everyday: ALL_DAYS,
  'every-day': ALL_DAYS,
  weekdays: [1, 2, 3, 4, 5],
  weekends: [6, 7],
};

export const DAYS_HELP = 'Use `daily`, `weekdays`, `weekends` or days like `mon,wed,fri`.';

/**
 * `daily`, `weekdays`, `weekends`, a weekday, or a comma list of weekdays and ranges
 * ("mon,wed,fri", "mon-thu") → sorted unique weekdays; 'invalid' for a list that does not
 * read; null when the word is not about days at all.
 */
export function parseDays(token: string): readonly Weekday[] | 'invalid' | null {
  const word = token.toLowerCase();
  const set = DAY_SETS[word];
  if (set) return set;
  const parts = word.split(',');
  const days = new Set<Weekday>();
  let recognised = 0;
  for (const part of parts) {
    const range = /^([a-z]+)-([a-z]+)$/.exec(part);
    const from = range ? weekdayOf(range[1] ?? '') : weekdayOf(part);
    const to = range ? weekdayOf(range[2] ?? '') : from;
    if (from === null || to === null) continue;
    recognised += 1;
    for (let d = from; ; d = ((d % 7) + 1) as Weekday) {
      days.add(d);
      if (d === to) break;
    }
  }
  if (recognised === 0 && parts.length === 1) return null;
  if (recognised !== parts.length) return 'invalid';
  return [...days].sort((a, b) => a - b);
}

export function badDays(token: string): ParseError {
  return fail('bad_days', `${echoQuoted(token)} isn't a set of days I understand. ${DAYS_HELP}`);
}

const ZONE_PARTICLES = new Set(['au', 'es', 'de']);
const ZONE_ACRONYMS = new Set(['utc', 'gmt', 'uct']);

/**
 * The zone as people write it, with its case mended ("europe/london" → "Europe/London").
 * ICU's own canonical ids are avoided on purpose: they are legacy names (Asia/Calcutta for
 * Asia/Kolkata) that would surprise the person who typed the current one.
 */
function zoneSpelling(token: string): string {
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: token }).resolvedOptions().timeZone;
  if (resolved.toLowerCase() === token.toLowerCase()) return resolved;
  if (token !== token.toLowerCase()) return token;
  const mended = token.replace(/[a-z]+/g, (w) =>
    ZONE_ACRONYMS.has(w) ? w.toUpperCase() : ZONE_PARTICLES.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1),
  );
  return IANAZone.isValidZone(mended) ? mended : token;
}

/** An IANA zone, checked with luxon. */
export function parseZone(token: string): Parsed<string> {
  if (!IANAZone.isValidZone(token)) {
    return err('bad_zone', `${echoQuoted(token)} isn't a time zone I know. Use an IANA name such as \`America/Toronto\` or \`Europe/London\`.`);
  }
  return ok(zoneSpelling(token));
}
