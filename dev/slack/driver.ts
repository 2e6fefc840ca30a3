import { createHmac } from 'node:crypto';
import {
  actionPayload, blockActionsPayload, blockSuggestionPayload, commandFields, findElement, eventCallback, typedValues, viewPayload,
  type ActionInput, type ViewValues,
} from './driver-payloads';
import { applyViewAck } from './driver-views';
import type { EnvelopeType } from './socket';
import type { StoredChannel, StoredUser, StoredView } from './types';
import { DEFAULT_MIN_QUERY_LENGTH, isObj, validateOptionsResponse } from './validation-elements';
import type { SlackWorkspace } from './workspace';

export interface SlackDriverOptions {
  readonly workspace: SlackWorkspace;
  /** Base URL of the app in HTTP mode; requests go to `<appUrl><eventsPath>`. */
  readonly appUrl?: string;
  readonly eventsPath?: string;
  readonly signingSecret?: string;
  /** 'http': signed POSTs to the app. 'socket': envelopes over the workspace's Socket Mode connection. */
  readonly transport?: 'http' | 'socket';
  /** The legacy verification token Slack still puts in bodies. */
  readonly verificationToken?: string;
  /** How long to wait for a Socket Mode ack; default 3000 ms. */
  readonly ackTimeoutMs?: number;
  readonly now?: () => number;
}

/** Per-request levers for signature tests (HTTP transport only). */
export interface SendOptions {
  /** `x-slack-request-timestamp` in seconds; default now. */
  readonly timestamp?: number;
  /** Rewrites the body after it was signed. */
  readonly tamper?: (rawBody: string) => string;
  /** Signs with this secret instead of the configured one. */
  readonly signingSecret?: string;
  /** Sends no signature headers at all. */
  readonly unsigned?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface DriverResult {
  /** HTTP status of the app's answer; over Socket Mode 200 when acked, 0 when no ack came in time. */
  readonly status: number;
  /** The ack body: parsed JSON, else the text, else undefined when empty. */
  readonly body: unknown;
  readonly text: string;
  /** What was sent: the command fields or the interaction / event payload. */
  readonly sent: Record<string, unknown>;
  readonly responseUrl?: string;
  readonly responseUrlId?: string;
  readonly triggerId?: string;
  readonly envelopeId?: string;
}

/** An option as a menu shows it and as Slack reports the pick in state: `{ text, value }`. */
export interface MenuOption {
  readonly text: { readonly type: 'plain_text'; readonly text: string; readonly emoji?: boolean };
  readonly value: string;
}

/** What a person sees after typing in an external select. */
export interface SuggestionResult {
  /** false when Slack sent nothing: fewer characters than the element's min_query_length. */
  readonly asked: boolean;
  readonly status: number;
  readonly body: unknown;
  /** What the menu shows: the app's options (groups flattened), or none when its answer broke a rule. */
  readonly shown: readonly MenuOption[];
  /** Why the answer was refused, as Slack would judge it (Slack itself tells no one). */
  readonly problems: readonly string[];
  readonly sent?: Record<string, unknown>;
  /** The shown option whose text or value is `textOrValue`, as the view's state reports it once picked; throws if none. */
  pick(textOrValue: string): MenuOption;
}

export type ActionTarget = { readonly messageTs: string } | { readonly viewId: string };

export interface SlackDriver {
  command(user: string, channel: string, command: string, text: string, opts?: SendOptions): Promise<DriverResult>;
  blockAction(user: string, channel: string | undefined, target: ActionTarget, action: ActionInput, opts?: SendOptions): Promise<DriverResult>;
  /** Submits a modal; the ack's response_action (errors / update / push / clear, or none = close) is applied to the workspace. */
  viewSubmission(user: string, viewId: string, values: ViewValues, opts?: SendOptions): Promise<DriverResult>;
  /** Closes a modal; the app hears view_closed only when the view asked for notify_on_close. */
  viewClosed(user: string, viewId: string, opts?: SendOptions): Promise<DriverResult | undefined>;
  /**
   * Someone opened or typed `value` in the external select `actionId` of a view: sends
   * block_suggestion (unless fewer characters than its min_query_length were typed) and returns
   * what the menu shows.
   */
  blockSuggestion(user: string, viewId: string, actionId: string, value: string, opts?: SendOptions): Promise<SuggestionResult>;
  /** Delivers an Events API event (wrapped in an event_callback unless it already is one). */
  event(event: Record<string, unknown>, opts?: SendOptions): Promise<DriverResult>;
  appHomeOpened(user: string, opts?: SendOptions): Promise<DriverResult>;
}

function suggestion(r: Omit<SuggestionResult, 'shown' | 'pick'>): SuggestionResult {
  const body = isObj(r.body) ? r.body : {};
  const groups = Array.isArray(body.option_groups) ? body.option_groups.filter(isObj) : [{ options: body.options }];
  const shown = r.problems.length > 0 ? [] : groups.flatMap((g) => (Array.isArray(g.options) ? (g.options as MenuOption[]) : []));
  return {
    ...r,
    shown: shown.map((o) => ({ text: { ...o.text, emoji: o.text.emoji ?? true }, value: o.value })),
    pick(textOrValue) {
      const found = this.shown.find((o) => o.text.text === textOrValue || o.value === textOrValue);
      if (!found) throw new Error(`the menu shows no option "${textOrValue}" (it shows: ${this.shown.map((o) => o.text.text).join(', ') || 'nothing'})`);
      return found;
    },
  };
}

/** The v0 request signature Slack sends in `x-slack-signature`. */
export function signSlackRequest(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

function parseAck(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function createSlackDriver(o: SlackDriverOptions): SlackDriver {
  const ws = o.workspace;
  const now = o.now ?? Date.now;
  const token = o.verificationToken ?? 'local-verification-token';
  const transport = o.transport ?? 'http';
  let events = 0;

  const user = (id: string): StoredUser => {
    const u = ws.state.getUser(id);
    if (!u) throw new Error(`unknown user ${id}`);
    return u;
  };
  const channel = (id: string): StoredChannel => {
    const c = ws.state.getChannel(id) ?? (ws.state.getUser(id) ? ws.state.openIm(id) : undefined);
    if (!c) throw new Error(`unknown channel ${id}`);
    return c;
  };
  const view = (id: string): StoredView => {
    const v = ws.state.views.get(id);
    if (!v) throw new Error(`unknown view ${id}`);
    return v;
  };

  const post = async (contentType: string, raw: string, opts: SendOptions): Promise<{ status: number; text: string }> => {
    if (o.appUrl === undefined) throw new Error('the driver needs appUrl for the HTTP transport');
    const secret = opts.signingSecret ?? o.signingSecret;
    if (secret === undefined && !opts.unsigned) throw new Error('the driver needs signingSecret for the HTTP transport');
    const ts = opts.timestamp ?? Math.floor(now() / 1000);
    const headers: Record<string, string> = { 'content-type': contentType, ...(opts.headers ?? {}) };
    if (!opts.unsigned && secret !== undefined) {
      headers['x-slack-request-timestamp'] = String(ts);
      headers['x-slack-signature'] = signSlackRequest(secret, ts, raw);
    }
    const body = opts.tamper ? opts.tamper(raw) : raw;
    const res = await fetch(`${o.appUrl}${o.eventsPath ?? '/slack/events'}`, { method: 'POST', headers, body });
    return { status: res.status, text: await res.text() };
  };

  /** Sends by the configured transport; `form` is how the HTTP body is encoded. */
  const send = async (
    kind: EnvelopeType, payload: Record<string, unknown>, http: { contentType: string; raw: string }, opts: SendOptions,
  ): Promise<{ status: number; body: unknown; text: string; envelopeId?: string }> => {
    if (transport === 'socket') {
      const ack = await ws.socket.deliver({ type: kind, payload, accepts_response_payload: kind !== 'events_api' }, o.ackTimeoutMs ?? 3000);
      const text = ack.payload ? JSON.stringify(ack.payload) : '';
      return { status: ack.acked ? 200 : 0, body: ack.payload, text, envelopeId: ack.envelopeId };
    }
    const res = await post(http.contentType, http.raw, opts);
    return { status: res.status, body: parseAck(res.text), text: res.text };
  };
  const FORM = 'application/x-www-form-urlencoded';
  const interactive = (payload: Record<string, unknown>, opts: SendOptions) =>
    send('interactive', payload, { contentType: FORM, raw: new URLSearchParams({ payload: JSON.stringify(payload) }).toString() }, opts);

  const driver: SlackDriver = {
    async command(userId, channelId, command, text, opts = {}) {
      const u = user(userId);
      const c = channel(channelId);
      const rec = ws.mintResponseUrl({ kind: 'command', user: u.id, channel: c.id });
      const triggerId = ws.mintTriggerId(u.id);
      const fields = commandFields(ws.state, token, u, c, command, text, rec.url, triggerId);
      const res = await send('slash_commands', fields, { contentType: FORM, raw: new URLSearchParams(fields).toString() }, opts);
      return { ...res, sent: fields, responseUrl: rec.url, responseUrlId: rec.id, triggerId };
    },

    async blockAction(userId, channelId, target, action, opts = {}) {
      const u = user(userId);
      const c = channelId === undefined ? undefined : channel(channelId);
      const triggerId = ws.mintTriggerId(u.id);
      const actionTs = (now() / 1000).toFixed(6);
      if ('messageTs' in target) {
        if (!c) throw new Error('a message action needs its channel');
        const message = ws.state.findMessage(c.id, target.messageTs);
        if (!message || (message.ephemeralFor !== undefined && message.ephemeralFor !== u.id)) throw new Error(`no message ${target.messageTs} visible to ${u.id} in ${c.id}`);
        const rec = ws.mintResponseUrl({ kind: 'action', user: u.id, channel: c.id, messageTs: message.ts });
        const payload = blockActionsPayload({
          state: ws.state, token, user: u, channel: c, message, action: actionPayload(action, message.blocks, actionTs), triggerId, responseUrl: rec.url,
        });
        const res = await interactive(payload, opts);
        return { ...res, sent: payload, responseUrl: rec.url, responseUrlId: rec.id, triggerId };
      }
      const v = view(target.viewId);
      const payload = blockActionsPayload({
        state: ws.state, token, user: u, ...(c ? { channel: c } : {}), view: v, action: actionPayload(action, v.definition.blocks, actionTs), triggerId,
      });
      const res = await interactive(payload, opts);
      return { ...res, sent: payload, triggerId };
    },

    async viewSubmission(userId, viewId, values, opts = {}) {
      const u = user(userId);
      const v = view(viewId);
      v.stateValues = typedValues(v, values);
      const triggerId = ws.mintTriggerId(u.id);
      const payload = viewPayload('view_submission', ws.state, token, u, v, triggerId);
      const res = await interactive(payload, opts);
      applyViewAck(ws.state, u.id, v, res.status, res.body);
      return { ...res, sent: payload, triggerId };
    },

    async viewClosed(userId, viewId, opts = {}) {
      const u = user(userId);
      const v = view(viewId);
      ws.state.views.close(u.id);
      if (v.definition.notify_on_close !== true) return undefined;
      const payload = viewPayload('view_closed', ws.state, token, u, v, '');
      const res = await interactive(payload, opts);
      return { ...res, sent: payload };
    },

    async blockSuggestion(userId, viewId, actionId, value, opts = {}) {
      const u = user(userId);
      const v = view(viewId);
      const found = findElement(v.definition.blocks, actionId);
      const type = found?.element.type;
      if (!found || (type !== 'external_select' && type !== 'multi_external_select')) throw new Error(`no external select ${actionId} in view ${viewId}`);
      const min = typeof found.element.min_query_length === 'number' ? found.element.min_query_length : DEFAULT_MIN_QUERY_LENGTH;
      if (value.length < min) return suggestion({ asked: false, status: 0, body: undefined, problems: [] });
      const payload = blockSuggestionPayload({ state: ws.state, token, user: u, view: v, actionId, blockId: found.blockId, value });
      const res = await interactive(payload, opts);
      const problems = res.status === 200 ? validateOptionsResponse(res.body) : [`the app answered with status ${res.status}`];
      return suggestion({ asked: true, status: res.status, body: res.body, problems, sent: payload });
    },

    async event(event, opts = {}) {
      events += 1;
      const eventId = `Ev${String(events).padStart(4, '0')}LOCAL`;
      const payload = event.type === 'event_callback' ? event : eventCallback(ws.state, token, event, eventId, now());
      const res = await send('events_api', payload, { contentType: 'application/json', raw: JSON.stringify(payload) }, opts);
      return { ...res, sent: payload };
    },

    async appHomeOpened(userId, opts = {}) {
      const u = user(userId);
      const im = ws.state.openIm(u.id);
      const home = ws.state.views.home(u.id);
      return driver.event({
        type: 'app_home_opened', user: u.id, channel: im.id, tab: 'home', event_ts: (now() / 1000).toFixed(6),
        ...(home ? { view: ws.state.views.toWire(home) } : {}),
      }, opts);
    },
  };
  return driver;
}
