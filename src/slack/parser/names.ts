/**
 * Where a command names a building or zone instead of giving its id: `building Southwark
 * Works yesterday`, `zone "open plan north"`, `digest add building DEMO at 08:00`, `subscribe
 * building demo above 120`. Finds those words (a quoted token, or the unquoted words up to the
 * next word the rest of the grammar knows), and writes the command again with ids in their
 * place once they are resolved, so the parser proper only ever sees ids. Pure.
 */
import type { NamedKind } from '../../domain/names';
import { classifyChannel, classifyDate, classifyGranularity, parseId, tokenize, unquote } from './args';
import { parseDays, parseTime } from './schedule';
import { compareKindWord, isJoiner } from './compare';

/** The words of one name in a command. */
export interface NameSlot {
  readonly kind: NamedKind;
  /** The name as typed, quotes removed. */
  readonly text: string;
  /** The tokens it occupies, [start, end), in tokenize(command text). */
  readonly start: number;
  readonly end: number;
  /** A `compare` subject without a kind word: a name no building has may be a zone's. */
  readonly orZone?: boolean;
}

/**
 * Words that end an unquoted name in an answer (`building|zone|zones <name> …`): words other
 * parts of the grammar use after the subject. A name containing one of them is quoted.
 */
export const REPORT_WORDS: ReadonlySet<string> = new Set(['last', 'this', 'group', 'vs', 'compare', 'from', 'since', 'until']);

const DIGEST_WORDS: ReadonlySet<string> = new Set(['building', 'buildings', 'on', 'every', 'in', 'at', 'group']);
const SUBSCRIBE_WORDS: ReadonlySet<string> = new Set(['above', 'below', 'recover', 'recovers', 'recovery', 'for', 'daily', 'hourly', 'me', 'dm', 'group']);

/** Valid words of an answer's options (a real date, a granularity, a range); a malformed one may be part of a name. */
export function reportWord(token: string): boolean {
  const date = classifyDate(token);
  const granularity = classifyGranularity(token);
  return REPORT_WORDS.has(token.toLowerCase()) || (date !== null && date !== 'invalid') || (granularity !== null && granularity !== 'invalid') || token.includes('..');
}

export function digestWord(token: string): boolean {
  const time = parseTime(token);
  const days = parseDays(token);
  return DIGEST_WORDS.has(token.toLowerCase()) || (time !== null && time !== 'invalid') || (days !== null && days !== 'invalid') || classifyChannel(token) !== null;
}

export function subscribeWord(token: string): boolean {
  const granularity = classifyGranularity(token);
  return SUBSCRIBE_WORDS.has(token.toLowerCase()) || (granularity !== null && granularity !== 'invalid') || classifyChannel(token) !== null;
}

/** A token that is an id, or tries to be one (`71`, `-5`, `1.5`, `٧١`): the parser words its problems. */
function idShaped(token: string): boolean {
  const parsed = parseId(token, 'building');
  return parsed.ok || parsed.error.reason !== 'not_a_number' || token.startsWith('#') || token.startsWith('<');
}

/** The name starting at `at`, if one does: a quoted token, or unquoted words up to a grammar word. */
function slotAt(tokens: readonly string[], at: number, kind: NamedKind, grammarWord: (t: string) => boolean): NameSlot | null {
  const first = tokens[at];
  if (first === undefined) return null;
  const quoted = unquote(first);
  if (quoted !== null) return { kind, text: quoted, start: at, end: at + 1 };
  if (idShaped(first) || grammarWord(first)) return null;
  let end = at + 1;
  while (end < tokens.length && !grammarWord(tokens[end] ?? '') && unquote(tokens[end] ?? '') === null) end += 1;
  return { kind, text: tokens.slice(at, end).join(' '), start: at, end };
}

/** Every name in the command's tokens, in order; none for commands that take no building or zone. */
export function findNameSlots(tokens: readonly string[]): NameSlot[] {
  const [first, second] = tokens.map((t) => t.toLowerCase());
  const one = (slot: NameSlot | null): NameSlot[] => (slot ? [slot] : []);
  switch (first) {
    case 'building':
    case 'zone':
      return one(slotAt(tokens, 1, first, reportWord));
    case 'zones':
      return one(slotAt(tokens, 1, 'building', reportWord));
    case 'compare':
      return compareSlots(tokens);
    case 'subscribe':
      return second === 'building' || second === 'zone' ? one(slotAt(tokens, 2, second, subscribeWord)) : [];
    case 'digest':
    case 'digests':
      if (second !== 'add' && second !== 'new' && second !== 'create') return [];
      return digestSlots(tokens);
    default:
      return [];
  }
}

/**
 * `compare [buildings|zones] <x> <y> …`: every subject that is not an id is a name, one word
 * each (several subjects follow one another, so a name with spaces is quoted), up to the date
 * or range.
 */
function compareSlots(tokens: readonly string[]): NameSlot[] {
  const kind = compareKindWord(tokens[1]);
  const slots: NameSlot[] = [];
  for (let i = kind === null ? 1 : 2; i < tokens.length; i += 1) {
    const token = tokens[i] ?? '';
    if (isJoiner(token)) continue;
    const quoted = unquote(token);
    if (quoted === null && (idShaped(token) || reportWord(token))) {
      if (reportWord(token)) break;
      continue;
    }
    slots.push({ kind: kind ?? 'building', text: quoted ?? token, start: i, end: i + 1, ...(kind === null ? { orZone: true } : {}) });
  }
  return slots;
}

/** `digest add … building <name> … building <name>`: a name after each `building(s)`. */
function digestSlots(tokens: readonly string[]): NameSlot[] {
  const slots: NameSlot[] = [];
  for (let i = 2; i < tokens.length; i += 1) {
    const word = tokens[i]?.toLowerCase();
    if (word !== 'building' && word !== 'buildings') continue;
    const slot = slotAt(tokens, i + 1, 'building', digestWord);
    if (slot) {
      slots.push(slot);
      i = slot.end - 1;
    }
  }
  return slots;
}

/** The command's slots, read from its text. */
export function nameSlotsOf(text: string): { tokens: string[]; slots: NameSlot[] } {
  const tokens = tokenize(text.trim());
  return { tokens, slots: findNameSlots(tokens) };
}

/**
 * The command written again with ids where its names were; a slot without an id keeps its
 * words, quoted when there are several so they are read as one name again.
 */
export function withIds(tokens: readonly string[], slots: readonly NameSlot[], ids: readonly (number | null)[]): string {
  const out: string[] = [];
  let at = 0;
  slots.forEach((slot, i) => {
    out.push(...tokens.slice(at, slot.start));
    const id = ids[i];
    out.push(id != null ? String(id) : slot.text.includes(' ') || slot.end - slot.start > 1 ? `"${slot.text.replace(/"/g, '')}"` : slot.text);
    at = slot.end;
  });
  out.push(...tokens.slice(at));
  return out.join(' ');
}
