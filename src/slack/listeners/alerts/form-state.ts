/**
 * The alert form's own data: where it was opened (private_metadata, read back as untrusted
 * input), and the reading of its fields, both as filled in so far (to redraw it around a fresh
 * backtest) and as submitted (a SubscriptionDraft, or errors keyed by block_id for
 * `response_action: errors`).
 */
import type { SubscriptionDraft } from '../../../domain/drafts';
import { GROUP_ID_PATTERN } from '../../../domain/occupancy';
import { defaultRecovery, type AlertGranularity, type Measure, type ThresholdKind } from '../../../domain/subscription';
import type { RuleMeasure, SubscribeModalView } from '../../../views/index';
import { SUBSCRIBE_FIELDS, type FieldId } from '../../blocks/ids';
import { LIMITS, fieldState, type ViewStateValues } from '../../blocks/kit';
import { formatLevel } from '../../blocks/mrkdwn';
import { RENOTIFY_OPTIONS } from '../../blocks/subscribe-modal';
import { isChannelId, isId, parseObject } from '../../blocks/values';
import { MAX_DURATION_BUCKETS, MAX_THRESHOLD_PEOPLE, MAX_THRESHOLD_PERCENT } from '../../parser/subscribe';

/**
 * Where the form came from: the rule being edited, the conversation to answer in, App Home;
 * `group`, the group its rule watches (from "Alert me…" on a group's answer, the rule being
 * edited, or the Group menu as last drawn): it preselects the menu, and stands for it when
 * InnerSpace lists one group or its list can't be had. Absent for the default group.
 */
export interface FormOrigin {
  readonly id: number | null;
  readonly channel: string | null;
  readonly home: boolean;
  readonly group?: string;
}

export function encodeOrigin(o: FormOrigin): string {
  return JSON.stringify({ id: o.id, channel: o.channel, home: o.home, ...(o.group !== undefined ? { group: o.group } : {}) });
}

/** Anything unreadable is a new rule answered by direct message (an unreadable group: the default one). */
export function decodeOrigin(text: string | undefined): FormOrigin {
  const o = parseObject(text, LIMITS.privateMetadata) ?? {};
  const group = typeof o.group === 'string' && GROUP_ID_PATTERN.test(o.group) ? { group: o.group } : {};
  return { id: isId(o.id) ? o.id : null, channel: isChannelId(o.channel) ? o.channel : null, home: o.home === true, ...group };
}

const F = SUBSCRIBE_FIELDS;

function choice<T extends string>(values: ViewStateValues, field: FieldId, allowed: readonly T[], fallback: T): T {
  const value = fieldState(values, field)?.selected_option?.value;
  return allowed.find((a) => a === value) ?? fallback;
}

function textOf(values: ViewStateValues, field: FieldId): string {
  return (fieldState(values, field)?.value ?? '').trim();
}

export type FormFields = Omit<SubscribeModalView, 'privateMetadata' | 'mode' | 'backtest'>;

/** The group picked in the Group menu, as sent (checked against InnerSpace's list by the caller); absent with no menu. */
function pickedGroup(values: ViewStateValues): { group?: string } {
  const value = fieldState(values, F.group)?.selected_option?.value;
  return typeof value === 'string' && value !== '' && value.length <= 80 ? { group: value } : {};
}

/** A group id the menu could not have offered (a forged one, or a group InnerSpace no longer lists): refused under the menu. */
export function groupErrors(draft: SubscriptionDraft, listed: readonly { readonly id: string }[]): Record<string, string> | null {
  if (draft.group === undefined || listed.some((g) => g.id === draft.group)) return null;
  return { [F.group.blockId]: 'Pick one of the groups in the menu: that one is not a group InnerSpace lists.' };
}

/** A number as typed so far, or null: lenient, for redrawing the form. */
function typedNumber(values: ViewStateValues, field: FieldId): number | null {
  const text = textOf(values, field);
  return /^\d{1,12}(\.\d{1,3})?$/.test(text) ? Number(text) : null;
}

/**
 * The building or zone picked in the kind's menu, with the text it showed (kept when the form is
 * redrawn); or an id typed in a form drawn before the menus. null when none.
 */
function pickedScope(values: ViewStateValues, kind: 'building' | 'zone'): { id: number; title: string | null } | 'invalid' | null {
  const picked = fieldState(values, kind === 'zone' ? F.scopeZone : F.scopeBuilding)?.selected_option;
  const text = picked ? String(picked.value) : textOf(values, F.scopeId);
  if (text === '') return null;
  if (!/^\d{1,12}$/.test(text) || Number(text) < 1) return 'invalid';
  const title = picked?.text?.text;
  return { id: Number(text), title: typeof title === 'string' && title !== '' ? title : null };
}

/** The form as filled in so far, complete or not, to redraw it around a fresh backtest. */
export function formFields(values: ViewStateValues): FormFields {
  const start = fieldState(values, F.quietStart)?.selected_time ?? null;
  const end = fieldState(values, F.quietEnd)?.selected_time ?? null;
  const renotify = fieldState(values, F.renotify)?.selected_option?.value ?? 'off';
  const scopeKind = choice(values, F.scopeKind, ['building', 'zone'] as const, 'building');
  const scope = pickedScope(values, scopeKind);
  const group = pickedGroup(values).group;
  return {
    ...(group !== undefined ? { groupId: group } : {}),
    scopeKind,
    scopeId: scope !== null && scope !== 'invalid' ? scope.id : null,
    scopeTitle: scope !== null && scope !== 'invalid' ? scope.title : null,
    measure: choice(values, F.measure, ['people', 'percent', 'usual'] as const, 'people'),
    direction: choice(values, F.direction, ['above', 'below'] as const, 'above'),
    threshold: typedNumber(values, F.threshold),
    recovery: typedNumber(values, F.recovery),
    minBuckets: Math.min(MAX_DURATION_BUCKETS, Math.max(1, Math.floor(typedNumber(values, F.duration) ?? 1))),
    granularity: choice(values, F.granularity, ['PT1H', 'P1D'] as const, 'PT1H'),
    destination: choice(values, F.destination, ['dm', 'channel'] as const, 'dm'),
    channelId: fieldState(values, F.channel)?.selected_conversation ?? null,
    quietHours: start && end ? { start, end } : null,
    renotifyMinutes: RENOTIFY_OPTIONS.find((r) => r.option.value === renotify)?.minutes ?? null,
  };
}

/** The form's measure as a rule stores it: '% of usual' is a relative rule counting people (absent: absolute). */
function drafted(measure: RuleMeasure): { measure: Measure; thresholdKind?: ThresholdKind } {
  return measure === 'usual' ? { measure: 'people', thresholdKind: 'relative' } : { measure };
}

/** The rule to backtest, or null while the id or the threshold is missing. */
export function backtestInputOf(f: FormFields) {
  if (f.scopeId === null || f.threshold === null || f.threshold <= 0) return null;
  const fallback = defaultRecovery(f.threshold, f.direction);
  const safe = f.recovery !== null && (f.direction === 'above' ? f.recovery < f.threshold : f.recovery > f.threshold);
  return {
    scopeKind: f.scopeKind,
    scopeId: f.scopeId,
    ...drafted(f.measure),
    direction: f.direction,
    threshold: f.threshold,
    recovery: safe && f.recovery !== null ? f.recovery : fallback,
    minDuration: f.minBuckets,
    granularity: f.granularity,
  };
}

export type SubscribeSubmission =
  | { readonly ok: true; readonly draft: SubscriptionDraft }
  /** Ack with `{ response_action: 'errors', errors }`. */
  | { readonly ok: false; readonly errors: Record<string, string> };

/** A number as submitted: null when empty, 'invalid' when it is not one. */
function numberOf(values: ViewStateValues, field: FieldId): number | null | 'invalid' {
  const text = textOf(values, field);
  if (text === '') return null;
  if (!/^\d{1,9}(\.\d{1,3})?$/.test(text)) return 'invalid';
  return Number(text);
}

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

export function validateSubscribeSubmission(values: ViewStateValues): SubscribeSubmission {
  const errors: Record<string, string> = {};
  const kind = choice(values, F.scopeKind, ['building', 'zone'] as const, 'building');
  const measure = choice(values, F.measure, ['people', 'percent', 'usual'] as const, 'people');
  const direction = choice(values, F.direction, ['above', 'below'] as const, 'above');
  const granularity = choice<AlertGranularity>(values, F.granularity, ['PT1H', 'P1D'], 'PT1H');
  const destinationKind = choice(values, F.destination, ['dm', 'channel'] as const, 'dm');

  const scope = pickedScope(values, kind);
  const id = scope !== null && scope !== 'invalid' ? scope.id : null;
  if (id === null) errors[F.scopeId.blockId] = `Pick a ${kind}: type part of its name or its id, like ${kind === 'building' ? 71 : 5}.`;

  const max = measure === 'people' ? MAX_THRESHOLD_PEOPLE : MAX_THRESHOLD_PERCENT;
  const threshold = numberOf(values, F.threshold);
  const thresholdOk = typeof threshold === 'number' && threshold > 0 && threshold <= max;
  if (!thresholdOk) {
    errors[F.threshold.blockId] =
      measure === 'usual'
        ? `Enter a percentage of the usual level above 0 and at most ${max}, e.g. 130.`
        : measure === 'percent'
          ? `Enter a percentage above 0 and at most ${max}, e.g. 80.`
          : `Enter a number of people above 0, e.g. 120.`;
  }

  const recoveryInput = numberOf(values, F.recovery);
  let recovery: number | null = null;
  if (recoveryInput === 'invalid') errors[F.recovery.blockId] = 'Enter a number, or leave it empty for the default.';
  else if (thresholdOk) {
    recovery = recoveryInput ?? defaultRecovery(threshold, direction);
    const safe = direction === 'above' ? recovery < threshold : recovery > threshold;
    if (!safe || recovery <= 0) {
      const side = direction === 'above' ? 'below' : 'above';
      errors[F.recovery.blockId] = `For ${direction === 'above' ? 'an' : 'a'} "${direction}" rule the recovery level must be ${side} the threshold (${formatLevel(threshold)})${direction === 'above' ? ' and above 0' : ''}.`;
    }
  }

  const buckets = numberOf(values, F.duration);
  const bucketsOk = typeof buckets === 'number' && Number.isInteger(buckets) && buckets >= 1 && buckets <= MAX_DURATION_BUCKETS;
  if (!bucketsOk) errors[F.duration.blockId] = `Enter a whole number from 1 to ${MAX_DURATION_BUCKETS}.`;

  const channelId = fieldState(values, F.channel)?.selected_conversation ?? null;
  if (destinationKind === 'channel' && !channelId) errors[F.channel.blockId] = 'Pick the channel the alerts go to.';

  const start = fieldState(values, F.quietStart)?.selected_time ?? null;
  const end = fieldState(values, F.quietEnd)?.selected_time ?? null;
  if ((start === null) !== (end === null)) errors[start === null ? F.quietStart.blockId : F.quietEnd.blockId] = 'Give both a start and an end, or neither.';
  else if (start !== null && end !== null && (!TIME_RE.test(start) || !TIME_RE.test(end) || start === end)) {
    errors[F.quietEnd.blockId] = 'Quiet hours need a start and a different end time.';
  }

  const renotifyValue = fieldState(values, F.renotify)?.selected_option?.value ?? 'off';
  const renotify = RENOTIFY_OPTIONS.find((r) => r.option.value === renotifyValue);
  if (!renotify) errors[F.renotify.blockId] = 'Pick how often to remind you.';

  // A value that could be no group id is refused here; one outside InnerSpace's list, by groupErrors.
  const groupValue = fieldState(values, F.group)?.selected_option?.value;
  const group = pickedGroup(values);
  if (groupValue !== undefined && group.group === undefined) errors[F.group.blockId] = 'Pick one of the groups in the menu.';

  if (Object.keys(errors).length > 0 || id === null || !thresholdOk || recovery === null || !bucketsOk || !renotify) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    draft: {
      scope: { kind, id },
      ...drafted(measure),
      direction,
      threshold,
      recovery,
      minDuration: { unit: 'buckets', count: buckets },
      granularity,
      destination: destinationKind === 'channel' && channelId ? { kind: 'channel', channel: { kind: 'id', id: channelId, name: null } } : { kind: 'dm' },
      quietHours: start !== null && end !== null ? { start, end } : null,
      renotifyMinutes: renotify.minutes,
      ...group,
    },
  };
}
