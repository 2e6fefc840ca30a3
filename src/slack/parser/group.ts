/**
 * `group <name>` after an answer's subject, in `digest add` and in `subscribe`: the population
 * group (InnerSpace's GROUP root, e.g. a department) whose occupancy is read. The name stays
 * words here, quoted or unquoted up to the next word the grammar knows; it is matched against
 * the groups InnerSpace lists when the command runs.
 */
import { echoQuoted } from '../blocks/mrkdwn';
import { fail, unquote } from './args';
import type { ParseError } from './types';

/** A group as typed: a name (quotes removed) or a group id. */
export interface GroupArg {
  readonly text: string;
}

/** Longer than any group name; longer text is refused rather than looked up. */
const MAX_GROUP_NAME = 80;

export const GROUP_HELP = '`/occupancy groups` lists the groups.';

/**
 * The group clause starting at `words[0]` and how many words it took; null when `words[0]` is
 * not `group`. `grammarWord` says which words end an unquoted name.
 */
export function readGroup(words: readonly string[], grammarWord: (token: string) => boolean): { group: GroupArg; used: number } | ParseError | null {
  if (words[0]?.toLowerCase() !== 'group') return null;
  const first = words[1];
  if (first === undefined || (unquote(first) === null && grammarWord(first))) {
    return fail('missing_argument', `Say which group after \`group\`, e.g. \`group Engineering\`. ${GROUP_HELP}`);
  }
  const quoted = unquote(first);
  let used = 2;
  if (quoted === null) {
    while (used < words.length && !grammarWord(words[used] ?? '') && unquote(words[used] ?? '') === null) used += 1;
  }
  const text = (quoted ?? words.slice(1, used).join(' ')).trim();
  if (text === '') return fail('missing_argument', `Say which group after \`group\`, e.g. \`group Engineering\`. ${GROUP_HELP}`);
  if (text.length > MAX_GROUP_NAME) return fail('unexpected_argument', `${echoQuoted(text.slice(0, 40))}… is longer than any group name. ${GROUP_HELP}`);
  return { group: { text }, used };
}
