/**
 * Range words after `building|zone <x>`: `last week`, `this week`, `last 7 days`,
 * `last 4 weeks`, `this month`, `last month`, `<date>..<date>`. Several words make one range,
 * so the grammar offers the words after the id and takes back how many were read.
 */
import { MAX_RANGE_DAYS, periodDays, type RangeSpec } from '../../domain/period';
import { compareDates, EARLIEST_DATE, formatDay, parseIsoDate } from '../../domain/time';
import { echoQuoted } from '../blocks/mrkdwn';
import { fail } from './args';
import type { ParseError } from './types';

/** A range as typed: `text` is the words normalised (`last 4 weeks`), for logs and the answer. */
export interface RangeArg {
  readonly text: string;
  readonly spec: RangeSpec;
}

export const RANGE_HELP = 'Ranges: `last week`, `this week`, `last 7 days`, `last 4 weeks`, `this month`, `last month` or `2026-10-01..2026-11-20`.';

const BETWEEN_RE = /^(.*?)(?:\.\.|–|—)(.*)$/;

/** The range starting at `words[0]` and how many words it took; null when they are not a range. */
export function readRange(words: readonly string[]): { range: RangeArg; used: number } | ParseError | null {
  const [first, second, third] = words.map((w) => w.toLowerCase());
  if (first === undefined) return null;
  if ((first === 'last' || first === 'this' || first === 'past') && second !== undefined) {
    if (second === 'week' || second === 'month') {
      if (first === 'past') return null;
      const form = `${first}_${second}` as 'last_week' | 'this_week' | 'last_month' | 'this_month';
      return { range: { text: `${first} ${second}`, spec: { form } }, used: 2 };
    }
    if (first !== 'this' && /^\d+$/.test(second) && third !== undefined) {
      const unit = /^(days?)$/.test(third) ? 1 : /^(weeks?)$/.test(third) ? 7 : null;
      if (unit === null) return null;
      const n = Number(second);
      const days = n * unit;
      if (n < 1) return fail('bad_range', `${echoQuoted(`${second} ${third}`)} is no time at all. ${RANGE_HELP}`);
      if (days > MAX_RANGE_DAYS) return overAYear(`last ${second} ${third}`);
      const word = unit === 1 ? (n === 1 ? 'day' : 'days') : n === 1 ? 'week' : 'weeks';
      return { range: { text: `last ${n} ${word}`, spec: { form: 'last_days', days } }, used: 3 };
    }
    return null;
  }
  const between = BETWEEN_RE.exec(first);
  if (between) return readBetween(words[0] ?? first, between[1] ?? '', between[2] ?? '');
  return null;
}

function readBetween(token: string, a: string, b: string): { range: RangeArg; used: number } | ParseError {
  const from = parseIsoDate(a);
  const to = parseIsoDate(b);
  if (from === null || to === null) {
    const wrong = from === null ? a : b;
    return fail('bad_range', `${echoQuoted(wrong || token)} isn't a date I can start or end a range with: write both as YYYY-MM-DD, e.g. \`2026-10-01..2026-11-20\`.`);
  }
  if (compareDates(to, from) < 0) {
    return fail('bad_range', `The range ${echoQuoted(token)} ends (${formatDay(to, from)}) before it starts (${formatDay(from, to)}). Put the earlier date first, e.g. \`${to}..${from}\`.`);
  }
  if (compareDates(from, EARLIEST_DATE) < 0) return fail('bad_range', `${echoQuoted(token)} starts before any data I can look up (nothing before ${EARLIEST_DATE}).`);
  if (periodDays({ from, to }) > MAX_RANGE_DAYS) return overAYear(token);
  return { range: { text: `${from}..${to}`, spec: { form: 'between', from, to } }, used: 1 };
}

function overAYear(token: string): ParseError {
  return fail('bad_range', `${echoQuoted(token)} is longer than a year; I answer ranges of up to ${MAX_RANGE_DAYS} days. Try \`last 4 weeks\`, \`last month\` or two dates less than a year apart.`);
}
