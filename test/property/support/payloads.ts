/**
 * Interaction payloads as Slack sends them (block_actions, block_suggestion, shortcuts,
 * view_closed), built from arbitraries: every action_id the app registers and made-up ones,
 * values right and wrong, users and channels real and not, from messages and from views.
 */
import fc from 'fast-check';
import { LISTENERS } from '../../../src/slack/listeners';
import { anyText, buttonValue, channelId, marked, userId, wrongType } from './arbitraries';
import type { PropertyBot } from './bot';

type Obj = Record<string, unknown>;

/** Where an action came from, resolved against the running workspace when the case runs. */
export type Origin =
  | { readonly kind: 'message'; readonly real: boolean; readonly channel: string; readonly withResponseUrl: boolean }
  | { readonly kind: 'home' }
  | { readonly kind: 'modal'; readonly callbackId: string };

export const actionId = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...LISTENERS.actions) },
  { weight: 1, arbitrary: marked },
  { weight: 1, arbitrary: fc.constantFrom('occupancy_prev_dayx', 'OCCUPANCY_SHARE', ' digest_send', 'digest_send\n') },
);
export const callbackId = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...LISTENERS.views) }, { weight: 1, arbitrary: marked });

/** One element's action, shaped by its type as Slack sends it, sometimes with a field of the wrong type. */
export const action = fc
  .record({
    action_id: actionId,
    block_id: fc.oneof(fc.constant(undefined), marked, fc.constantFrom('occupancy_actions', 'sub_scope_kind', 'digest_channel')),
    shape: fc.constantFrom('button', 'static_select', 'overflow', 'radio_buttons', 'checkboxes', 'datepicker', 'timepicker', 'conversations_select', 'users_select', 'plain_text_input', 'number_input', 'wrong'),
    value: buttonValue,
    values: fc.array(buttonValue, { maxLength: 3 }),
    id: fc.oneof(channelId, userId),
    wrong: wrongType,
  })
  .map(({ action_id, block_id, shape, value, values, id, wrong }): Obj => {
    const base: Obj = { action_id, block_id: block_id ?? 'b', action_ts: '1796300000.000100' };
    const option = (v: string): Obj => ({ text: { type: 'plain_text', text: v.slice(0, 75) || 'x' }, value: v.slice(0, 150) });
    switch (shape) {
      case 'button':
        return { ...base, type: 'button', text: { type: 'plain_text', text: 'Go' }, value };
      case 'static_select':
      case 'overflow':
      case 'radio_buttons':
        return { ...base, type: shape, selected_option: option(value) };
      case 'checkboxes':
        return { ...base, type: 'checkboxes', selected_options: values.map(option) };
      case 'datepicker':
        return { ...base, type: 'datepicker', selected_date: value.slice(0, 12) };
      case 'timepicker':
        return { ...base, type: 'timepicker', selected_time: value.slice(0, 8) };
      case 'conversations_select':
        return { ...base, type: 'conversations_select', selected_conversation: id };
      case 'users_select':
        return { ...base, type: 'users_select', selected_user: id };
      case 'plain_text_input':
      case 'number_input':
        return { ...base, type: shape, value };
      default:
        // Fields a listener reads, given a type Slack would never send.
        return { ...base, type: 'button', value: wrong, selected_option: wrong, selected_options: wrong };
    }
  });

export const origin: fc.Arbitrary<Origin> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('message' as const), real: fc.boolean(), channel: channelId, withResponseUrl: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'home' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('modal' as const), callbackId }) },
);

/** What the workspace holds for a case to point at: a real message with buttons, Home, an open form. */
export interface Fixtures {
  readonly message: { readonly channel: string; readonly ts: string; readonly user: string };
  readonly homeView: (user: string) => Obj | null;
  readonly modal: (callbackId: string) => Obj | null;
}

const team = (bot: PropertyBot): Obj => ({ id: bot.slack.team.id, domain: bot.slack.team.domain });
const userRef = (bot: PropertyBot, id: string): Obj => ({ id, username: 'someone', name: 'someone', team_id: bot.slack.team.id });

export function blockActions(bot: PropertyBot, fx: Fixtures, user: string, from: Origin, actions: Obj[]): Obj {
  const common: Obj = {
    type: 'block_actions', user: userRef(bot, user), api_app_id: bot.slack.bot.appId, token: 'local-verification-token', team: team(bot),
    enterprise: null, is_enterprise_install: false, trigger_id: bot.triggerId(user), actions,
  };
  if (from.kind === 'message') {
    const channel = from.real ? fx.message.channel : from.channel;
    const ts = from.real ? fx.message.ts : '1796300000.999999';
    const rec = from.withResponseUrl ? bot.slack.mintResponseUrl({ kind: 'action', user, channel, messageTs: ts }) : null;
    return {
      ...common, container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: true }, channel: { id: channel, name: 'somewhere' },
      state: { values: {} }, ...(rec ? { response_url: rec.url } : {}),
    };
  }
  const view = from.kind === 'home' ? fx.homeView(user) : fx.modal(from.callbackId);
  const wire = view ?? { id: 'V0QZXNONE', type: from.kind === 'home' ? 'home' : 'modal', blocks: [], state: { values: {} }, hash: '1.x', callback_id: from.kind === 'modal' ? from.callbackId : '' };
  return { ...common, container: { type: 'view', view_id: wire.id }, view: wire };
}

export const suggestion = fc.record({ user: userId, actionId: fc.oneof(actionId, marked), value: anyText.map((t) => t.slice(0, 2000)) });

export function blockSuggestion(bot: PropertyBot, c: { user: string; actionId: string; value: string }): Obj {
  return {
    type: 'block_suggestion', user: userRef(bot, c.user), container: { type: 'view', view_id: 'V0QZX1' }, api_app_id: bot.slack.bot.appId,
    token: 'local-verification-token', action_id: c.actionId, block_id: 'b', value: c.value, team: team(bot), enterprise: null, is_enterprise_install: false,
  };
}

export const shortcutCase = fc.record({ kind: fc.constantFrom('shortcut', 'message_action'), user: userId, callbackId: fc.oneof(marked, fc.constantFrom(...LISTENERS.actions, ...LISTENERS.views)), channel: channelId, text: anyText });

export function shortcut(bot: PropertyBot, c: { kind: string; user: string; callbackId: string; channel: string; text: string }): Obj {
  const common: Obj = {
    type: c.kind, callback_id: c.callbackId, trigger_id: bot.triggerId(c.user), user: userRef(bot, c.user), team: team(bot),
    token: 'local-verification-token', action_ts: '1796300000.000200', is_enterprise_install: false, enterprise: null,
  };
  if (c.kind === 'shortcut') return common;
  const rec = bot.slack.mintResponseUrl({ kind: 'action', user: c.user, channel: c.channel });
  return {
    ...common, channel: { id: c.channel, name: 'somewhere' }, message_ts: '1796300000.000300', response_url: rec.url,
    message: { type: 'message', user: c.user, ts: '1796300000.000300', text: c.text },
  };
}

export const closedCase = fc.record({ user: userId, callbackId, metadata: fc.oneof(anyText, fc.constant('')), cleared: fc.boolean() });

export function viewClosed(bot: PropertyBot, fx: Fixtures, c: { user: string; callbackId: string; metadata: string; cleared: boolean }): Obj {
  const real = fx.modal(c.callbackId);
  const view = { ...(real ?? { id: 'V0QZXCLOSED', type: 'modal', blocks: [], state: { values: {} }, hash: '1.x' }), callback_id: c.callbackId, private_metadata: c.metadata.slice(0, 3000) };
  return { type: 'view_closed', team: team(bot), user: userRef(bot, c.user), api_app_id: bot.slack.bot.appId, token: 'local-verification-token', view, is_cleared: c.cleared };
}
