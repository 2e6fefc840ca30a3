import type { App, BlockAction, ButtonAction, RespondArguments } from '@slack/bolt';
import type { DigestService } from '../../services/digests';
import { buildDigestListMessage } from '../blocks/digest-list';
import { buildDigestModal } from '../blocks/digest-modal';
import { buildDigestNothingToSendMessage, buildDigestSentMessage } from '../blocks/digest-replies';
import { ACTION_IDS } from '../blocks/ids';
import type { SlackMessage } from '../blocks/kit';
import { decodeIdValue } from '../blocks/values';
import type { SlackGateway } from '../gateway';
import type { SlackDeps } from '../handlers/context';
import { digestErrorMessage } from '../handlers/digest';

type Op = 'pause' | 'resume' | 'delete' | 'send' | 'edit' | 'new';

const OPS: readonly (readonly [string, Op])[] = [
  [ACTION_IDS.digestPause, 'pause'],
  [ACTION_IDS.digestResume, 'resume'],
  [ACTION_IDS.digestDelete, 'delete'],
  [ACTION_IDS.digestSend, 'send'],
  [ACTION_IDS.digestEdit, 'edit'],
  [ACTION_IDS.newDigest, 'new'],
];

/**
 * Buttons of the digest list: pause, resume and delete redraw the list in place; send posts
 * the digest now; edit (and "new digest") opens the form.
 */
export function registerDigestActions(app: App, deps: SlackDeps, digests: DigestService, slack: SlackGateway): void {
  for (const [actionId, op] of OPS) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      const actor = { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id };
      const log = deps.logger.child({ action: actionId, team: actor.teamId, user: actor.userId });
      const id = decodeIdValue(action.value);
      if (op !== 'new' && id === null) {
        log.warn('ignored a digest button with an unreadable value');
        return;
      }
      const channelId = body.channel?.id ?? null;
      // Buttons on App Home have no response_url: answers go by direct message there.
      const reply = async (msg: SlackMessage, replace: boolean) => {
        if (body.response_url) await respond({ response_type: 'ephemeral', replace_original: replace, ...msg } as RespondArguments);
        else await slack.postMessage(await slack.openDm(actor.userId), msg);
      };
      deps.inflight.run(
        async () => {
          try {
            switch (op) {
              case 'new':
              case 'edit':
                await digests.openForm(actor, body.trigger_id, channelId, op === 'edit' ? id : null, buildDigestModal);
                return;
              case 'send': {
                const r = await digests.sendNow(actor, id!);
                await reply(r.sent ? buildDigestSentMessage(r.digest.id, r.digest.channelId) : buildDigestNothingToSendMessage(r.digest.id), false);
                return;
              }
              case 'pause':
              case 'resume':
              case 'delete': {
                const d = op === 'pause' ? await digests.pause(actor, id!) : op === 'resume' ? await digests.resume(actor, id!) : await digests.remove(actor, id!);
                await reply(buildDigestListMessage(await digests.list(actor, d.channelId)), body.container?.type === 'message');
                return;
              }
            }
          } catch (err) {
            await reply(digestErrorMessage(err, log, id ?? undefined), false);
          }
        },
        (err) => log.error({ err }, 'digest button failed'),
      );
    });
  }
}
