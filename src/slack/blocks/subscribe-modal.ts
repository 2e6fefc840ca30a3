/**
 * The alert form (`/occupancy subscribe`, "Alert me…", Edit): every field of a rule, with the
 * inputs that shape it dispatching block_actions so the backtest refreshes as they change.
 */
import { formatDay } from '../../domain/time';
import { MAX_DURATION_BUCKETS } from '../parser/subscribe';
import { defaultRecovery } from '../../domain/subscription';
import { BASELINE_WEEKS, MIN_BASELINE_WEEKS } from '../../domain/baseline';
import { formatCount, safeName } from './mrkdwn';
import { levelShort } from './format';
import { CALLBACK_IDS, SUBSCRIBE_BACKTEST_BLOCK_ID, SUBSCRIBE_FIELDS } from './ids';
import { groupMenu } from './groups';
import { unnamedOption } from './name-options';
import {
  LIMITS, context, input, modal, modalNotice, option, plain, section,
  type InputBlock, type InputBlockElement, type KnownBlock, type ModalFrame, type ModalView, type PlainTextOption, type SlackMessage,
} from './kit';
import type { BacktestView, SubscribeModalView } from '../../views/index';

export const SCOPE_OPTIONS = { building: option('Building', 'building'), zone: option('Zone', 'zone') } as const;
export const MEASURE_OPTIONS = {
  people: option('People in a bucket', 'people'),
  percent: option('% of capacity', 'percent'),
  usual: option('% of usual (same weekday and hour, last 4 weeks)', 'usual'),
} as const;
export const DIRECTION_OPTIONS = { above: option('Above', 'above'), below: option('Below', 'below') } as const;
export const GRANULARITY_OPTIONS = { PT1H: option('Hourly', 'PT1H'), P1D: option('Daily', 'P1D') } as const;
export const DESTINATION_OPTIONS = { dm: option('A direct message to me', 'dm'), channel: option('A channel', 'channel') } as const;
export const RENOTIFY_OPTIONS: readonly { minutes: number | null; option: PlainTextOption }[] = [
  { minutes: null, option: option('Off', 'off') },
  { minutes: 60, option: option('Every hour', '60') },
  { minutes: 240, option: option('Every 4 hours', '240') },
  { minutes: 1440, option: option('Every day', '1440') },
];

const BACKTEST_DATES_SHOWN = 12;

/** "Over the last 30 published days this rule would have alerted 3 times: Tue 4 Nov, …" */
export function backtestText(backtest: BacktestView): string {
  switch (backtest.status) {
    case 'incomplete':
      return '*Backtest:* fill in the id and the threshold to see how often this rule would have alerted over the last 30 published days.';
    case 'unavailable':
      return "*Backtest:* I couldn't reach InnerSpace to try this rule on past data. You can still save it.";
    case 'ready': {
      const n = backtest.episodeDates.length;
      const short = backtest.shortHistory;
      // Too little history is said instead of a count that would look like a calm building.
      if (short && short.buckets === short.of) {
        return `*Backtest:* too little history to judge this rule: the usual level of a bucket needs data in at least ${MIN_BASELINE_WEEKS} of the ${BASELINE_WEEKS} weeks before it, and none of the last ${backtest.days} published days had that. It alerts only once there is enough.`;
      }
      const skipped = short ? ` ${formatCount(short.buckets)} of ${formatCount(short.of)} buckets had too little history (fewer than ${MIN_BASELINE_WEEKS} of the ${BASELINE_WEEKS} weeks before them) and were not judged.` : '';
      const over = `Over the last ${backtest.days} published days this rule would`;
      if (n === 0) return `*Backtest:* ${over} not have alerted.${skipped}`;
      const messages = backtest.messages ?? [];
      if (messages.length > 0 && messages.length < n) {
        // Counted as live alerts send them: the episodes of one nightly publish share one message.
        const shown = messages.slice(0, BACKTEST_DATES_SHOWN).map((m) => (m.episodes > 1 ? `${formatDay(m.date)} (${m.episodes})` : formatDay(m.date)));
        const rest = messages.length > BACKTEST_DATES_SHOWN ? ` and ${messages.length - BACKTEST_DATES_SHOWN} more` : '';
        const sent = messages.length === 1 ? 'one message' : `${messages.length} messages`;
        return `*Backtest:* ${over} have alerted ${n} times in ${sent}, one per nightly publish: ${shown.join(', ')}${rest}.${skipped}`;
      }
      const dates = backtest.episodeDates.slice(0, BACKTEST_DATES_SHOWN).map((d) => formatDay(d));
      const more = n > BACKTEST_DATES_SHOWN ? ` and ${n - BACKTEST_DATES_SHOWN} more` : '';
      return `*Backtest:* ${over} have alerted ${n === 1 ? 'once' : `${n} times`}: ${dates.join(', ')}${more}.${skipped}`;
    }
  }
}

export function buildBacktestBlock(backtest: BacktestView): KnownBlock {
  return section(backtestText(backtest), SUBSCRIBE_BACKTEST_BLOCK_ID);
}

function radio(actionId: string, options: readonly PlainTextOption[], initial: PlainTextOption): InputBlockElement {
  return { type: 'radio_buttons', action_id: actionId, options: [...options], initial_option: initial };
}

const LIVE = { trigger_actions_on: ['on_enter_pressed', 'on_character_entered'] as ('on_enter_pressed' | 'on_character_entered')[] };

function numberInput(actionId: string, decimals: boolean, initial: number | null, min: string, max?: string): InputBlockElement {
  return {
    type: 'number_input',
    action_id: actionId,
    is_decimal_allowed: decimals,
    min_value: min,
    ...(max ? { max_value: max } : {}),
    ...(initial !== null ? { initial_value: String(initial) } : {}),
    dispatch_action_config: LIVE,
  };
}

/**
 * The building or zone, picked by name from a menu the bot fills as the user types (any
 * building or zone of the directory, not a list of 100). Each kind has its own action id, so a
 * change of kind shows an empty menu rather than Slack keeping a building in the zone field.
 */
function scopeInput(view: SubscribeModalView): InputBlock {
  const zone = view.scopeKind === 'zone';
  const field = zone ? SUBSCRIBE_FIELDS.scopeZone : SUBSCRIBE_FIELDS.scopeBuilding;
  const initial = view.scopeId === null ? null : view.scopeTitle ? option(view.scopeTitle, String(view.scopeId)) : unnamedOption(view.scopeKind, view.scopeId);
  return input(
    field,
    zone ? 'Zone' : 'Building',
    {
      type: 'external_select',
      action_id: field.actionId,
      placeholder: plain(zone ? 'Type a zone name or id' : 'Type a building name or id', LIMITS.placeholder),
      // Opening the menu lists some at once; typing narrows them.
      min_query_length: 0,
      ...(initial ? { initial_option: initial } : {}),
    },
    { dispatch: true, hint: "Type part of a name (accents and case don't matter) or an id." },
  );
}

/** Whose occupancy the rule watches; a change of group changes the rows the backtest reads. */
function groupBlocks(view: SubscribeModalView): InputBlock[] {
  return groupMenu(SUBSCRIBE_FIELDS.group, view, { dispatch: true, hint: 'Whose occupancy the rule watches: everyone, or one department.' });
}

function recoveryHint(view: SubscribeModalView): string {
  const side = view.direction === 'above' ? 'below' : 'above';
  if (view.threshold === null) return `Optional: alerts end once it is back ${side} this. Default: ${view.direction === 'above' ? '90' : '110'}% of the threshold.`;
  return `Optional: alerts end once it is back ${side} this. Default: ${levelShort(defaultRecovery(view.threshold, view.direction), view.measure)}.`;
}

function frame(mode: 'create' | 'edit', privateMetadata: string): ModalFrame {
  return { callbackId: CALLBACK_IDS.subscribeModal, mode, titles: { create: 'New alert', edit: 'Edit alert' }, privateMetadata };
}

/** What opens at once on Edit, before the rule is read. */
export function buildSubscribeLoadingModal(mode: 'create' | 'edit', privateMetadata: string): ModalView {
  return modalNotice(frame(mode, privateMetadata), [section(mode === 'edit' ? 'Loading the alert…' : 'Loading the form…')]);
}

/** The form that could not be filled: why, in its place (the error's own words and blocks). */
export function buildSubscribeFailedModal(mode: 'create' | 'edit', privateMetadata: string, why: SlackMessage): ModalView {
  return modalNotice(frame(mode, privateMetadata), why.blocks);
}

export function buildSubscribeModal(view: SubscribeModalView): ModalView {
  const F = SUBSCRIBE_FIELDS;
  const renotify = RENOTIFY_OPTIONS.find((r) => r.minutes === view.renotifyMinutes) ?? RENOTIFY_OPTIONS[0];
  const blocks: KnownBlock[] = [
    ...(view.groupLabel !== undefined ? [context([`👥 For the group *${safeName(view.groupLabel, 60)}*: this rule watches that group's occupancy, not everyone's.`])] : []),
    input(F.scopeKind, 'Watch a', radio(F.scopeKind.actionId, Object.values(SCOPE_OPTIONS), SCOPE_OPTIONS[view.scopeKind]), { dispatch: true }),
    scopeInput(view),
    ...groupBlocks(view),
    input(F.measure, 'Measure', radio(F.measure.actionId, Object.values(MEASURE_OPTIONS), MEASURE_OPTIONS[view.measure]), {
      dispatch: true,
      hint: "Each hourly (or daily) bucket is compared with the threshold, as for an answer's peak. % of capacity works where InnerSpace knows the capacity. % of usual compares a bucket with the mean of the same weekday and hour over the 4 weeks before it.",
    }),
    input(F.direction, 'Alert when it is', radio(F.direction.actionId, Object.values(DIRECTION_OPTIONS), DIRECTION_OPTIONS[view.direction]), { dispatch: true }),
    input(F.threshold, 'Threshold', numberInput(F.threshold.actionId, true, view.threshold, '0'), {
      dispatch: true,
      hint: view.measure === 'usual' ? 'A percentage of the usual level, e.g. 130 (above) or 70 (below).' : 'People, or a percentage when the measure is % of capacity or of usual.',
    }),
    input(F.recovery, 'Recovery level', numberInput(F.recovery.actionId, true, view.recovery, '0'), {
      dispatch: true,
      optional: true,
      hint: recoveryHint(view),
    }),
    input(F.duration, 'For at least (buckets)', numberInput(F.duration.actionId, false, view.minBuckets, '1', String(MAX_DURATION_BUCKETS)), {
      dispatch: true,
      hint: 'Consecutive hours (or days, with daily data) past the threshold before an alert.',
    }),
    input(F.granularity, 'Data', radio(F.granularity.actionId, Object.values(GRANULARITY_OPTIONS), GRANULARITY_OPTIONS[view.granularity]), { dispatch: true }),
    input(F.destination, 'Send alerts to', radio(F.destination.actionId, Object.values(DESTINATION_OPTIONS), DESTINATION_OPTIONS[view.destination])),
    input(
      F.channel,
      'Channel',
      {
        type: 'conversations_select',
        action_id: F.channel.actionId,
        placeholder: plain('Pick a channel', LIMITS.placeholder),
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(view.channelId ? { initial_conversation: view.channelId } : {}),
      },
      { optional: true, hint: 'Only when sending to a channel.' },
    ),
    input(
      F.quietStart,
      'Quiet hours from',
      { type: 'timepicker', action_id: F.quietStart.actionId, ...(view.quietHours ? { initial_time: view.quietHours.start } : {}) },
      { optional: true, hint: 'Alerts due in quiet hours wait until they end; none are dropped.' },
    ),
    input(F.quietEnd, 'Quiet hours until', {
      type: 'timepicker',
      action_id: F.quietEnd.actionId,
      ...(view.quietHours ? { initial_time: view.quietHours.end } : {}),
    }, { optional: true }),
    input(F.renotify, 'Remind me while it lasts', {
      type: 'static_select',
      action_id: F.renotify.actionId,
      options: RENOTIFY_OPTIONS.map((r) => r.option),
      ...(renotify ? { initial_option: renotify.option } : {}),
    }),
    buildBacktestBlock(view.backtest),
  ];
  return modal({ ...frame(view.mode, view.privateMetadata), blocks });
}
