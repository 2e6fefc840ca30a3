/**
 * The alert form's flows: opening it (new, prefilled, or on a rule), redrawing its backtest as
 * fields change, and saving it. Listeners acknowledge first and hand over to these.
 */
import type { SubscriptionDraft } from '../../../domain/drafts';
import { SlackCallError } from '../../../errors';
import { editModalView, newModalView } from '../../../services/alerts/views';
import type { BacktestView } from '../../../views/index';
import { buildSubscriptionSavedMessage, withBacktestNotice } from '../../blocks/alert-notices';
import { alertErrorWords } from '../../blocks/errors';
import type { ModalView, ViewStateValues } from '../../blocks/kit';
import { buildSubscribeModal } from '../../blocks/subscribe-modal';
import { errorReply, tellUser, type Actor, type ListenerDeps } from '../context';
import { refreshHome } from '../home';
import { backtestInputOf, decodeOrigin, encodeOrigin, formFields, type FormFields, type FormOrigin } from './form-state';


export type Prefill = { scopeKind: 'building' | 'zone'; scopeId: number; granularity: 'PT1H' | 'P1D' };

/** The form around the backtest of what it says now, or around why there is none. */
async function backtestModal(deps: ListenerDeps, f: FormFields, origin: FormOrigin): Promise<ModalView> {
  const base = (backtest: BacktestView) =>
    buildSubscribeModal({ ...f, privateMetadata: encodeOrigin(origin), mode: origin.id === null ? 'create' : 'edit', backtest });
  const input = backtestInputOf(f);
  if (!input) return base({ status: 'incomplete' });
  const outcome = await deps.alerts.rules.backtest(input);
  return outcome.kind === 'view' ? base(outcome.view) : withBacktestNotice(base({ status: 'incomplete' }), alertErrorWords(outcome.error));
}

/** A newer change already redrew the form (or it was closed): this redraw is out of date. */
function isStale(err: unknown): boolean {
  return err instanceof SlackCallError && err.kind === 'refused';
}

/** A field that shapes the rule changed: redraw the form with the backtest of what it says now. */
export async function refreshBacktest(deps: ListenerDeps, view: { id: string; hash?: string; private_metadata?: string; state: { values: ViewStateValues } }): Promise<void> {
  const modal = await backtestModal(deps, formFields(view.state.values), decodeOrigin(view.private_metadata));
  try {
    await deps.chat.updateView(view.id, modal, view.hash);
  } catch (err) {
    if (!isStale(err)) throw err;
  }
}

export async function openNewForm(deps: ListenerDeps, triggerId: string, origin: FormOrigin, prefill: Prefill | null = null): Promise<void> {
  await deps.chat.openView(triggerId, buildSubscribeModal(newModalView(encodeOrigin(origin), prefill, origin.channel)));
}

/** Opens the form on an existing rule at once (the trigger lasts 3 s), then fills in its backtest. */
export async function openEditForm(deps: ListenerDeps, who: Actor, id: number, triggerId: string, origin: Omit<FormOrigin, 'id'>): Promise<void> {
  const sub = await deps.alerts.subscriptions.owned(who, id);
  const full: FormOrigin = { ...origin, id };
  const view = editModalView(sub, encodeOrigin(full), { status: 'incomplete' });
  const opened = await deps.chat.openView(triggerId, withBacktestNotice(buildSubscribeModal(view), 'trying this rule on the last 30 published days…'));
  const modal = await backtestModal(deps, view, full);
  try {
    await deps.chat.updateView(opened.viewId, modal);
  } catch (err) {
    if (!isStale(err)) throw err;
  }
}

/** After the form was accepted (and closed): save the rule and say how it went. */
export async function saveForm(deps: ListenerDeps, who: Actor, draft: SubscriptionDraft, origin: FormOrigin): Promise<void> {
  let message;
  try {
    const saved = origin.id === null ? await deps.alerts.subscriptions.create(who, draft) : await deps.alerts.subscriptions.update(who, origin.id, draft);
    message = buildSubscriptionSavedMessage(saved.rule, saved.backtest, origin.id === null ? 'created' : 'updated');
  } catch (err) {
    const log = deps.logger.child({ view: 'subscribe', team: who.teamId, user: who.userId });
    message = errorReply(err, { kind: 'subscription', ...(origin.id !== null ? { id: origin.id } : {}) }, log);
  }
  await tellUser(deps, who.userId, origin.channel, message);
  if (origin.home) await refreshHome(deps, who);
}
