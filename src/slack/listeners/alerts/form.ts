/**
 * The alert form's flows: opening it (new, prefilled, or on a rule), redrawing its backtest as
 * fields change, and saving it. Listeners acknowledge first and hand over to these.
 */
import type { SubscriptionDraft } from '../../../domain/drafts';
import { editModalView, newModalView } from '../../../services/alerts/views';
import type { BacktestView, SubscribeModalView } from '../../../views/index';
import { buildSubscriptionSavedMessage, withBacktestNotice } from '../../blocks/alert-notices';
import { alertErrorWords } from '../../blocks/errors';
import type { ModalView, ViewStateValues } from '../../blocks/kit';
import { nameOptionText } from '../../blocks/name-options';
import { buildSubscribeFailedModal, buildSubscribeLoadingModal, buildSubscribeModal } from '../../blocks/subscribe-modal';
import { errorReply, tellUser, type Actor, type ListenerDeps } from '../context';
import { refreshHome } from '../home';
import { backtestInputOf, decodeOrigin, encodeOrigin, formFields, type FormFields, type FormOrigin } from './form-state';


export type Prefill = { scopeKind: 'building' | 'zone'; scopeId: number; granularity: 'PT1H' | 'P1D' };

/** The name of the group a form's rule watches (from the cached reference data); nothing for the default group. */
async function groupLabelOf(deps: Pick<ListenerDeps, 'reports'>, origin: FormOrigin): Promise<{ groupLabel?: string }> {
  return origin.group !== undefined ? { groupLabel: await deps.reports.groups.label(origin.group) } : {};
}

/** The form around the backtest of what it says now, or around why there is none. Never throws. */
async function backtestModal(deps: ListenerDeps, f: FormFields, origin: FormOrigin): Promise<ModalView> {
  const group = await groupLabelOf(deps, origin);
  const base = (backtest: BacktestView) =>
    buildSubscribeModal({ ...f, ...group, privateMetadata: encodeOrigin(origin), mode: origin.id === null ? 'create' : 'edit', backtest });
  const input = backtestInputOf(f);
  if (!input) return base({ status: 'incomplete' });
  try {
    const outcome = await deps.alerts.rules.backtest({ ...input, ...(origin.group !== undefined ? { groupId: origin.group } : {}) });
    return outcome.kind === 'view' ? base(outcome.view) : withBacktestNotice(base({ status: 'incomplete' }), alertErrorWords(outcome.error));
  } catch (err) {
    // What the user typed stays; the reason takes the backtest's place.
    const log = deps.logger.child({ view: 'subscribe' });
    return withBacktestNotice(base({ status: 'incomplete' }), errorReply(err, { kind: 'subscription' }, log).text);
  }
}

/** The form as it could not be drawn: why, in its place. */
function failedModal(deps: ListenerDeps, origin: FormOrigin, err: unknown): ModalView {
  const log = deps.logger.child({ view: 'subscribe' });
  const why = errorReply(err, { kind: 'subscription', ...(origin.id !== null ? { id: origin.id } : {}) }, log);
  return buildSubscribeFailedModal(origin.id === null ? 'create' : 'edit', encodeOrigin(origin), why);
}

/**
 * A field that shapes the rule changed: redraw the form with the backtest of what it says now.
 * Latest wins: a backtest that a newer change overtook is dropped, however the two finish.
 */
export async function refreshBacktest(deps: ListenerDeps, view: { id: string; hash?: string; private_metadata?: string; state: { values: ViewStateValues } }): Promise<void> {
  const forms = deps.forms;
  const ticket = await forms.input(view.id, view.hash);
  const modal = await backtestModal(deps, formFields(view.state.values), decodeOrigin(view.private_metadata));
  await forms.draw(ticket, (hash) => deps.chat.updateView(view.id, modal, hash));
}

/**
 * The form's view with its building or zone named as its menu names it, from the cached
 * directory; by its id when the directory has no such entry or cannot be read. Never throws.
 */
async function withScopeTitle<V extends SubscribeModalView>(deps: Pick<ListenerDeps, 'names' | 'logger'>, view: V, budgetMs?: number): Promise<V> {
  if (view.scopeId === null || view.scopeTitle) return view;
  let timer: NodeJS.Timeout | undefined;
  try {
    const lookup = deps.names.named(view.scopeKind, view.scopeId);
    const late = budgetMs === undefined ? null : new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), budgetMs)));
    const entry = await (late ? Promise.race([lookup, late]) : lookup);
    return entry ? { ...view, scopeTitle: nameOptionText(entry) } : view;
  } catch (err) {
    deps.logger.debug({ err }, 'no name for the form\'s building or zone; it shows the id');
    return view;
  } finally {
    clearTimeout(timer);
  }
}

/** How long a new form waits for its prefilled name: the trigger_id that opens it lasts 3 s. */
const NAME_BUDGET_MS = 1000;

/** The new form opens whole, at once: only a prefilled building or zone is named first (from the cached directory). */
export async function openNewForm(deps: ListenerDeps, triggerId: string, origin: FormOrigin, prefill: Prefill | null = null): Promise<void> {
  const titled = await withScopeTitle(deps, newModalView(encodeOrigin(origin), prefill, origin.channel), NAME_BUDGET_MS);
  const view = { ...titled, ...(await groupLabelOf(deps, origin)) };
  const opened = await deps.chat.openView(triggerId, buildSubscribeModal(view));
  await deps.forms.opened(opened.viewId, opened.hash);
}

/**
 * Opens the form on an existing rule at once, as a frame saying it is loading (the trigger
 * lasts 3 s), then fills it in, then adds its backtest; when the rule cannot be read the frame
 * says why in its place. Throws only when Slack refused to open it.
 */
export async function openEditForm(deps: ListenerDeps, who: Actor, id: number, triggerId: string, origin: Omit<FormOrigin, 'id'>): Promise<void> {
  const full: FormOrigin = { ...origin, id };
  const meta = encodeOrigin(full);
  const opened = await deps.chat.openView(triggerId, buildSubscribeLoadingModal('edit', meta));
  const forms = deps.forms;
  const ticket = await forms.opened(opened.viewId, opened.hash);
  const draw = (modal: ModalView) => forms.draw(ticket, (hash) => deps.chat.updateView(opened.viewId, modal, hash));
  let view;
  let ruled: FormOrigin = full;
  try {
    const sub = await deps.alerts.subscriptions.owned(who, id);
    // The rule's group rides with the form, so its backtest reads that group's rows.
    ruled = { ...full, ...(sub.groupId !== null ? { group: sub.groupId } : {}) };
    view = { ...(await withScopeTitle(deps, editModalView(sub, encodeOrigin(ruled), { status: 'incomplete' }))), ...(await groupLabelOf(deps, ruled)) };
  } catch (err) {
    await draw(failedModal(deps, full, err));
    return;
  }
  if ((await draw(withBacktestNotice(buildSubscribeModal(view), 'trying this rule on the last 30 published days…'))) !== 'drawn') return;
  await draw(await backtestModal(deps, view, ruled));
}

/** After the form was accepted (and closed): save the rule and say how it went. */
export async function saveForm(deps: ListenerDeps, who: Actor, draft: SubscriptionDraft, origin: FormOrigin): Promise<void> {
  let message;
  try {
    const grouped: SubscriptionDraft = origin.group !== undefined ? { ...draft, group: origin.group } : draft;
    const saved = origin.id === null ? await deps.alerts.subscriptions.create(who, grouped) : await deps.alerts.subscriptions.update(who, origin.id, grouped);
    message = buildSubscriptionSavedMessage(saved.rule, saved.backtest, origin.id === null ? 'created' : 'updated');
  } catch (err) {
    const log = deps.logger.child({ view: 'subscribe', team: who.teamId, user: who.userId });
    message = errorReply(err, { kind: 'subscription', ...(origin.id !== null ? { id: origin.id } : {}) }, log);
  }
  await tellUser(deps, who.userId, origin.channel, message);
  if (origin.home) await refreshHome(deps, who);
}
