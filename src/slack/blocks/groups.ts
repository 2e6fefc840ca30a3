/**
 * `/occupancy groups`: the groups listed by name, since a name is what people type after
 * `group`.
 */
import type { GroupsView } from '../../views/index';
import { context, header, message, section, type KnownBlock, type SlackMessage } from './kit';
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
