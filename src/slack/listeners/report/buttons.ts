/**
 * Buttons on an answer: previous / next day update the answer in place; "Share in channel"
 * posts the same answer visibly, credited to whoever shared it, and removes the private copy.
 */
import type { Logger } from '../../../logging/logger';
import { decodeCompareValue, decodeReportValue, type CompareButtonValue, type ReportButtonValue } from '../../blocks/values';
import { buildBusyMessage, buildShareFailedMessage } from '../../blocks/errors';
import { toRespondError } from '../../chat';
import type { Respond } from '../../response-url';
import { actionValue, requesterOf, responder, roomForAnswer, type ActionArgs, type Listener, type ListenerDeps, type Requester } from '../context';
import { answerReport, type ReportRequest } from './answer';

function requestOf(v: ReportButtonValue | CompareButtonValue): ReportRequest {
  if ('compare' in v) {
    const range = v.range ? { spec: { form: 'between' as const, from: v.range.from, to: v.range.to }, words: null, unit: v.range.unit } : null;
    return { kind: 'compare', request: { kind: v.compare, ids: v.ids, date: v.date ?? null, range } };
  }
  const group = v.group !== undefined ? { group: v.group } : {};
  if (v.range && v.kind !== 'zones') {
    const { from, to, unit } = v.range;
    return { kind: 'range', request: { kind: v.kind, id: v.id, spec: { form: 'between', from, to }, words: null, unit, ...group } };
  }
  return v.kind === 'zones' ? { kind: 'zones', id: v.id, date: v.date, ...group } : { kind: v.kind, id: v.id, date: v.date, granularity: v.granularity, ...group };
}

type Answer = (deps: ListenerDeps, req: ReportRequest, log: Logger, who: Requester, respond: Respond) => Promise<void>;

/** Acks, reads the answer the button is on, and answers after the ack; `what` names it in logs. */
function reportButton(what: string, answer: Answer): Listener<ActionArgs> {
  return (deps) => async ({ ack, body, action, respond }) => {
    await ack();
    const who = requesterOf(body);
    const log = deps.logger.child({ action: action.action_id, team: who.teamId, user: who.userId });
    const raw = actionValue(action);
    const value = decodeReportValue(raw) ?? decodeCompareValue(raw);
    if (!value) {
      log.warn(`ignored a ${what} button with an unreadable value`);
      return;
    }
    if (!roomForAnswer(deps, log)) {
      // Said through the response_url at once, outside the queue: nothing else was started.
      await respond({ response_type: 'ephemeral', replace_original: false, ...buildBusyMessage() }).catch((err: unknown) => log.warn({ err }, 'could not say the bot is busy'));
      return;
    }
    deps.inflight.run(
      () => answer(deps, requestOf(value), log, who, respond),
      (err) => log.error({ err }, `the ${what} button failed`),
    );
  };
}

export const otherDay = reportButton('report', async (deps, req, log, _who, respond) => {
  await responder(deps, respond)({ replace_original: true, ...(await answerReport(deps.reports, req, log)).message });
});

export const share = reportButton('share', async (deps, req, log, who, respond) => {
  const shared = await answerReport(deps.reports, req, log, who.userId);
  const reply = responder(deps, respond);
  // Only a real answer goes to the channel; a failure stays private to whoever pressed.
  try {
    await reply({ response_type: shared.ok ? 'in_channel' : 'ephemeral', replace_original: false, ...shared.message });
  } catch (err) {
    // Said where the button is, when Slack still takes it; the private copy stays.
    const failure = toRespondError(err);
    log.warn({ err: failure }, 'sharing in the channel failed');
    await reply({ replace_original: false, ...buildShareFailedMessage(failure) }).catch((again: unknown) => log.warn({ err: again }, 'could not say the share failed'));
    return;
  }
  if (shared.ok) await respond({ delete_original: true });
});
