/**
 * Buttons on an answer: previous / next day update the answer in place; "Share in channel"
 * posts the same answer visibly, credited to whoever shared it, and removes the private copy.
 */
import { decodeReportValue, type ReportButtonValue } from '../../blocks/values';
import { actionValue, requesterOf, responder, type ActionArgs, type Listener } from '../context';
import { answerReport, type ReportRequest } from './answer';

function requestOf(v: ReportButtonValue): ReportRequest {
  return v.kind === 'zones' ? { kind: 'zones', id: v.id, date: v.date } : { kind: v.kind, id: v.id, date: v.date, granularity: v.granularity };
}

export const otherDay: Listener<ActionArgs> = (deps) => async ({ ack, body, action, respond }) => {
  await ack();
  const who = requesterOf(body);
  const log = deps.logger.child({ action: action.action_id, team: who.teamId, user: who.userId });
  const value = decodeReportValue(actionValue(action));
  if (!value) {
    log.warn('ignored a report button with an unreadable value');
    return;
  }
  deps.inflight.run(
    async () => responder(respond)({ replace_original: true, ...(await answerReport(deps.reports, requestOf(value), log)).message }),
    (err) => log.error({ err }, 'updating the answer failed'),
  );
};

export const share: Listener<ActionArgs> = (deps) => async ({ ack, body, action, respond }) => {
  await ack();
  const who = requesterOf(body);
  const log = deps.logger.child({ action: action.action_id, team: who.teamId, user: who.userId });
  const value = decodeReportValue(actionValue(action));
  if (!value) {
    log.warn('ignored a share button with an unreadable value');
    return;
  }
  deps.inflight.run(
    async () => {
      const shared = await answerReport(deps.reports, requestOf(value), log, who.userId);
      // Only a real answer goes to the channel; a failure stays private to whoever pressed.
      await responder(respond)({ response_type: shared.ok ? 'in_channel' : 'ephemeral', replace_original: false, ...shared.message });
      if (shared.ok) await respond({ delete_original: true });
    },
    (err) => log.error({ err }, 'sharing the answer failed'),
  );
};
