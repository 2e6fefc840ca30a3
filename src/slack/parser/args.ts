/**
 * Classifiers for single words of a command: ids, date words, granularities, channels.
 * Each says "this is mine and valid", "this is mine but wrong" (with words for the user),
 * or "not mine" (null), so the grammar can try them in turn.
 */
import { WEEKDAY_WORDS, parseIsoDate } from '../../domain/time';
import { USER_GRANULARITIES } from '../../domain/occupancy';
import { echoQuoted } from '../blocks/mrkdwn';
import type { DateArg, ParseError, ParseErrorReason } from './types';
import type { UserGranularity } from '../../domain/occupancy';
import type { Weekday } from '../../domain/values';
import type { ChannelRef } from '../../domain/drafts';

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ParseError };

export function fail(reason: ParseErrorReason, message: string): ParseError {
  return { kind: 'error', reason, message };
}

export function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function err<T>(reason: ParseErrorReason, message: string): Parsed<T> {
  return { ok: false, error: fail(reason, message) };
}

/**
 * Splits command text into words. A Slack mention or link (`<#C1|general>`, `<https://x|y z>`)
 * and a quoted name (`"open desks north"`, or in the curly quotes phones type) stay one word
 * even with spaces inside; spaces around commas are dropped so that "mon, wed, fri" reads as
 * one list.
 */
export function tokenize(text: string): string[] {
  const joined = text.replace(/\s*,\s*/g, ',');
  return joined.match(/"[^"]*"|“[^”]*”|<[^>]*>?|[^\s<]+/g) ?? [];
}

/** The words inside a quoted token (`"open desks"` → `open desks`); null when it is not quoted. */
export function unquote(token: string): string | null {
  const m = /^"([^"]*)"$|^“([^”]*)”$/.exec(token);
  return m ? (m[1] ?? m[2] ?? '') : null;
}

export type IdKind = 'building' | 'zone' | 'digest' | 'subscription';

export const ID_HINTS: Readonly<Record<IdKind, string>> = {
  building: '`/occupancy buildings` lists the ones you can see.',
  zone: '`/occupancy zones &lt;building id&gt;` lists the zones of a building.',
  digest: "`/occupancy digest list` shows this channel's digests.",
  subscription: '`/occupancy subscriptions` lists yours.',
};

/** Ids in our URLs and InnerSpace are at most 12 digits: well inside Number.MAX_SAFE_INTEGER. */
export const MAX_ID_DIGITS = 12;

/** InnerSpace carries building and zone ids as GraphQL Int: signed 32-bit. */
export const MAX_INNERSPACE_ID = 2_147_483_647;

const ID_PROBLEMS: Readonly<Partial<Record<ParseErrorReason, string>>> = {
  negative: 'ids are positive whole numbers',
  zero: 'ids start at 1',
  not_whole: 'ids are whole numbers',
  too_large: `that is longer than any id (${MAX_ID_DIGITS} digits at most)`,
  non_ascii_digits: 'please type it with the digits 0–9',
  not_a_number: 'ids are whole numbers like 71',
};

function idError(reason: ParseErrorReason, token: string, kind: IdKind, problem = ID_PROBLEMS[reason]): Parsed<number> {
  return err(reason, `${echoQuoted(token)} isn't a ${kind} id: ${problem ?? ID_PROBLEMS.not_a_number}. ${ID_HINTS[kind]}`);
}

/** A positive whole number in ASCII digits; digest and subscription ids may be written `#3`. */
export function parseId(token: string, kind: IdKind, allowHash = false): Parsed<number> {
  const raw = allowHash && token.startsWith('#') ? token.slice(1) : token;
  if (/^[0-9]+$/.test(raw)) {
    const digits = raw.replace(/^0+/, '');
    if (digits === '') return idError('zero', token, kind);
    if (digits.length > MAX_ID_DIGITS) return idError('too_large', token, kind);
    const id = Number(digits);
    if ((kind === 'building' || kind === 'zone') && id > MAX_INNERSPACE_ID) {
      return idError('too_large', token, kind, `InnerSpace ids go up to ${MAX_INNERSPACE_ID}`);
    }
    return ok(id);
  }
  if (/^[-−]\s*[\p{Nd}.,]/u.test(raw)) return idError('negative', token, kind);
  if (/^\p{Nd}*[.,]\p{Nd}+$|^\p{Nd}+(?:[.,]\p{Nd}*)?e[+-]?\p{Nd}+$/iu.test(raw)) return idError('not_whole', token, kind);
  if (/^\p{Nd}+$/u.test(raw)) return idError('non_ascii_digits', token, kind);
  return idError('not_a_number', token, kind);
}

const WEEKDAY_FULL = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

export function weekdayOf(word: string): Weekday | null {
  return WEEKDAY_WORDS[word.toLowerCase()] ?? null;
}

export const DATE_HELP = 'Try `yesterday`, `monday` or `2025-11-20`.';

/** A date word, 'invalid' for something date-shaped that is not a real date, null otherwise. */
export function classifyDate(token: string): DateArg | 'invalid' | null {
  const word = token.toLowerCase();
  if (word === 'today') return { form: 'today', text: 'today' };
  if (word === 'yesterday') return { form: 'yesterday', text: 'yesterday' };
  const weekday = weekdayOf(word);
  if (weekday !== null) return { form: 'weekday', text: WEEKDAY_FULL[weekday - 1] ?? word, weekday };
  if (/^\d{4}-\d{2}-\d{2}$/.test(token)) return parseIsoDate(token) === null ? 'invalid' : { form: 'iso', text: token };
  if (/^\p{Nd}{1,4}[-/.]\p{Nd}{1,2}(?:[-/.]\p{Nd}{1,4})?$/u.test(token) || word === 'tomorrow') return 'invalid';
  return null;
}

export function badDate(token: string): ParseError {
  return fail('bad_date', `${echoQuoted(token)} isn't a date I understand. ${DATE_HELP}`);
}

/** PT15M, PT1H or P1D in any case; 'invalid' for other ISO-8601 durations. */
export function classifyGranularity(token: string): UserGranularity | 'invalid' | null {
  const upper = token.toUpperCase();
  const known = USER_GRANULARITIES.find((g) => g === upper);
  if (known) return known;
  if (/^P(?:\d+[YMWD])*(?:T(?:\d+[HMS])+)?$/.test(upper) && upper !== 'P') return 'invalid';
  return null;
}

export function badGranularity(token: string): ParseError {
  return fail('bad_granularity', `${echoQuoted(token)} isn't a granularity I know. Use \`PT15M\`, \`PT1H\` (the default) or \`P1D\`.`);
}

const CHANNEL_MENTION_RE = /^<#([CGD][A-Z0-9]{2,})(?:\|([^>]*))?>$/i;
const CHANNEL_NAME_RE = /^#([\p{L}\p{N}][\p{L}\p{N}._-]{0,79})$/u;

/** `<#C123|name>` (Slack's escaped mention), `#name`, 'invalid' for other `#…`, null otherwise. */
export function classifyChannel(token: string): ChannelRef | 'invalid' | null {
  const mention = CHANNEL_MENTION_RE.exec(token);
  if (mention) {
    const name = mention[2] ? mention[2] : null;
    return { kind: 'id', id: (mention[1] ?? '').toUpperCase(), name };
  }
  const named = CHANNEL_NAME_RE.exec(token);
  if (named) return { kind: 'name', name: (named[1] ?? '').toLowerCase() };
  if (token.startsWith('#') || token.startsWith('<#')) return 'invalid';
  return null;
}

export function badChannel(token: string): ParseError {
  return fail('bad_channel', `${echoQuoted(token)} isn't a channel I can use. Pick one with \`#\` so Slack links it, e.g. \`#facilities\`.`);
}

export function unexpected(token: string, after: string, help: string): ParseError {
  return fail('unexpected_argument', `I didn't understand ${echoQuoted(token)} after \`${after}\`. ${help}`);
}

export function duplicate(what: string, first: string, second: string, help: string): ParseError {
  return fail('duplicate_argument', `You gave two ${what} (${echoQuoted(first)} and ${echoQuoted(second)}). ${help}`);
}
