/**
 * A name that did not point at exactly one building or zone: the candidates (several fit) or
 * the nearest names (none did), each with a button that runs the same command with that id.
 * One candidate per section, the button its accessory, so every action_id stays alone in its
 * block as Slack asks.
 */
import type { NamedEntry, NamedKind } from '../../domain/names';
import { ACTION_IDS } from './ids';
import { button, context, message, section, type KnownBlock, type SlackMessage } from './kit';
import { echoCode, safeName } from './mrkdwn';

export interface NameChoice {
  readonly kind: NamedKind;
  /** What was typed. */
  readonly typed: string;
  readonly outcome: 'many' | 'none';
  readonly entries: readonly NamedEntry[];
  /** How many fit in all (`many`), when more than are shown. */
  readonly total?: number;
  /** The command to run for one entry, as the button's value. */
  readonly commandFor: (entry: NamedEntry) => string;
}

const LIST_HINTS: Readonly<Record<NamedKind, string>> = {
  building: '`/occupancy buildings` lists the ones you can see.',
  zone: '`/occupancy zones &lt;building&gt;` lists the zones of a building.',
};

function entryLine(e: NamedEntry): string {
  const where = e.building ? ` · ${safeName(e.building.name)}` : '';
  return `*${safeName(e.name)}* (${e.id})${where}`;
}

export function buildNameChoiceMessage(c: NameChoice): SlackMessage {
  const typed = echoCode(c.typed);
  const lead =
    c.outcome === 'many'
      ? `More than one ${c.kind} matches ${typed}. Which one did you mean?`
      : c.entries.length > 0
        ? `I couldn't find a ${c.kind} called ${typed}. Did you mean one of these?`
        : `I couldn't find a ${c.kind} called ${typed}. ${LIST_HINTS[c.kind]}`;
  const blocks: KnownBlock[] = [
    section(lead),
    ...c.entries.map((e, i) => ({ ...section(entryLine(e)), accessory: button('Choose', ACTION_IDS.pickName, c.commandFor(e)), block_id: `name_choice_${i}` })),
  ];
  const more = c.total !== undefined && c.total > c.entries.length ? `${c.total} match; type more of the name to narrow them down. ` : '';
  if (c.entries.length > 0) blocks.push(context([`${more}${LIST_HINTS[c.kind]}`]));
  return message(lead, blocks);
}
