/**
 * The options of the building and zone menus in the forms (external selects): what the bot
 * answers to block_suggestion, and the preselected options of a form opened on a saved digest
 * or rule. An option's text is what the person sees and what Slack sends back in the form's
 * state; its value is the id the services take.
 */
import type { NamedEntry, NamedKind } from '../../domain/names';
import { scopeTitle } from './format';
import { LIMITS, option, type PlainTextOption } from './kit';

/** "Southwark Works (104)"; a zone also names its building: "Floor 2 · Southwark Works (5)". At most 75 characters, the id always kept. */
export function nameOptionText(entry: Pick<NamedEntry, 'id' | 'name' | 'building'>): string {
  const name = entry.building ? `${entry.name} · ${entry.building.name}` : entry.name;
  const full = scopeTitle(name, entry.id);
  if (full.length <= LIMITS.optionText) return full;
  // Shorten the name, not the id: the id is what tells two long names apart.
  const tail = ` (${entry.id})`;
  return `${full.slice(0, LIMITS.optionText - tail.length - 1).trimEnd()}…${tail}`;
}

export function nameOption(entry: Pick<NamedEntry, 'id' | 'name' | 'building'>): PlainTextOption {
  return option(nameOptionText(entry), String(entry.id));
}

/** A saved id the directory no longer names (or could not be read): still shown, by its id. */
export function unnamedOption(kind: NamedKind, id: number): PlainTextOption {
  return option(`${kind === 'zone' ? 'Zone' : 'Building'} ${id}`, String(id));
}

/** Slack shows at most 100 options in an answer to block_suggestion. */
export const MAX_MENU_OPTIONS = LIMITS.selectOptions;

/** The answer to block_suggestion: the entries found, best first, at most 100. */
export function buildNameOptions(entries: readonly NamedEntry[]): { options: PlainTextOption[] } {
  return { options: entries.slice(0, MAX_MENU_OPTIONS).map(nameOption) };
}
