/**
 * Buttons of the digest list (in a channel or on App Home): pause, resume and delete redraw
 * the list; send posts the digest now; edit and "New digest" open the form; an admin's "Take
 * over" makes a digest whose creator left the workspace theirs.
 */
import { buildDigestListMessage } from '../../blocks/digest-list';
import { buildDigestNothingToSendMessage, buildDigestSentMessage } from '../../blocks/digest-replies';
import { decodeIdValue } from '../../blocks/values';
import { actionValue, actorOf, answerButton, errorReply, requesterOf, type ActionArgs, type Listener } from '../context';
import { openDigestForm } from './form';

export type DigestButton = 'pause' | 'resume' | 'delete' | 'send' | 'edit' | 'new' | 'takeover';

export function digestButton(op: DigestButton): Listener<ActionArgs> {
  return (deps) => async ({ ack, body, action, respond }) => {
    await ack();
    const who = requesterOf(body);
    const actor = actorOf(who);
    const log = deps.logger.child({ action: action.action_id, team: who.teamId, user: who.userId });
    const id = decodeIdValue(actionValue(action));
    if (op !== 'new' && id === null) {
      log.warn('ignored a digest button with an unreadable value');
      return;
    }
    const answer = (msg: Parameters<typeof answerButton>[3], replace: boolean) => answerButton(deps, body, respond, msg, replace);
    deps.inflight.run(
      async () => {
        try {
          switch (op) {
            case 'new':
            case 'edit':
              await openDigestForm(deps, actor, body.trigger_id, who.channelId, op === 'edit' ? id : null);
              return;
            case 'send': {
              const r = await deps.digests.sendNow(actor, id!);
              await answer(r.sent ? buildDigestSentMessage(r.digest.id, r.digest.channelId) : buildDigestNothingToSendMessage(r.digest.id), false);
              return;
            }
            case 'pause':
            case 'resume':
            case 'delete':
            case 'takeover': {
              const d =
                op === 'pause'
                  ? await deps.digests.pause(actor, id!)
                  : op === 'resume'
                    ? await deps.digests.resume(actor, id!)
                    : op === 'takeover'
                      ? await deps.digests.takeOver(actor, id!)
                      : await deps.digests.remove(actor, id!);
              await answer(buildDigestListMessage(await deps.digests.list(actor, d.channelId)), body.container?.type === 'message');
              return;
            }
          }
        } catch (err) {
          await answer(errorReply(err, { kind: 'digest', ...(id !== null ? { id } : {}) }, log), false);
        }
      },
      (err) => log.error({ err }, 'digest button failed'),
    );
  };
}
