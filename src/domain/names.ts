/**
 * Finding a building or zone by the words someone typed: case- and accent-insensitive, the
 * whole name, whole words of it, or prefixes of its words; and, when nothing matches, the
 * nearest names by edit distance and shared words. Pure: the directory is passed in.
 */

export type NamedKind = 'building' | 'zone';

/** One thing a name can point at; zones carry their building so equal zone names can be told apart. */
export interface NamedEntry {
  readonly kind: NamedKind;
  readonly id: number;
  readonly name: string;
  readonly building?: { readonly id: number; readonly name: string };
}

/** Anything with a name to find it by: directory entries, and InnerSpace groups (whose ids are UUIDs). */
export interface Nameable {
  readonly id: number | string;
  readonly name: string;
  readonly building?: { readonly id: number; readonly name: string };
}

export type NameMatchOf<E extends Nameable> =
  | { readonly kind: 'one'; readonly entry: E }
  /** Several fit equally well, best first (by name, then id); `total` counts them all. */
  | { readonly kind: 'many'; readonly entries: readonly E[]; readonly total: number }
  /** Nothing fits; the nearest names, best first (possibly none). */
  | { readonly kind: 'none'; readonly nearest: readonly E[] };

export type NameMatch = NameMatchOf<NamedEntry>;

/** How many candidates an answer offers: a few buttons, not a wall of them. */
export const MAX_CANDIDATES = 5;

/** Below this similarity (0–1) a name is not offered as "did you mean". */
const NEAREST_FLOOR = 0.5;

/**
 * The comparable form of a name: accents removed (NFKD then combining marks dropped), lower
 * case, anything but letters and digits a word break.
 */
export function foldName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function words(folded: string): string[] {
  return folded === '' ? [] : folded.split(' ');
}

/**
 * Whether each query word fits a different name word, in order (`open north` fits
 * "Open Plan North"): `exact` asks for equal words, otherwise a query word may be a prefix.
 */
function wordsFit(query: readonly string[], name: readonly string[], exact: boolean): boolean {
  let at = 0;
  for (const q of query) {
    while (at < name.length && !(exact ? name[at] === q : (name[at] ?? '').startsWith(q))) at += 1;
    if (at >= name.length) return false;
    at += 1;
  }
  return true;
}

function byName(a: Nameable, b: Nameable): number {
  const ids = typeof a.id === 'number' && typeof b.id === 'number' ? a.id - b.id : String(a.id).localeCompare(String(b.id));
  return a.name.localeCompare(b.name) || (a.building?.name ?? '').localeCompare(b.building?.name ?? '') || ids;
}

/**
 * The best tier that matches anything wins: the whole name, then whole words, then a prefix of
 * the whole name, then prefixes of words. One entry in that tier is the answer; several are
 * candidates; none at all gives the nearest names.
 */
export function matchName<E extends Nameable>(text: string, entries: readonly E[]): NameMatchOf<E> {
  const folded = foldName(text);
  const query = words(folded);
  if (query.length === 0) return { kind: 'none', nearest: [] };
  const prepared = entries.map((entry) => {
    const name = foldName(entry.name);
    return { entry, name, words: words(name) };
  });
  const tiers: ((p: (typeof prepared)[number]) => boolean)[] = [
    (p) => p.name === folded,
    (p) => wordsFit(query, p.words, true),
    (p) => p.name.startsWith(folded),
    (p) => wordsFit(query, p.words, false),
  ];
  for (const fits of tiers) {
    const hits = prepared.filter(fits).map((p) => p.entry);
    if (hits.length === 1 && hits[0]) return { kind: 'one', entry: hits[0] };
    if (hits.length > 1) return { kind: 'many', entries: [...hits].sort(byName).slice(0, MAX_CANDIDATES), total: hits.length };
  }
  return { kind: 'none', nearest: nearestNames(folded, prepared) };
}

/** 0–1: one minus the edit distance over the longer length. */
function closeness(a: string, b: string): number {
  return 1 - editDistance(a, b) / Math.max(a.length, b.length, 1);
}

/**
 * Similarity in 0–1: the better of the whole names compared and the query's words each matched
 * to their nearest name word (a word of three letters or more may be a mistyped prefix).
 */
function similarity(folded: string, query: readonly string[], name: string, nameWords: readonly string[]): number {
  const wordScore = (q: string): number =>
    Math.max(0, ...nameWords.map((w) => Math.max(closeness(q, w), q.length >= 3 && w.length > q.length ? closeness(q, w.slice(0, q.length)) : 0)));
  const perWord = query.reduce((sum, q) => sum + wordScore(q), 0) / Math.max(query.length, 1);
  return Math.max(closeness(folded, name), perWord);
}

function nearestNames<E extends Nameable>(folded: string, prepared: readonly { entry: E; name: string; words: string[] }[]): E[] {
  const query = words(folded);
  return prepared
    .map((p) => ({ entry: p.entry, score: similarity(folded, query, p.name, p.words) }))
    .filter((s) => s.score >= NEAREST_FLOOR)
    .sort((a, b) => b.score - a.score || byName(a.entry, b.entry))
    .slice(0, MAX_CANDIDATES)
    .map((s) => s.entry);
}

/** Levenshtein distance over code points; long inputs are cut, since names are short. */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a).slice(0, 80);
  const y = Array.from(b).slice(0, 80);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const cur = [i];
    for (let j = 1; j <= y.length; j += 1) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[y.length] ?? 0;
}
