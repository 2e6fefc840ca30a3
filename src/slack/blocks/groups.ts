/**
 * `/occupancy groups`: the groups listed by name, since a name is what people type after
 * `group`.
 */
import type { GroupsView } from '../../views/index';
import { LIMITS, context, header, input, message, option, section, type InputBlock, type KnownBlock, type SlackMessage } from './kit';
import { escapeMrkdwn, safeName } from './mrkdwn';

/** Groups named in one message; InnerSpace lists a few departments, not hundreds. */
const MAX_LISTED = 40;

export function buildGroupsMessage(view: GroupsView): SlackMessage {
  const blocks: KnownBlock[] = [header('👥 Groups')];
  const shown = view.groups.slice(0, MAX_LISTED);
  const lines = shown.map((g) => `• ${safeName(g.name, 60)}${g.isDefault ? ' _(the default: answers without `group` read it)_' : ''}`);
  blocks.push(section(lines.join('\n') || 'InnerSpace lists no groups.'));
  const rest = view.groups.length - shown.length;
  blocks.push(context([`${rest > 0 ? `…and ${rest} more. ` : ''}Add \`group &lt;name&gt;\` to an answer, a digest or an alert, e.g. \`/occupancy building 71 group ${escapeMrkdwn(exampleName(view))}\`.`]));
  return message(`${view.groups.length} ${view.groups.length === 1 ? 'group' : 'groups'}: ${shown.map((g) => safeName(g.name, 40)).join(', ')}`, blocks);
}

/** A group name that works in an example: a department's, when there is one. */
function exampleName(view: GroupsView): string {
  const name = (view.groups.find((g) => !g.isDefault) ?? view.groups[0])?.name ?? 'Engineering';
  return name.includes(' ') ? `"${name}"` : name;
}

/** The groups a form offers, and the one it has picked. */
export interface GroupChoice {
  readonly groupOptions?: readonly { readonly id: string; readonly name: string }[];
  readonly groupId?: string;
}

/**
 * A form's Group menu (digests, alert rules): InnerSpace's groups, the picked one preselected
 * (the first otherwise); no menu when there is only one group to pick.
 */
export function groupMenu(field: { blockId: string; actionId: string }, choice: GroupChoice, opts: { hint: string; dispatch?: boolean }): InputBlock[] {
  const groups = choice.groupOptions;
  if (!groups || groups.length < 2) return [];
  // A static select holds 100 options; InnerSpace lists a few departments.
  const options = groups.slice(0, LIMITS.selectOptions).map((g) => option(g.name, g.id));
  const initial = options.find((o) => o.value === choice.groupId) ?? options[0];
  return [input(field, 'Group', { type: 'static_select', action_id: field.actionId, options, ...(initial ? { initial_option: initial } : {}) }, opts)];
}
