/**
 * The alert form: opened by "🔔 Alert me…" on an answer and "New alert" on App Home, redrawn
 * with a fresh backtest as its fields change, saved on submit. Input errors go back in the
 * ack; everything that needs InnerSpace or Slack happens after it.
 */
import { decodeReportValue } from '../../blocks/values';
import { actionValue, actorOf, errorReply, requesterOf, tellUser, type ActionArgs, type Listener, type ViewArgs } from '../context';
import { openNewForm, refreshBacktest, saveForm, within, type Prefill } from './form';
import { decodeOrigin, groupErrors, validateSubscribeSubmission } from './form-state';

/** How long the ack waits for the group list (cached reference data) to check the menu's pick. */
const GROUP_CHECK_BUDGET_MS = 1000;

export const subscribeFormSubmitted: Listener<ViewArgs> = (deps) => async ({ ack, body, view }) => {
  const checked = validateSubscribeSubmission(view.state.values);
  if (!checked.ok) {
    await ack({ response_action: 'errors', errors: checked.errors });
    return;
  }
  if (checked.draft.group !== undefined) {
    // Refused under the menu when the list can be read in time; else the save refuses it and says why.
    const listed = await within(deps.reports.groups.list(), GROUP_CHECK_BUDGET_MS, null).catch(() => null);
    const errors = listed && groupErrors(checked.draft, listed);
    if (errors) {
      await ack({ response_action: 'errors', errors });
      return;
    }
  }
  await ack();
  const who = actorOf(requesterOf(body));
  const log = deps.logger.child({ view: 'subscribe', team: who.teamId, user: who.userId });
  deps.inflight.run(
    () => saveForm(deps, who, checked.draft, decodeOrigin(view.private_metadata)),
    (err) => log.error({ err }, 'saving the alert form failed'),
  );
};

/** One of the inputs that shape the rule changed. */
export const subscribeFieldChanged: Listener<ActionArgs> = (deps) => async ({ ack, body }) => {
  await ack();
  const view = body.view;
  if (!view) return;
  deps.inflight.run(
    () => refreshBacktest(deps, view),
    (err) => deps.logger.warn({ err }, 'refreshing the backtest failed'),
  );
};

/** "🔔 Alert me…" under an answer: the form, prefilled with what the answer was about. */
export const alertMe: Listener<ActionArgs> = (deps) => async ({ ack, body, action }) => {
  await ack();
  const value = decodeReportValue(actionValue(action));
  const who = requesterOf(body);
  const log = deps.logger.child({ action: action.action_id, team: who.teamId, user: who.userId });
  const prefill: Prefill | null = value
    ? { scopeKind: value.kind === 'zone' ? 'zone' : 'building', scopeId: value.id, granularity: value.granularity === 'P1D' ? 'P1D' : 'PT1H' }
    : null;
  deps.inflight.run(
    async () => {
      try {
        // A group's answer sets up a rule on that group.
        const group = value?.group !== undefined ? { group: value.group } : {};
        await openNewForm(deps, body.trigger_id, { id: null, channel: who.channelId, home: false, ...group }, prefill);
      } catch (err) {
        await tellUser(deps, who.userId, who.channelId, errorReply(err, { kind: 'subscription' }, log));
      }
    },
    (err) => log.warn({ err }, 'opening the alert form failed'),
  );
};

/** "New alert" on App Home. */
export const newSubscription: Listener<ActionArgs> = (deps) => async ({ ack, body, action }) => {
  await ack();
  const who = requesterOf(body);
  const log = deps.logger.child({ action: action.action_id, team: who.teamId, user: who.userId });
  deps.inflight.run(
    async () => {
      try {
        await openNewForm(deps, body.trigger_id, { id: null, channel: null, home: true });
      } catch (err) {
        await tellUser(deps, who.userId, null, errorReply(err, { kind: 'subscription' }, log));
      }
    },
    (err) => log.warn({ err }, 'opening the alert form failed'),
  );
};
