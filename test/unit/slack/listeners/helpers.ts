/**
 * Bolt's listener arguments, filled with hand-written fakes that record what the listener did:
 * acks, responds, Web API calls through the chat port, log lines. Services are plain objects
 * whose methods a test gives; any other method throws, so a test states what it expects called.
 */
import { FormViews } from '../../../../src/slack/listeners/form-views';
import { MemoryFormViews } from '../../../support/memory-form-views';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { ViewStateValues } from '../../../../src/slack/blocks';
import type { Digest } from '../../../../src/domain/digest';
import type { Subscription } from '../../../../src/domain/subscription';
import type { ChatContent, ChatGateway, ChatMessage, PostedMessage } from '../../../../src/ports/chat';
import { SlackCallError } from '../../../../src/errors';
import { createResponseUrlPoster } from '../../../../src/slack/response-url';
import { InFlight } from '../../../../src/slack/inflight';
import type { ActionArgs, CommandArgs, HomeOpenedArgs, ListenerDeps, ViewArgs } from '../../../../src/slack/listeners/context';

export const TEAM = 'T0TEAM';
export const USER = 'U0ASKER';
export const CHANNEL = 'C0FACILITY';
export const TRIGGER = '123.456.abc';
export const RESPONSE_URL = 'https://hooks.slack.example/actions/T0TEAM/1/xyz';

export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [key: string]: unknown;
}

export const LEVEL = { debug: 20, info: 30, warn: 40, error: 50 } as const;

/** A real pino logger writing JSON lines into `lines`. */
export function recordingLogger(): { logger: ListenerDeps['logger']; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

/** A message as it reaches Slack through a response_url: its text and blocks (the chart list stays with the gateway). */
export function asSent({ charts: _charts, ...msg }: ChatMessage): Omit<ChatMessage, 'charts'> {
  return msg;
}

export interface ChatCall {
  readonly method: keyof ChatGateway;
  readonly args: readonly unknown[];
}

/** The chat port, recording each call; `fail` makes a method reject as Slack would. */
export class RecordingChat implements ChatGateway {
  readonly calls: ChatCall[] = [];
  readonly failing = new Map<keyof ChatGateway, Error>();

  fail(method: keyof ChatGateway, slackError = 'channel_not_found'): this {
    this.failing.set(method, new SlackCallError('refused', slackError, null, method));
    return this;
  }

  callsOf(method: keyof ChatGateway): readonly (readonly unknown[])[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  private async record<T>(method: keyof ChatGateway, args: unknown[], result: T): Promise<T> {
    this.calls.push({ method, args });
    await Promise.resolve();
    const err = this.failing.get(method);
    if (err) throw err;
    return result;
  }

  /** Charts are the real gateway's business: the message goes as it is, through `send`. */
  async deliver<T>(msg: ChatMessage, send: (content: ChatContent) => Promise<T>): Promise<T> {
    await this.record('deliver', [msg], undefined);
    return send({ text: msg.text, blocks: msg.blocks });
  }
  postMessage(channel: string, msg: ChatMessage, opts?: { threadTs?: string; unfurl?: boolean }): Promise<PostedMessage> {
    return this.record('postMessage', opts ? [channel, msg, opts] : [channel, msg], { channel, ts: '1700000000.000100' });
  }
  updateMessage(channel: string, ts: string, msg: ChatMessage): Promise<void> {
    return this.record('updateMessage', [channel, ts, msg], undefined);
  }
  postEphemeral(channel: string, user: string, msg: ChatMessage): Promise<void> {
    return this.record('postEphemeral', [channel, user, msg], undefined);
  }
  openDm(user: string): Promise<string> {
    return this.record('openDm', [user], `D0${user}`);
  }
  userLeft(user: string): Promise<boolean> {
    return this.record('userLeft', [user], false);
  }

  conversationsOf(user: string): Promise<string[]> {
    return this.record('conversationsOf', [user], user === USER ? [CHANNEL] : []);
  }
  channelInfo(channel: string) {
    return this.record('channelInfo', [channel], { id: channel, name: 'facility', isPrivate: false, isArchived: false, isMember: true });
  }
  join(channel: string): Promise<void> {
    return this.record('join', [channel], undefined);
  }
  openView(triggerId: string, view: object): Promise<{ viewId: string; hash: string }> {
    return this.record('openView', [triggerId, view], { viewId: 'V0OPENED', hash: 'h0' });
  }
  /** Each update answers a new hash, h1, h2…, as Slack does. */
  updateView(viewId: string, view: object, hash?: string): Promise<{ hash: string }> {
    const n = this.calls.filter((c) => c.method === 'updateView').length + 1;
    return this.record('updateView', hash === undefined ? [viewId, view] : [viewId, view, hash], { hash: `h${n}` });
  }
  publishHome(user: string, view: object): Promise<void> {
    return this.record('publishHome', [user, view], undefined);
  }
}

type Methods<T> = { -readonly [K in keyof T]?: T[K] };

/** A service whose every method throws unless the test gives it. */
function strict<T extends object>(name: string, given: Methods<T>): T {
  return new Proxy(given as T, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && !(prop in target)) {
        return () => Promise.reject(new Error(`${name}.${prop} was not expected in this test`));
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

export interface ServiceFakes {
  readonly reports?: Methods<ListenerDeps['reports']>;
  readonly names?: Methods<ListenerDeps['names']>;
  readonly digests?: Methods<ListenerDeps['digests']>;
  readonly subscriptions?: Methods<ListenerDeps['alerts']['subscriptions']>;
  readonly rules?: Methods<ListenerDeps['alerts']['rules']>;
  readonly home?: Methods<ListenerDeps['alerts']['home']>;
}

export interface TestDeps<C extends ChatGateway = RecordingChat> {
  readonly deps: ListenerDeps;
  readonly chat: C;
  readonly lines: LogLine[];
  /** Waits for the work listeners leave running after their ack. */
  settle(): Promise<void>;
}

/** The deps, with the recording chat port unless given another (the real one, against the embedded Slack). */
export function listenerDeps(fakes?: ServiceFakes): TestDeps;
export function listenerDeps<C extends ChatGateway>(fakes: ServiceFakes, chat: C): TestDeps<C>;
export function listenerDeps(fakes: ServiceFakes = {}, chat: ChatGateway = new RecordingChat()): TestDeps<ChatGateway> {
  const { logger, lines } = recordingLogger();
  const inflight = new InFlight();
  const deps: ListenerDeps = {
    logger,
    inflight,
    reports: strict('reports', fakes.reports ?? {}),
    names: strict('names', fakes.names ?? {}),
    digests: strict('digests', fakes.digests ?? {}),
    alerts: {
      subscriptions: strict('subscriptions', fakes.subscriptions ?? {}),
      rules: strict('rules', fakes.rules ?? {}),
      home: strict('home', fakes.home ?? {}),
    },
    chat,
    responseUrls: createResponseUrlPoster(),
    forms: new FormViews(new MemoryFormViews(), { now: () => Date.now(), sleep: async () => undefined }),
  };
  return {
    deps,
    chat,
    lines,
    settle: async () => {
      const left = await inflight.drain(2000);
      if (left > 0) throw new Error(`${left} answers still under way`);
    },
  };
}

/** What Bolt's ack and respond were called with. */
export interface Recorded {
  readonly acks: unknown[];
  readonly responds: unknown[];
}

function boltBasics(recorded: Recorded, opts: { respondFails?: boolean }) {
  return {
    ack: async (response?: unknown) => {
      recorded.acks.push(response);
    },
    respond: async (message: unknown) => {
      recorded.responds.push(message);
      if (opts.respondFails) throw new Error('response_url expired');
    },
    client: {} as never,
    logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} } as never,
    context: { teamId: TEAM, botUserId: 'U0BOT' } as never,
    next: async () => {},
    say: async () => ({}) as never,
  };
}

export interface BuiltArgs<A> extends Recorded {
  readonly args: A;
}

export function commandArgs(text: string, opts: { respondFails?: boolean } = {}): BuiltArgs<CommandArgs> {
  const recorded: Recorded = { acks: [], responds: [] };
  const command = {
    token: 'x',
    command: '/occupancy',
    text,
    response_url: RESPONSE_URL,
    trigger_id: TRIGGER,
    user_id: USER,
    user_name: 'asker',
    team_id: TEAM,
    team_domain: 'team',
    channel_id: CHANNEL,
    channel_name: 'facility',
    api_app_id: 'A0APP',
  };
  const basics = boltBasics(recorded, opts);
  const args = { ...basics, command, body: command, payload: command } as unknown as CommandArgs;
  return { args, ...recorded };
}

export interface ActionOptions {
  readonly value?: string;
  readonly selectedValue?: string;
  /** Where the button was: a message (in channel or ephemeral), or App Home (no response_url). */
  readonly container?: 'message' | 'ephemeral' | 'home';
  readonly view?: { id: string; hash?: string; private_metadata?: string; state: { values: ViewStateValues } };
  readonly respondFails?: boolean;
  /** The message the button is on, as Slack sends it in the payload. */
  readonly message?: { readonly ts: string; readonly text?: string; readonly blocks: readonly object[] };
}

export function actionArgs(actionId: string, opts: ActionOptions = {}): BuiltArgs<ActionArgs> {
  const recorded: Recorded = { acks: [], responds: [] };
  const where = opts.container ?? 'message';
  const action =
    opts.selectedValue !== undefined
      ? { type: 'static_select', action_id: actionId, block_id: 'b', action_ts: '1', selected_option: { text: { type: 'plain_text', text: 'x' }, value: opts.selectedValue } }
      : { type: 'button', action_id: actionId, block_id: 'b', action_ts: '1', text: { type: 'plain_text', text: 'x' }, ...(opts.value !== undefined ? { value: opts.value } : {}) };
  const body = {
    type: 'block_actions',
    actions: [action],
    team: { id: TEAM, domain: 'team' },
    user: { id: USER, username: 'asker', team_id: TEAM },
    ...(where === 'home' ? {} : { channel: { id: CHANNEL, name: 'facility' }, response_url: RESPONSE_URL }),
    container: where === 'home' ? { type: 'view', view_id: 'V0HOME' } : { type: 'message', is_ephemeral: where === 'ephemeral' },
    ...(opts.view ? { view: opts.view } : {}),
    ...(opts.message ? { message: opts.message } : {}),
    token: 'x',
    trigger_id: TRIGGER,
    api_app_id: 'A0APP',
  };
  const basics = boltBasics(recorded, opts);
  const args = { ...basics, body, action, payload: action } as unknown as ActionArgs;
  return { args, ...recorded };
}

export function viewArgs(callbackId: string, values: ViewStateValues, privateMetadata: string): BuiltArgs<ViewArgs> {
  const recorded: Recorded = { acks: [], responds: [] };
  const view = {
    id: 'V0FORM',
    callback_id: callbackId,
    team_id: TEAM,
    private_metadata: privateMetadata,
    state: { values },
    hash: 'h1',
  };
  const body = { type: 'view_submission', team: { id: TEAM, domain: 'team' }, user: { id: USER, name: 'asker', team_id: TEAM }, view, api_app_id: 'A0APP', token: 'x', trigger_id: TRIGGER };
  const basics = boltBasics(recorded, {});
  const args = { ...basics, body, view, payload: view } as unknown as ViewArgs;
  return { args, ...recorded };
}

export function homeOpenedArgs(tab: 'home' | 'messages' = 'home'): BuiltArgs<HomeOpenedArgs> {
  const recorded: Recorded = { acks: [], responds: [] };
  const event = { type: 'app_home_opened', user: USER, channel: 'D0HOME', tab, event_ts: '1' };
  const body = { token: 'x', team_id: TEAM, api_app_id: 'A0APP', event, type: 'event_callback', event_id: 'Ev1', event_time: 1 };
  const basics = boltBasics(recorded, {});
  const args = { ...basics, event, body, payload: event } as unknown as HomeOpenedArgs;
  return { args, ...recorded };
}

/** The lines logged at `level` or above. */
export function logged(lines: readonly LogLine[], level: number): LogLine[] {
  return lines.filter((l) => l.level >= level);
}

export function digest(overrides: Partial<Digest> = {}): Digest {
  return {
    id: 3,
    teamId: TEAM,
    channelId: CHANNEL,
    createdBy: USER,
    buildingIds: [71],
    timeOfDay: '08:00',
    days: [1, 2, 3, 4, 5],
    timeZone: 'America/Toronto',
    cadence: 'daily',
    options: { chart: true, topZones: true, perFloor: false, weekOverWeek: true, skipWhenNoData: false },
    groupId: null,
    status: 'active',
    pausedReason: null,
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  };
}

export function subscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: 7,
    teamId: TEAM,
    createdBy: USER,
    scopeKind: 'building',
    scopeId: 71,
    measure: 'people',
    direction: 'above',
    thresholdKind: 'absolute',
    threshold: 120,
    recovery: 108,
    minDuration: 2,
    granularity: 'PT1H',
    destinationKind: 'dm',
    destinationId: USER,
    quietHours: null,
    renotifyMinutes: null,
    groupId: null,
    status: 'active',
    pausedReason: null,
    snoozedUntil: null,
    snoozedBy: null,
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  };
}
