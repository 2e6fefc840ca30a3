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

/** A promise's value, or `late` when it takes longer than `ms` (a trigger_id or an ack lasts 3 s). */
export async function within<T, L>(work: Promise<T>, ms: number, late: L): Promise<T | L> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<L>((resolve) => (timer = setTimeout(() => resolve(late), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

type GroupFields = Pick<SubscribeModalView, 'groupLabel' | 'groupOptions' | 'groupId'>;

/** The group a form's rule watches: the menu's pick, else the one the form came with; undefined for the default group. */
function chosenGroup(deps: Pick<ListenerDeps, 'reports'>, f: Pick<FormFields, 'groupId'>, origin: FormOrigin): string | undefined {
  const group = f.groupId ?? origin.group;
  return group === undefined || group === deps.reports.groups.defaultGroupId ? undefined : group;
}

/**
 * The name said at the top of the form (nothing for the default group) and the Group menu, when
 * InnerSpace lists more than one group, preselected with the form's group. From the cached
 * reference data; with no list there is no menu and the group rides in the metadata. Never throws.
 */
async function groupFieldsOf(deps: Pick<ListenerDeps, 'reports' | 'logger'>, group: string | undefined, budgetMs?: number): Promise<GroupFields> {
  const read = async (): Promise<GroupFields> => {
    const label = group !== undefined ? { groupLabel: await deps.reports.groups.label(group) } : {};
    try {
      const list = await deps.reports.groups.list();
      // A group no longer listed has no menu to show it: it rides in the metadata, and saving says it is gone.
      if (list.length < 2 || (group !== undefined && !list.some((g) => g.id === group))) return label;
      return { ...label, groupOptions: list.map((g) => ({ id: g.id, name: g.name })), groupId: group ?? deps.reports.groups.defaultGroupId };
    } catch (err) {
      deps.logger.debug({ err }, 'no group list for the alert form; it shows no Group menu');
      return label;
    }
  };
  return budgetMs === undefined ? read() : within(read(), budgetMs, group !== undefined ? { groupLabel: group } : {});
}

/** The form's origin with its group as chosen now, so the choice outlives a redraw that can't show the menu. */
function withGroup(origin: FormOrigin, group: string | undefined): FormOrigin {
  const { group: _was, ...rest } = origin;
  return group !== undefined ? { ...rest, group } : rest;
}

/** The form around the backtest of what it says now, or around why there is none. Never throws. */
async function backtestModal(deps: ListenerDeps, f: FormFields, from: FormOrigin): Promise<ModalView> {
  const group = chosenGroup(deps, f, from);
  const origin = withGroup(from, group);
  const groupFields = await groupFieldsOf(deps, group);
  const base = (backtest: BacktestView) =>
    buildSubscribeModal({ ...f, ...groupFields, privateMetadata: encodeOrigin(origin), mode: origin.id === null ? 'create' : 'edit', backtest });
  const input = backtestInputOf(f);
  if (!input) return base({ status: 'incomplete' });
  try {
    const outcome = await deps.alerts.rules.backtest({ ...input, ...(group !== undefined ? { groupId: group } : {}) });
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
  try {
    const lookup = deps.names.named(view.scopeKind, view.scopeId);
    const entry = await (budgetMs === undefined ? lookup : within(lookup, budgetMs, null));
    return entry ? { ...view, scopeTitle: nameOptionText(entry) } : view;
  } catch (err) {
    deps.logger.debug({ err }, 'no name for the form\'s building or zone; it shows the id');
    return view;
  }
}

/** How long a new form waits for its prefilled name: the trigger_id that opens it lasts 3 s. */
const NAME_BUDGET_MS = 1000;

/** The new form opens whole, at once: only a prefilled building or zone is named first (from the cached directory). */
export async function openNewForm(deps: ListenerDeps, triggerId: string, origin: FormOrigin, prefill: Prefill | null = null): Promise<void> {
  const titled = await withScopeTitle(deps, newModalView(encodeOrigin(origin), prefill, origin.channel), NAME_BUDGET_MS);
  const view = { ...titled, ...(await groupFieldsOf(deps, origin.group, NAME_BUDGET_MS)) };
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
    view = { ...(await withScopeTitle(deps, editModalView(sub, encodeOrigin(ruled), { status: 'incomplete' }))), ...(await groupFieldsOf(deps, ruled.group)) };
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
    // The menu's pick (the default group's id for everyone); with no menu, the group the form came with.
    const grouped: SubscriptionDraft = draft.group === undefined && origin.group !== undefined ? { ...draft, group: origin.group } : draft;
    const saved = origin.id === null ? await deps.alerts.subscriptions.create(who, grouped) : await deps.alerts.subscriptions.update(who, origin.id, grouped);
    message = buildSubscriptionSavedMessage(saved.rule, saved.backtest, origin.id === null ? 'created' : 'updated');
  } catch (err) {
    const log = deps.logger.child({ view: 'subscribe', team: who.teamId, user: who.userId });
    message = errorReply(err, { kind: 'subscription', ...(origin.id !== null ? { id: origin.id } : {}) }, log);
  }
  await tellUser(deps, who.userId, origin.channel, message);
  if (origin.home) await refreshHome(deps, who);
}
