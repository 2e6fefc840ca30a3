import type { WorkspaceState } from './state';
import type { StoredChannel, StoredMessage, StoredUser, StoredView } from './types';
import { isObj } from './validation-elements';
import { wireMessage } from './wire';

/** Builders of the request bodies Slack sends to an app, from the workspace's own records. */

export interface ActionInput {
  readonly action_id: string;
  /** Found from the message or view blocks when left out. */
  readonly block_id?: string;
  readonly value?: string;
  readonly type?: string;
  readonly selected_option?: { readonly value: string; readonly text?: unknown };
  readonly selected_options?: ReadonlyArray<{ readonly value: string; readonly text?: unknown }>;
  readonly selected_date?: string;
  readonly selected_time?: string;
  readonly selected_user?: string;
  readonly selected_conversation?: string;
  readonly selected_channel?: string;
}

/** One input's value as Slack puts it in `view.state.values[block_id][action_id]` (its `type` is filled in). */
export type InputValue = Record<string, unknown>;
export type ViewValues = Record<string, Record<string, InputValue>>;

export function userRef(state: WorkspaceState, u: StoredUser): Record<string, unknown> {
  return { id: u.id, username: u.name, name: u.name, team_id: state.team.id };
}

export function channelName(c: StoredChannel): string {
  if (c.isIm) return 'directmessage';
  if (c.isMpim) return c.name;
  return c.isPrivate ? 'privategroup' : c.name;
}

export function commandFields(
  state: WorkspaceState, verificationToken: string, user: StoredUser, channel: StoredChannel,
  command: string, text: string, responseUrl: string, triggerId: string,
): Record<string, string> {
  return {
    token: verificationToken, team_id: state.team.id, team_domain: state.team.domain,
    channel_id: channel.id, channel_name: channelName(channel), user_id: user.id, user_name: user.name,
    command, text, api_app_id: state.bot.appId, is_enterprise_install: 'false', response_url: responseUrl, trigger_id: triggerId,
  };
}

/** Finds the element an action came from, for its block_id, type, text and value. */
export function findElement(blocks: unknown, actionId: string, blockId?: string): { blockId: string; element: Record<string, unknown> } | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const b of blocks) {
    if (!isObj(b)) continue;
    const id = typeof b.block_id === 'string' ? b.block_id : '';
    if (blockId !== undefined && id !== blockId) continue;
    const candidates = [...(Array.isArray(b.elements) ? b.elements : []), b.accessory, b.element];
    const element = candidates.find((e): e is Record<string, unknown> => isObj(e) && e.action_id === actionId);
    if (element) return { blockId: id, element };
  }
  return undefined;
}

export function actionPayload(input: ActionInput, blocks: unknown, actionTs: string): Record<string, unknown> {
  const found = findElement(blocks, input.action_id, input.block_id);
  const el = found?.element;
  const type = input.type ?? (typeof el?.type === 'string' ? el.type : 'button');
  const out: Record<string, unknown> = { ...input, type, block_id: input.block_id ?? found?.blockId ?? '', action_ts: actionTs };
  if (type === 'button') {
    if (el?.text !== undefined) out.text = el.text;
    if (input.value === undefined && typeof el?.value === 'string') out.value = el.value;
    if (typeof el?.style === 'string') out.style = el.style;
  }
  return out;
}

export function blockActionsPayload(args: {
  state: WorkspaceState; token: string; user: StoredUser; channel?: StoredChannel; message?: StoredMessage; view?: StoredView;
  action: Record<string, unknown>; triggerId: string; responseUrl?: string;
}): Record<string, unknown> {
  const { state, user, channel, message, view } = args;
  const container = message
    ? { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: message.ephemeralFor !== undefined }
    : { type: 'view', view_id: view?.id };
  return {
    type: 'block_actions', user: userRef(state, user), api_app_id: state.bot.appId, token: args.token, container,
    trigger_id: args.triggerId, team: { id: state.team.id, domain: state.team.domain }, enterprise: null, is_enterprise_install: false,
    ...(channel ? { channel: { id: channel.id, name: channelName(channel) } } : {}),
    // Slack leaves the message out of payloads for ephemeral messages.
    ...(message && message.ephemeralFor === undefined ? { message: wireMessage(state, message) } : {}),
    ...(view ? { view: state.views.toWire(view) } : {}),
    ...(message ? { state: { values: {} } } : {}),
    ...(args.responseUrl !== undefined ? { response_url: args.responseUrl } : {}),
    actions: [args.action],
  };
}

/** Fills each value's `type` from the view's input elements, as Slack reports it. */
export function typedValues(view: StoredView, values: ViewValues): ViewValues {
  const out: ViewValues = {};
  for (const [blockId, byAction] of Object.entries(values)) {
    out[blockId] = {};
    for (const [actionId, v] of Object.entries(byAction)) {
      const el = findElement(view.definition.blocks, actionId, blockId)?.element;
      const target = out[blockId];
      if (target) target[actionId] = { ...(typeof el?.type === 'string' ? { type: el.type } : {}), ...v };
    }
  }
  return out;
}

export function viewPayload(kind: 'view_submission' | 'view_closed', state: WorkspaceState, token: string, user: StoredUser, view: StoredView, triggerId: string): Record<string, unknown> {
  return {
    type: kind, team: { id: state.team.id, domain: state.team.domain }, user: userRef(state, user), api_app_id: state.bot.appId, token,
    view: state.views.toWire(view), enterprise: null, is_enterprise_install: false,
    ...(kind === 'view_submission' ? { trigger_id: triggerId, response_urls: [] } : { is_cleared: false }),
  };
}

export function eventCallback(state: WorkspaceState, token: string, event: Record<string, unknown>, eventId: string, nowMs: number): Record<string, unknown> {
  return {
    token, team_id: state.team.id, api_app_id: state.bot.appId, event, type: 'event_callback', event_id: eventId,
    event_time: Math.floor(nowMs / 1000), is_ext_shared_channel: false, event_context: `local-${eventId}`,
    authorizations: [{ enterprise_id: null, team_id: state.team.id, user_id: state.bot.userId, is_bot: true, is_enterprise_install: false }],
  };
}

/**
 * What Slack sends when someone opens or types in an external select of a view: the element's
 * action_id and block_id, what was typed (`value`), and the view with its state so far.
 */
export function blockSuggestionPayload(args: {
  state: WorkspaceState; token: string; user: StoredUser; view: StoredView; actionId: string; blockId: string; value: string;
}): Record<string, unknown> {
  const { state, user, view } = args;
  return {
    type: 'block_suggestion', user: userRef(state, user), container: { type: 'view', view_id: view.id }, api_app_id: state.bot.appId,
    token: args.token, action_id: args.actionId, block_id: args.blockId, value: args.value,
    team: { id: state.team.id, domain: state.team.domain }, enterprise: null, is_enterprise_install: false, view: state.views.toWire(view),
  };
}
