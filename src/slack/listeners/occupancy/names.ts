/**
 * Commands that name a building or zone instead of giving its id. Before the ack the command
 * is read with stand-in ids, so its grammar is checked (and refused) at once; after the ack
 * each name is resolved through the cached directory and the command is read again with the
 * real ids. A name that fits several, or none, is answered with the candidates as buttons;
 * each button carries the command with that id, which runs as if typed.
 */
import type { Logger } from '../../../logging/logger';
import type { SlackMessage } from '../../blocks/kit';
import { echo, echoCode } from '../../blocks/mrkdwn';
import { buildNameChoiceMessage } from '../../blocks/names';
import { MAX_INNERSPACE_ID } from '../../parser/args';
import { parseCommand } from '../../parser';
import { nameSlotsOf, withIds, type NameSlot } from '../../parser/names';
import type { ParsedCommand } from '../../parser/types';
import { errorReply, type ListenerDeps } from '../context';

/** A command read before its names are resolved. */
export interface ReadCommand {
  readonly tokens: readonly string[];
  readonly slots: readonly NameSlot[];
  /** As parsed: with stand-in ids when it names something, so only its grammar is known. */
  readonly parsed: ParsedCommand;
}

/** Stand-in ids, one per name, above any real one's digits so they can be told from the text. */
const standIn = (i: number): number => MAX_INNERSPACE_ID - i;

/** A refusal worded for the stand-in ids reads back the names as typed. */
function withNamesBack(parsed: ParsedCommand, slots: readonly NameSlot[]): ParsedCommand {
  if (parsed.kind !== 'error' && parsed.kind !== 'unknown') return parsed;
  let text = parsed.message;
  slots.forEach((slot, i) => {
    text = text.split(String(standIn(i))).join(echo(slot.text));
  });
  return { ...parsed, message: text };
}

export function readCommand(text: string): ReadCommand {
  const { tokens, slots } = nameSlotsOf(text);
  if (slots.length === 0) return { tokens, slots, parsed: parseCommand(text) };
  const parsed = parseCommand(withIds(tokens, slots, slots.map((_, i) => standIn(i))));
  return { tokens, slots, parsed: withNamesBack(parsed, slots) };
}

/** The ack while names are resolved: the name as typed for answers, the usual words otherwise. */
export function lookingUpNames(read: ReadCommand, usual: string | null): string | null {
  const first = read.slots[0];
  if (!first) return usual;
  switch (read.parsed.kind) {
    case 'building':
    case 'zone':
      return `Looking up ${echoCode(first.text)}…`;
    case 'zones':
      return `Looking up the zones of ${echoCode(first.text)}…`;
    case 'compare': {
      // Ids as typed, names for their stand-ins.
      const typed = read.parsed.ids.map((id) => {
        const i = read.slots.findIndex((_, j) => standIn(j) === id);
        return i >= 0 ? echoCode(read.slots[i]!.text) : String(id);
      });
      return `Comparing ${typed.join(', ')}…`;
    }
    default:
      return usual;
  }
}

export type Resolved = { readonly kind: 'command'; readonly parsed: ParsedCommand } | { readonly kind: 'choice'; readonly message: SlackMessage };

/**
 * Each name to its id, then the command as it would have been typed with ids. The first name
 * that fits several or none stops there, with the choices; the others stay as typed in the
 * buttons' commands and are resolved when one is pressed.
 */
export async function resolveNames(deps: Pick<ListenerDeps, 'names'>, read: ReadCommand, log: Logger): Promise<Resolved> {
  if (read.slots.length === 0) return { kind: 'command', parsed: read.parsed };
  const ids: (number | null)[] = read.slots.map(() => null);
  for (const [i, slot] of read.slots.entries()) {
    let match;
    let kind = slot.kind;
    try {
      match = await deps.names.resolve(slot.kind, slot.text);
      if (match.kind === 'none' && slot.orZone) {
        // `compare a b` says neither buildings nor zones: a name no building has may be a zone's.
        const zone = await deps.names.resolve('zone', slot.text);
        if (zone.kind !== 'none') {
          match = zone;
          kind = 'zone';
        }
      }
    } catch (err) {
      return { kind: 'choice', message: errorReply(err, { kind: slot.kind }, log) };
    }
    if (match.kind === 'one') {
      ids[i] = match.entry.id;
      continue;
    }
    const commandFor = (entry: { id: number }) => withIds(read.tokens, read.slots, ids.map((id, j) => (j === i ? entry.id : id)));
    const entries = match.kind === 'many' ? match.entries : match.nearest;
    log.info({ name: slot.text.slice(0, 80), outcome: match.kind, candidates: entries.length }, 'a name did not fit exactly one');
    return {
      kind: 'choice',
      message: buildNameChoiceMessage({
        kind,
        typed: slot.text,
        outcome: match.kind,
        entries,
        ...(match.kind === 'many' ? { total: match.total } : {}),
        commandFor,
      }),
    };
  }
  return { kind: 'command', parsed: parseCommand(withIds(read.tokens, read.slots, ids)) };
}
