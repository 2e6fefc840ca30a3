import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION_IDS, CALLBACK_IDS, SUBSCRIBE_DISPATCH_ACTION_IDS } from '../blocks/ids';
import { validateSubscribeSubmission } from '../blocks/subscribe-submit';
import { decodeReportValue } from '../blocks/values';
import { errorMessage, tellUser, type AlertSlackDeps } from '../handlers/alert-context';
import { decodeOrigin, openNewForm, refreshBacktest, saveForm } from '../handlers/subscribe-form';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The alert form: opened by "🔔 Alert me…" on an answer and "New alert" on App Home,
 * redrawn with a fresh backtest as its fields change, saved on submit. Input errors go back in
 * the ack; everything that needs InnerSpace or Slack happens after it.
 */
export function registerSubscribeForm(app: App, deps: AlertSlackDeps): void {
  app.view(CALLBACK_IDS.subscribeModal, async ({ ack, body, view }) => {
    const checked = validateSubscribeSubmission(view.state.values);
    if (!checked.ok) {
      await ack({ response_action: 'errors', errors: checked.errors });
      return;
    }
    await ack();
    const who = { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id };
    const log = deps.logger.child({ view: 'subscribe', team: who.teamId, user: who.userId });
    deps.inflight.run(
      () => saveForm(deps, who, checked.draft, decodeOrigin(view.private_metadata)),
      (err) => log.error({ err }, 'saving the alert form failed'),
    );
  });

  const dispatch = new RegExp(`^(${SUBSCRIBE_DISPATCH_ACTION_IDS.map(escape).join('|')})$`);
  app.action<BlockAction>({ action_id: dispatch }, async ({ ack, body }) => {
    await ack();
    const view = body.view;
    if (!view) return;
    deps.inflight.run(
      () => refreshBacktest(deps, view),
      (err) => deps.logger.warn({ err }, 'refreshing the backtest failed'),
    );
  });

  app.action<BlockAction<ButtonAction>>(ACTION_IDS.alertMe, async ({ ack, body, action }) => {
    await ack();
    const value = decodeReportValue(action.value);
    const who = { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id };
    const channel = body.channel?.id ?? null;
    deps.inflight.run(
      async () => {
        const prefill = value
          ? { scopeKind: value.kind === 'zone' ? ('zone' as const) : ('building' as const), scopeId: value.id, granularity: value.granularity === 'P1D' ? ('P1D' as const) : ('PT1H' as const) }
          : null;
        try {
          await openNewForm(deps, body.trigger_id, { id: null, channel, home: false }, prefill);
        } catch (err) {
          await tellUser(deps, who, channel, errorMessage(err));
        }
      },
      (err) => deps.logger.warn({ err }, 'opening the alert form failed'),
    );
  });

  app.action<BlockAction<ButtonAction>>(ACTION_IDS.newSubscription, async ({ ack, body }) => {
    await ack();
    const who = { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id };
    deps.inflight.run(
      async () => {
        try {
          await openNewForm(deps, body.trigger_id, { id: null, channel: null, home: true });
        } catch (err) {
          await tellUser(deps, who, null, errorMessage(err));
        }
      },
      (err) => deps.logger.warn({ err }, 'opening the alert form failed'),
    );
  });
}
