/**
 * The building and zone menus of the forms: Slack asks for their options (block_suggestion) when
 * one opens and as the person types, and shows whatever the ack carries. The search reads the
 * directory the InnerSpace client caches, so a keystroke costs no upstream request once it is warm.
 */
import type { NamedKind } from '../../domain/names';
import { MAX_MENU_OPTIONS, buildNameOptions } from '../blocks/name-options';
import type { Listener, OptionsArgs } from './context';

/** What a person may type is short; anything longer is cut before it is searched. */
const MAX_QUERY = 100;

/** Answers one menu's block_suggestion with the names that match what was typed. Never throws: a menu with no options says nothing was found. */
export function nameSuggestions(kind: NamedKind): Listener<OptionsArgs> {
  return (deps) => async ({ ack, payload }) => {
    const query = payload.value.slice(0, MAX_QUERY);
    try {
      await ack(buildNameOptions(await deps.names.search(kind, query, MAX_MENU_OPTIONS)));
    } catch (err) {
      deps.logger.warn({ err, kind }, 'could not search names for a menu');
      await ack({ options: [] });
    }
  };
}
