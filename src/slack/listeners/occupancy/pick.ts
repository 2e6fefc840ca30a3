/**
 * A candidate's button (a name that fit several buildings or zones, or none): runs the command
 * it carries as if typed, in place of the choices. The command is checked like typed text; it
 * can do no more than the person pressing could type.
 */
import { MAX_COMMAND_LENGTH } from '../../parser';
import { actionValue, requesterOf, responder, type ActionArgs, type Listener } from '../context';
import { runCommand } from './command';
import { readCommand } from './names';

export const pickName: Listener<ActionArgs> = (deps) => async ({ ack, body, action, respond }) => {
  await ack();
  const requester = requesterOf(body);
  const log = deps.logger.child({ action: action.action_id, team: requester.teamId, user: requester.userId });
  const text = actionValue(action);
  if (text === undefined || text.length > MAX_COMMAND_LENGTH) {
    log.warn('ignored a name choice with an unreadable value');
    return;
  }
  const read = readCommand(text);
  const reply = responder(deps, respond);
  const who = { ...requester, channelId: requester.channelId ?? '' };
  deps.inflight.run(
    () => runCommand(deps, read, who, (msg) => reply({ replace_original: true, ...msg }), log.child({ command: read.parsed.kind })),
    (err) => log.error({ err }, 'the name choice failed'),
  );
};
