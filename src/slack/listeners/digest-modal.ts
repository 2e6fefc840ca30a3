import type { App, ViewSubmitAction } from '@slack/bolt';
import { AppError, toAppError } from '../../errors';
import type { DigestService, SavedDigest } from '../../services/digests';
import { decodeFormMeta } from '../../services/digests';
import { validateDigestSubmission } from '../blocks/digest-modal';
import { buildDigestSavedMessage, digestFormErrors } from '../blocks/digest-replies';
import { CALLBACK_IDS } from '../blocks/ids';
import type { SlackMessage } from '../blocks/kit';
import type { SlackGateway } from '../gateway';
import type { SlackDeps } from '../handlers/context';
import { digestErrorMessage } from '../handlers/digest';

/** Slack closes the form with an error after 3 s; checks that take longer answer afterwards. */
const ACK_BUDGET_MS = 2000;

/**
 * The digest form's submission. Input and authorization problems go back in the ack as
 * `response_action: errors` (the form stays open); a saved digest closes the form and is
 * confirmed privately in its channel.
 */
export function registerDigestModal(app: App, deps: SlackDeps, digests: DigestService, slack: SlackGateway): void {
  app.view<ViewSubmitAction>(CALLBACK_IDS.digestModal, async ({ ack, body, view }) => {
    const actor = { teamId: body.team?.id ?? view.team_id, userId: body.user.id };
    const log = deps.logger.child({ view: CALLBACK_IDS.digestModal, team: actor.teamId, user: actor.userId });
    const checked = validateDigestSubmission(view.state.values);
    if (!checked.ok) {
      await ack({ response_action: 'errors', errors: checked.errors });
      return;
    }
    const meta = decodeFormMeta(view.private_metadata);
    if (!meta) {
      log.warn('digest form with unreadable private_metadata refused');
      await ack({ response_action: 'errors', errors: digestFormErrors(new AppError('BAD_INPUT', 'bad form metadata', { details: { reason: 'form_metadata' } })) });
      return;
    }

    const work = digests.submit(actor, checked.draft, meta);
    // Settled either way, so a late failure is reported below rather than unhandled.
    const settled = work.then(
      (saved) => ({ ok: true as const, saved }),
      (err: unknown) => ({ ok: false as const, err }),
    );
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), ACK_BUDGET_MS);
    });
    const first = await Promise.race([settled, budget]);
    clearTimeout(timer);

    if (first !== 'late' && !first.ok) {
      const e = toAppError(first.err);
      if (!['FORBIDDEN', 'SLACK_API', 'NOT_FOUND', 'BAD_INPUT'].includes(e.code)) log.error({ err: first.err }, 'saving a digest failed');
      else log.info({ code: e.code, details: e.details }, 'digest form refused');
      await ack({ response_action: 'errors', errors: digestFormErrors(e) });
      return;
    }
    await ack();
    deps.inflight.run(
      async () => {
        const outcome = first === 'late' ? await settled : first;
        const msg: SlackMessage = outcome.ok
          ? confirmation(outcome.saved, meta.digestId === null)
          : digestErrorMessage(outcome.err, log);
        await tell(slack, outcome.ok ? outcome.saved.digest.channelId : meta.origin, actor.userId, msg);
      },
      (err) => log.warn({ err }, 'could not confirm the digest form'),
    );
  });
}

function confirmation(saved: SavedDigest, created: boolean): SlackMessage {
  return buildDigestSavedMessage(saved.summary, { mode: created ? 'created' : 'updated', joined: saved.joined });
}

/** Privately in the channel when possible, else by direct message. */
async function tell(slack: SlackGateway, channel: string | null, user: string, msg: SlackMessage): Promise<void> {
  if (channel) {
    try {
      await slack.postEphemeral(channel, user, msg);
      return;
    } catch {
      // Not a member (an admin setting up someone else's channel): a direct message instead.
    }
  }
  await slack.postMessage(await slack.openDm(user), msg);
}
