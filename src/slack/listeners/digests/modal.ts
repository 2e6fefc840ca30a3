/**
 * The digest form's submission. Input and authorization problems go back in the ack as
 * `response_action: errors` (the form stays open); a saved digest closes the form and is
 * confirmed privately in its channel, followed, when "Send me a preview" was ticked, by the
 * preview. A modal has no response_url, so both go as ephemerals in the digest's channel, or
 * by direct message when an ephemeral cannot reach the person there.
 */
import { StaleFormError, toAppError, type ErrorCode } from '../../../errors';
import { buildDigestSavedMessage } from '../../blocks/digest-replies';
import { buildDigestPreviewMessages, buildDigestPreviewSkippedMessage } from '../../blocks/digest-preview';
import { digestFormErrors } from '../../blocks/errors';
import type { SlackMessage } from '../../blocks/kit';
import type { Logger } from '../../../logging/logger';
import { actorOf, errorReply, requesterOf, tellUser, type Actor, type Listener, type ViewArgs } from '../context';
import { decodeFormMeta, validateDigestSubmission } from './form';

/** Slack closes the form with an error after 3 s; checks that take longer answer afterwards. */
export const ACK_BUDGET_MS = 2000;
/** Refusals the form words for the user; anything else is also logged as a failure. */
const FORM_REFUSALS: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['FORBIDDEN', 'SLACK_API', 'NOT_FOUND', 'BAD_INPUT']);

export const digestFormSubmitted: Listener<ViewArgs> = (deps) => async ({ ack, body, view }) => {
  const actor = actorOf(requesterOf(body));
  const log = deps.logger.child({ view: view.callback_id, team: actor.teamId, user: actor.userId });
  const checked = validateDigestSubmission(view.state.values);
  if (!checked.ok) {
    await ack({ response_action: 'errors', errors: checked.errors });
    return;
  }
  const meta = decodeFormMeta(view.private_metadata);
  if (!meta) {
    log.warn('digest form with unreadable private_metadata refused');
    await ack({ response_action: 'errors', errors: digestFormErrors(new StaleFormError()) });
    return;
  }

  // Settled either way, so a late failure is reported below rather than unhandled.
  const settled = deps.digests.submit(actor, checked.draft, meta).then(
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
    if (!FORM_REFUSALS.has(e.code)) log.error({ err: first.err }, 'saving a digest failed');
    else log.info({ err: e }, 'digest form refused');
    await ack({ response_action: 'errors', errors: digestFormErrors(e) });
    return;
  }
  await ack();
  deps.inflight.run(
    async () => {
      const outcome = first === 'late' ? await settled : first;
      const msg: SlackMessage = outcome.ok
        ? buildDigestSavedMessage(outcome.saved.summary, { mode: meta.digestId === null ? 'created' : 'updated', joined: outcome.saved.joined })
        : errorReply(outcome.err, { kind: 'digest' }, log);
      await tellUser(deps, actor.userId, outcome.ok ? outcome.saved.digest.channelId : meta.origin, msg);
      if (outcome.ok && checked.preview) await sendPreview(deps, actor, outcome.saved.digest.id, outcome.saved.digest.channelId, log);
    },
    (err) => log.warn({ err }, 'could not confirm the digest form'),
  );
};

/** The saved digest's preview, as `digest preview` shows it; trouble building it is told, never thrown. */
async function sendPreview(deps: Parameters<Listener<ViewArgs>>[0], actor: Actor, id: number, channelId: string, log: Logger): Promise<void> {
  let msgs: SlackMessage[];
  try {
    const p = await deps.digests.preview(actor, id);
    msgs = p.wouldSkip ? [buildDigestPreviewSkippedMessage(id, channelId)] : buildDigestPreviewMessages(p.view, channelId);
  } catch (err) {
    msgs = [errorReply(err, { kind: 'digest', id }, log)];
  }
  for (const m of msgs) await tellUser(deps, actor.userId, channelId, m);
}
