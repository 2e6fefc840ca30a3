/**
 * The alert form: opening it (new, prefilled, or to edit a rule), refreshing its backtest as
 * fields change, and saving it. Listeners acknowledge first and hand over to these.
 */
import type { Who } from '../../services/alerts';
import { alertErrorWords, buildSubscriptionSavedMessage, withBacktestNotice } from '../blocks/alert-notices';
import { SUBSCRIBE_FIELDS } from '../blocks/ids';
import { fieldState, type ModalView, type ViewStateValues } from '../blocks/kit';
import { RENOTIFY_OPTIONS, buildSubscribeModal } from '../blocks/subscribe-modal';
import type { BacktestView, SubscribeModalView } from '../blocks/view-models';
import { editModalView, newModalView } from '../../services/alerts/views';
import { SlackCallError } from '../gateway';
import { MAX_DURATION_BUCKETS, defaultRecovery } from '../parser/subscribe';
import type { SubscriptionDraft } from '../parser/types';
import { errorMessage, refreshHome, tellUser, type AlertSlackDeps } from './alert-context';

/** Where the form came from: the rule being edited, the conversation to answer in, App Home. */
export interface FormOrigin {
  readonly id: number | null;
  readonly channel: string | null;
  readonly home: boolean;
}

export function encodeOrigin(o: FormOrigin): string {
  return JSON.stringify({ id: o.id, channel: o.channel, home: o.home });
}

/** private_metadata comes back from Slack as sent, but is read as untrusted all the same. */
export function decodeOrigin(text: string | undefined): FormOrigin {
  try {
    const o = JSON.parse(text ?? '{}') as Record<string, unknown>;
    const id = typeof o.id === 'number' && Number.isSafeInteger(o.id) && o.id > 0 ? o.id : null;
    const channel = typeof o.channel === 'string' && /^[CGD][A-Z0-9]{1,30}$/.test(o.channel) ? o.channel : null;
    return { id, channel, home: o.home === true };
  } catch {
    return { id: null, channel: null, home: false };
  }
}

type FormFields = Omit<SubscribeModalView, 'privateMetadata' | 'mode' | 'backtest'>;

const F = SUBSCRIBE_FIELDS;

function choice<T extends string>(values: ViewStateValues, field: { blockId: string; actionId: string }, allowed: readonly T[], fallback: T): T {
  const value = fieldState(values, field)?.selected_option?.value;
  return allowed.find((a) => a === value) ?? fallback;
}

function numberOf(values: ViewStateValues, field: { blockId: string; actionId: string }): number | null {
  const text = (fieldState(values, field)?.value ?? '').trim();
  return /^\d{1,12}(\.\d{1,3})?$/.test(text) ? Number(text) : null;
}

/** The form as filled in so far, complete or not, to redraw it around a fresh backtest. */
export function formFields(values: ViewStateValues): FormFields {
  const start = fieldState(values, F.quietStart)?.selected_time ?? null;
  const end = fieldState(values, F.quietEnd)?.selected_time ?? null;
  const renotify = fieldState(values, F.renotify)?.selected_option?.value ?? 'off';
  const scopeId = numberOf(values, F.scopeId);
  return {
    scopeKind: choice(values, F.scopeKind, ['building', 'zone'] as const, 'building'),
    scopeId: scopeId !== null && Number.isInteger(scopeId) && scopeId > 0 ? scopeId : null,
    measure: choice(values, F.measure, ['people', 'percent'] as const, 'people'),
    direction: choice(values, F.direction, ['above', 'below'] as const, 'above'),
    threshold: numberOf(values, F.threshold),
    recovery: numberOf(values, F.recovery),
    minBuckets: Math.min(MAX_DURATION_BUCKETS, Math.max(1, Math.floor(numberOf(values, F.duration) ?? 1))),
    granularity: choice(values, F.granularity, ['PT1H', 'P1D'] as const, 'PT1H'),
    destination: choice(values, F.destination, ['dm', 'channel'] as const, 'dm'),
    channelId: fieldState(values, F.channel)?.selected_conversation ?? null,
    quietHours: start && end ? { start, end } : null,
    renotifyMinutes: RENOTIFY_OPTIONS.find((r) => r.option.value === renotify)?.minutes ?? null,
  };
}

/** The rule to backtest, or null while the id or the threshold is missing. */
export function backtestInputOf(f: FormFields) {
  if (f.scopeId === null || f.threshold === null || f.threshold <= 0) return null;
  const fallback = defaultRecovery(f.threshold, f.direction);
  const safe = f.recovery !== null && (f.direction === 'above' ? f.recovery < f.threshold : f.recovery > f.threshold);
  return {
    scopeKind: f.scopeKind,
    scopeId: f.scopeId,
    measure: f.measure,
    direction: f.direction,
    threshold: f.threshold,
    recovery: safe && f.recovery !== null ? f.recovery : fallback,
    minDuration: f.minBuckets,
    granularity: f.granularity,
  };
}

async function backtestModal(deps: AlertSlackDeps, f: FormFields, origin: FormOrigin): Promise<ModalView> {
  const base = (backtest: BacktestView) =>
    buildSubscribeModal({ ...f, privateMetadata: encodeOrigin(origin), mode: origin.id === null ? 'create' : 'edit', backtest });
  const input = backtestInputOf(f);
  if (!input) return base({ status: 'incomplete' });
  const outcome = await deps.alerts.rules.backtest(input);
  return outcome.kind === 'view' ? base(outcome.view) : withBacktestNotice(base({ status: 'incomplete' }), alertErrorWords(outcome.error));
}

/** A field that shapes the rule changed: redraw the form with the backtest of what it says now. */
export async function refreshBacktest(deps: AlertSlackDeps, view: { id: string; hash?: string; private_metadata?: string; state: { values: ViewStateValues } }): Promise<void> {
  const modal = await backtestModal(deps, formFields(view.state.values), decodeOrigin(view.private_metadata));
  try {
    await deps.slack.updateView(view.id, modal, view.hash);
  } catch (err) {
    // A newer change already redrew the form (or it was closed): this backtest is out of date.
    if (err instanceof SlackCallError && err.kind === 'refused') return;
    throw err;
  }
}

export async function openNewForm(
  deps: AlertSlackDeps,
  triggerId: string,
  origin: FormOrigin,
  prefill: { scopeKind: 'building' | 'zone'; scopeId: number; granularity: 'PT1H' | 'P1D' } | null = null,
): Promise<void> {
  await deps.slack.openView(triggerId, buildSubscribeModal(newModalView(encodeOrigin(origin), prefill, origin.channel)));
}

/** Opens the form on an existing rule at once (the trigger lasts 3 s), then fills in its backtest. */
export async function openEditForm(deps: AlertSlackDeps, who: Who, id: number, triggerId: string, origin: Omit<FormOrigin, 'id'>): Promise<void> {
  const sub = await deps.alerts.subscriptions.owned(who, id);
  const full: FormOrigin = { ...origin, id };
  const view = editModalView(sub, encodeOrigin(full), { status: 'incomplete' });
  const opened = await deps.slack.openView(triggerId, withBacktestNotice(buildSubscribeModal(view), 'trying this rule on the last 30 published days…'));
  const modal = await backtestModal(deps, view, full);
  try {
    await deps.slack.updateView(opened.viewId, modal);
  } catch (err) {
    if (!(err instanceof SlackCallError && err.kind === 'refused')) throw err;
  }
}

/** After the form was accepted (and closed): save the rule and say how it went. */
export async function saveForm(deps: AlertSlackDeps, who: Who, draft: SubscriptionDraft, origin: FormOrigin): Promise<void> {
  let message;
  try {
    const saved = origin.id === null ? await deps.alerts.subscriptions.create(who, draft) : await deps.alerts.subscriptions.update(who, origin.id, draft);
    message = buildSubscriptionSavedMessage(saved.rule, saved.backtest, origin.id === null ? 'created' : 'updated');
  } catch (err) {
    deps.logger.info({ err, team: who.teamId, user: who.userId }, 'alert form not saved');
    message = errorMessage(err, origin.id ?? undefined);
  }
  await tellUser(deps, who, origin.channel, message);
  if (origin.home) await refreshHome(deps, who);
}
