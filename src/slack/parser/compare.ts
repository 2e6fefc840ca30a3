/**
 * `/occupancy compare <x> <y> [<z>…] [date|range]`: two to six buildings, or two to six zones
 * (`compare zones …`), side by side. Subjects come first, then one date or one range. A word
 * `vs` between subjects is allowed and skipped. Whether bare ids are buildings or zones is
 * read from the directory after the ack; everything that can be refused from the text alone is
 * refused here.
 */
import { badDate, classifyDate, classifyGranularity, duplicate, fail, parseId, unexpected } from './args';
import { readRange, type RangeArg } from './range';
import type { DateArg, ParsedCommand } from './types';

/** How many subjects a comparison takes; its buttons carry them too (blocks/values.ts). */
export const MIN_COMPARE = 2;
export const MAX_COMPARE = 6;

const EXAMPLE = '`/occupancy compare 71 12 yesterday`';

/** The kind words that may follow `compare`; absent, the directory decides. */
export function compareKindWord(word: string | undefined): 'building' | 'zone' | null {
  const w = word?.toLowerCase();
  if (w === 'building' || w === 'buildings') return 'building';
  if (w === 'zone' || w === 'zones') return 'zone';
  return null;
}

/** Words between subjects that join them and mean nothing else. */
export function isJoiner(word: string): boolean {
  return word.toLowerCase() === 'vs';
}

export function parseCompare(rest: readonly string[]): ParsedCommand {
  const scope = compareKindWord(rest[0]);
  const what = scope === 'zone' ? 'zones' : 'buildings';
  const ids: number[] = [];
  let date: DateArg | null = null;
  let dateToken = '';
  let range: RangeArg | null = null;
  for (let i = scope === null ? 0 : 1; i < rest.length; i += 1) {
    const token = rest[i] ?? '';
    if (isJoiner(token)) continue;
    const r = readRange(rest.slice(i));
    if (r !== null) {
      if ('kind' in r) return r;
      if (range !== null) return duplicate('ranges', range.text, r.range.text, `Give one range, e.g. \`/occupancy compare 71 12 last week\`.`);
      range = r.range;
      i += r.used - 1;
      continue;
    }
    const d = classifyDate(token);
    if (d === 'invalid') return badDate(token);
    if (d !== null) {
      if (date !== null) return duplicate('dates', dateToken, token, `Give one date, e.g. ${EXAMPLE}.`);
      date = d;
      dateToken = token;
      continue;
    }
    if (token.toLowerCase() === 'group') {
      return unexpected(token, 'compare', 'A comparison reads everyone; a group is asked for one building or zone, e.g. `/occupancy building 71 yesterday group Sales`.');
    }
    if (classifyGranularity(token) !== null) {
      return unexpected(token, 'compare', 'A comparison is hourly for a day and daily (weekly beyond five weeks) for a range; leave the granularity out.');
    }
    if (date !== null || range !== null) {
      return unexpected(token, `compare … ${range?.text ?? dateToken}`, `Name the ${what} first and the date or range last, e.g. ${EXAMPLE}.`);
    }
    const id = parseId(token, scope ?? 'building');
    if (!id.ok) return id.error;
    if (ids.includes(id.value)) {
      return fail('duplicate_argument', `You named ${scope ?? 'building'} ${id.value} twice. Compare different ${what}, e.g. ${EXAMPLE}.`);
    }
    ids.push(id.value);
  }
  if (ids.length < MIN_COMPARE) {
    const got = ids.length === 0 ? 'nothing to compare' : `only ${scope ?? 'building'} ${ids[0]}`;
    return fail('missing_argument', `\`/occupancy compare\` needs two to ${MAX_COMPARE} ${what}, and I got ${got}. Try ${EXAMPLE}, or \`/occupancy compare zones 71001 71002\` for zones.`);
  }
  if (ids.length > MAX_COMPARE) {
    return fail('too_many', `That's ${ids.length} ${what}; I compare up to ${MAX_COMPARE} at a time. Leave some out, or ask in two goes.`);
  }
  if (date !== null && range !== null) {
    return fail('duplicate_argument', `You gave a range and a date (\`${range.text}\` and \`${dateToken}\`). Ask for one, e.g. \`/occupancy compare 71 12 ${range.text}\`.`);
  }
  return { kind: 'compare', scope, ids, date, range };
}
