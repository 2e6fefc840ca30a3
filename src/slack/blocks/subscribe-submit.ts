/**
 * Reads the alert form: a SubscriptionDraft, or errors keyed by block_id for
 * `response_action: errors`. The backtest refresh uses the same reading on block_actions.
 */
import { MAX_DURATION_BUCKETS, MAX_THRESHOLD_PEOPLE, MAX_THRESHOLD_PERCENT, defaultRecovery } from '../parser/subscribe';
import type { AlertGranularity, SubscriptionDraft } from '../parser/types';
import { SUBSCRIBE_FIELDS } from './ids';
import { fieldState, type ViewStateValues } from './kit';
import { formatLevel } from './mrkdwn';
import { RENOTIFY_OPTIONS } from './subscribe-modal';

export type SubscribeSubmission =
  | { readonly ok: true; readonly draft: SubscriptionDraft }
  /** Ack with `{ response_action: 'errors', errors }`. */
  | { readonly ok: false; readonly errors: Record<string, string> };

const F = SUBSCRIBE_FIELDS;

function choice<T extends string>(values: ViewStateValues, field: { blockId: string; actionId: string }, allowed: readonly T[], fallback: T): T {
  const value = fieldState(values, field)?.selected_option?.value;
  return allowed.find((a) => a === value) ?? fallback;
}

function numberOf(values: ViewStateValues, field: { blockId: string; actionId: string }): number | null | 'invalid' {
  const text = (fieldState(values, field)?.value ?? '').trim();
  if (text === '') return null;
  if (!/^\d{1,9}(\.\d{1,3})?$/.test(text)) return 'invalid';
  return Number(text);
}

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

export function validateSubscribeSubmission(values: ViewStateValues): SubscribeSubmission {
  const errors: Record<string, string> = {};
  const kind = choice(values, F.scopeKind, ['building', 'zone'] as const, 'building');
  const measure = choice(values, F.measure, ['people', 'percent'] as const, 'people');
  const direction = choice(values, F.direction, ['above', 'below'] as const, 'above');
  const granularity = choice<AlertGranularity>(values, F.granularity, ['PT1H', 'P1D'], 'PT1H');
  const destinationKind = choice(values, F.destination, ['dm', 'channel'] as const, 'dm');

  const id = numberOf(values, F.scopeId);
  if (id === null || id === 'invalid' || !Number.isInteger(id) || id < 1 || id > 999_999_999_999) {
    errors[F.scopeId.blockId] = `Enter a ${kind} id: a whole number like ${kind === 'building' ? 71 : 5}.`;
  }

  const max = measure === 'percent' ? MAX_THRESHOLD_PERCENT : MAX_THRESHOLD_PEOPLE;
  const threshold = numberOf(values, F.threshold);
  const thresholdOk = typeof threshold === 'number' && threshold > 0 && threshold <= max;
  if (!thresholdOk) {
    errors[F.threshold.blockId] =
      measure === 'percent' ? `Enter a percentage above 0 and at most ${max}, e.g. 80.` : `Enter a number of people above 0, e.g. 120.`;
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

  if (Object.keys(errors).length > 0 || typeof id !== 'number' || !thresholdOk || recovery === null || !bucketsOk || !renotify) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    draft: {
      scope: { kind, id },
      measure,
      direction,
      threshold,
      recovery,
      minDuration: { unit: 'buckets', count: buckets },
      granularity,
      destination: destinationKind === 'channel' && channelId ? { kind: 'channel', channel: { kind: 'id', id: channelId, name: null } } : { kind: 'dm' },
      quietHours: start !== null && end !== null ? { start, end } : null,
      renotifyMinutes: renotify.minutes,
    },
  };
}
