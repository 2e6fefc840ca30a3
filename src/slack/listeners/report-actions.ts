import type { App, BlockAction, ButtonAction, RespondArguments } from '@slack/bolt';
import { ACTION_IDS } from '../blocks/ids';
import { decodeReportValue, type ReportButtonValue } from '../blocks/values';
import type { SlackDeps } from '../handlers/context';
import { renderReport, type ReportRequest } from '../handlers/report';

function requestOf(v: ReportButtonValue): ReportRequest {
  return v.kind === 'zones'
    ? { kind: 'zones', id: v.id, date: v.date }
    : { kind: v.kind, id: v.id, date: v.date, granularity: v.granularity };
}

/**
 * Buttons on an answer: previous / next day update the answer in place; "Share in channel"
 * posts the same answer visibly, credited to whoever shared it, and removes the private copy.
 */
export function registerReportActions(app: App, deps: SlackDeps): void {
  const navigate = async ({ ack, body, action, respond }: { ack: () => Promise<void>; body: BlockAction; action: ButtonAction; respond: (m: RespondArguments) => Promise<unknown> }) => {
    await ack();
    const value = decodeReportValue(action.value);
    const log = deps.logger.child({ action: action.action_id, team: body.team?.id, user: body.user.id });
    if (!value) {
      log.warn('ignored a report button with an unreadable value');
      return;
    }
    deps.inflight.run(
      async () => respond({ replace_original: true, response_type: 'ephemeral', ...(await renderReport(deps.reports, requestOf(value), log)).message }),
      (err) => log.error({ err }, 'updating the answer failed'),
    );
  };
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.previousDay, navigate);
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.nextDay, navigate);

  app.action<BlockAction<ButtonAction>>(ACTION_IDS.share, async ({ ack, body, action, respond }) => {
    await ack();
    const value = decodeReportValue(action.value);
    const log = deps.logger.child({ action: action.action_id, team: body.team?.id, user: body.user.id });
    if (!value) {
      log.warn('ignored a share button with an unreadable value');
      return;
    }
    deps.inflight.run(
      async () => {
        const shared = await renderReport(deps.reports, requestOf(value), log, body.user.id);
        if (!shared.ok) {
          // Only a real answer goes to the channel; a failure stays private to whoever pressed.
          await respond({ response_type: 'ephemeral', replace_original: false, ...shared.message });
          return;
        }
        await respond({ response_type: 'in_channel', replace_original: false, ...shared.message });
        await respond({ delete_original: true });
      },
      (err) => log.error({ err }, 'sharing the answer failed'),
    );
  });
}
