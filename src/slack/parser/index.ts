/**
 * `/occupancy` text → ParsedCommand. Pure: no clock, no I/O. Every refusal carries words
 * that say what was wrong and what would work, with the user's text echoed escaped.
 */
import { echoCode, echoQuoted } from '../blocks/mrkdwn';
import {
  ID_HINTS,
  badDate,
  badGranularity,
  classifyDate,
  classifyGranularity,
  duplicate,
  fail,
  parseId,
  tokenize,
  unexpected,
} from './args';
import { parseCompare } from './compare';
import { parseDigest } from './digest';
import { GROUP_HELP, readGroup, type GroupArg } from './group';
import { reportWord } from './names';
import { readRange, RANGE_HELP, type RangeArg } from './range';
import { parseSubscribe } from './subscribe';
import type { DateArg, ParsedCommand } from './types';
import type { UserGranularity } from '../../domain/occupancy';

export * from './types';
export { defaultRecovery, minDurationBuckets } from '../../domain/subscription';
export { MAX_DIGEST_BUILDINGS } from './digest';
export { MAX_ID_DIGITS, classifyChannel, classifyDate, classifyGranularity, parseId, tokenize } from './args';
export { parseTime, parseDays, parseZone } from './schedule';
export { readRange, RANGE_HELP } from './range';

/** Longer input is refused outright rather than echoed. */
export const MAX_COMMAND_LENGTH = 500;

export const SUBCOMMANDS = ['help', 'buildings', 'building', 'zone', 'zones', 'groups', 'compare', 'digest', 'subscribe', 'subscriptions', 'unsubscribe'] as const;

const DATE_AND_GRANULARITY =
  'Add a date (`yesterday`, `monday`, `2025-11-20`) and, if you like, a granularity (`PT15M`, `PT1H`, `P1D`).';
const DATE_ONLY = 'Add a date if you like: `yesterday`, `monday` or `2025-11-20`.';

export function parseCommand(text: string): ParsedCommand {
  if (text.length > MAX_COMMAND_LENGTH) {
    return fail(
      'too_long',
      `That command is ${text.length.toLocaleString('en-US')} characters long, more than the ${MAX_COMMAND_LENGTH} I read. \`/occupancy help\` shows the short forms that work.`,
    );
  }
  const [first, ...rest] = tokenize(text.trim());
  if (first === undefined) return { kind: 'help' };
  const word = first.toLowerCase();
  switch (word) {
    case 'help':
    case '?':
      return { kind: 'help' };
    case 'buildings':
      return rest[0] === undefined ? { kind: 'buildings' } : unexpected(rest[0], 'buildings', '`/occupancy buildings` takes nothing after it.');
    case 'groups':
      return rest[0] === undefined ? { kind: 'groups' } : unexpected(rest[0], 'groups', '`/occupancy groups` takes nothing after it.');
    case 'building':
    case 'zone':
      return parseScopeReport(word, rest);
    case 'zones':
      return parseZones(rest);
    case 'compare':
      return parseCompare(rest);
    case 'digest':
    case 'digests':
      return parseDigest(rest);
    case 'subscribe':
      return parseSubscribe(rest);
    case 'subscriptions':
      return rest[0] === undefined
        ? { kind: 'subscriptions' }
        : unexpected(rest[0], 'subscriptions', '`/occupancy subscriptions` takes nothing after it.');
    case 'unsubscribe':
      return parseUnsubscribe(rest);
    default:
      return unknownWord(first, rest);
  }
}

function unknownWord(word: string, rest: readonly string[]): ParsedCommand {
  const shown = Array.from(word).slice(0, 40).join('');
  const near = nearestSubcommand(word.toLowerCase());
  if (near === null) return { kind: 'unknown', word: shown, message: `I didn't understand ${echoCode(word)}.` };
  const suggestion = [near, ...rest].join(' ').slice(0, 200);
  return { kind: 'unknown', word: shown, message: `I didn't understand ${echoCode(word)}. Did you mean \`${near}\`?`, suggestion };
}

/** The closest subcommand within a typo or two (`buildng` → `building`, not `buildings`); the first listed wins a tie. */
function nearestSubcommand(word: string): string | null {
  let best: { name: string; distance: number } | null = null;
  for (const name of SUBCOMMANDS) {
    const distance = editDistance(word, name);
    if (distance > (name.length > 5 ? 2 : 1)) continue;
    if (best === null || distance < best.distance) best = { name, distance };
  }
  return best?.name ?? null;
}

function parseScopeReport(kind: 'building' | 'zone', rest: readonly string[]): ParsedCommand {
  const [idToken, ...options] = rest;
  if (idToken === undefined) {
    return fail('missing_argument', `\`/occupancy ${kind}\` needs a ${kind} id, e.g. \`/occupancy ${kind} ${kind === 'building' ? 71 : 5}\`. ${ID_HINTS[kind]}`);
  }
  const id = parseId(idToken, kind);
  if (!id.ok) return id.error;
  let date: DateArg | null = null;
  let dateToken = '';
  let granularity: UserGranularity | null = null;
  let granularityToken = '';
  let range: RangeArg | null = null;
  let group: GroupArg | null = null;
  for (let i = 0; i < options.length; i += 1) {
    const token = options[i] ?? '';
    const gr = readGroup(options.slice(i), reportWord);
    if (gr !== null) {
      if ('kind' in gr) return gr;
      if (group !== null) return duplicate('groups', group.text, gr.group.text, `Give one group, e.g. \`/occupancy ${kind} ${id.value} group ${group.text}\`.`);
      group = gr.group;
      i += gr.used - 1;
      continue;
    }
    const r = readRange(options.slice(i));
    if (r !== null) {
      if ('kind' in r) return r;
      if (range !== null) return duplicate('ranges', range.text, r.range.text, `Give one range, e.g. \`/occupancy ${kind} ${id.value} last week\`.`);
      range = r.range;
      i += r.used - 1;
      continue;
    }
    const d = classifyDate(token);
    if (d === 'invalid') return badDate(token);
    if (d !== null) {
      if (date !== null) return duplicate('dates', dateToken, token, `Give one date, e.g. \`/occupancy ${kind} ${id.value} yesterday\`.`);
      date = d;
      dateToken = token;
      continue;
    }
    const g = classifyGranularity(token);
    if (g === 'invalid') return badGranularity(token);
    if (g !== null) {
      if (granularity !== null) {
        return duplicate('granularities', granularityToken, token, `Give one, e.g. \`/occupancy ${kind} ${id.value} yesterday PT15M\`.`);
      }
      granularity = g;
      granularityToken = token;
      continue;
    }
    // "last year", "this fortnight": range-shaped words get the ranges that work.
    if (/^(last|this|past)$/i.test(token)) return unexpected(options.slice(i, i + 3).join(' '), `${kind} ${id.value}`, RANGE_HELP);
    return unexpected(token, `${kind} ${id.value}`, DATE_AND_GRANULARITY);
  }
  const named = group !== null ? { group } : {};
  if (range !== null) {
    const parsed = rangeCommand(kind, id.value, range, dateToken, granularityToken);
    return parsed.kind === 'range' ? { ...parsed, ...named } : parsed;
  }
  return { kind, id: id.value, date, granularity: granularity ?? 'PT1H', ...named };
}

/** A range is shown by day (by week beyond five weeks): a date or granularity beside it is a second answer. */
function rangeCommand(kind: 'building' | 'zone', id: number, range: RangeArg, dateToken: string, granularityToken: string): ParsedCommand {
  if (dateToken !== '') {
    return fail(
      'duplicate_argument',
      `You gave a range and a date (${echoQuoted(range.text)} and ${echoQuoted(dateToken)}). Ask for one, e.g. \`/occupancy ${kind} ${id} ${range.text}\` or \`/occupancy ${kind} ${id} ${dateToken}\`.`,
    );
  }
  if (granularityToken !== '') {
    return unexpected(granularityToken, `${kind} ${id} ${range.text}`, 'A range is shown by day, and by week beyond five weeks; leave the granularity out.');
  }
  return { kind: 'range', scope: kind, id, range };
}

function parseZones(rest: readonly string[]): ParsedCommand {
  const [idToken, ...options] = rest;
  if (idToken === undefined) {
    return fail('missing_argument', `\`/occupancy zones\` needs a building id, e.g. \`/occupancy zones 71\`. ${ID_HINTS.building}`);
  }
  const id = parseId(idToken, 'building');
  if (!id.ok) return id.error;
  let date: DateArg | null = null;
  let dateToken = '';
  let group: GroupArg | null = null;
  for (let i = 0; i < options.length; i += 1) {
    const token = options[i] ?? '';
    const gr = readGroup(options.slice(i), reportWord);
    if (gr !== null) {
      if ('kind' in gr) return gr;
      if (group !== null) return duplicate('groups', group.text, gr.group.text, `Give one group. ${GROUP_HELP}`);
      group = gr.group;
      i += gr.used - 1;
      continue;
    }
    const d = classifyDate(token);
    if (d === 'invalid') return badDate(token);
    if (d === null) return unexpected(token, `zones ${id.value}`, DATE_ONLY);
    if (date !== null) return duplicate('dates', dateToken, token, `Give one date, e.g. \`/occupancy zones ${id.value} yesterday\`.`);
    date = d;
    dateToken = token;
  }
  return { kind: 'zones', buildingId: id.value, date, ...(group !== null ? { group } : {}) };
}

function parseUnsubscribe(rest: readonly string[]): ParsedCommand {
  const [idToken, extra] = rest;
  if (idToken === undefined) {
    return fail('missing_argument', `\`/occupancy unsubscribe\` needs a subscription number, e.g. \`/occupancy unsubscribe 7\`. ${ID_HINTS.subscription}`);
  }
  const id = parseId(idToken, 'subscription', true);
  if (!id.ok) return id.error;
  if (extra !== undefined) return unexpected(extra, `unsubscribe ${id.value}`, 'Give one subscription number at a time.');
  return { kind: 'unsubscribe', id: id.value };
}

/** Levenshtein distance, for "did you mean" on short words only. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2 || a.length > 20) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const cur = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[b.length] ?? Infinity;
}
