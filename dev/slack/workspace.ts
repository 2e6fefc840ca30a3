import type { Tokens } from './api';
import type { WorkspaceEvents } from './events';
import type { FaultBook } from './faults';
import type { WorkspaceCore } from './methods/context';
import type { Recorder } from './recorder';
import type { SocketHub } from './socket';
import type { WorkspaceState } from './state';
import type { ApiCall, BotIdentity, Fault, ResponsePost, ResponseUrlContext, TeamInfo } from './types';

/** A running embedded Slack workspace. */
export interface SlackWorkspace {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** What to give WebClient / Bolt as `slackApiUrl`: `<url>/api/`. */
  readonly apiUrl: string;
  readonly port: number;
  readonly botToken: string;
  readonly appToken: string;
  readonly team: TeamInfo;
  readonly bot: BotIdentity;
  /** Current data (replaced by `reset()`, so read it through this getter each time). */
  readonly state: WorkspaceState;
  readonly events: WorkspaceEvents;
  readonly socket: SocketHub;
  /** Every Web API call, in arrival order; `status`/`response` are set once answered. */
  readonly calls: readonly ApiCall[];
  /** Every POST to a response_url, accepted or refused. */
  readonly responses: readonly ResponsePost[];
  callsTo(method: string): ApiCall[];
  /** Resolves with the first truthy value of `probe`, re-checked after every call and change. Default 5 s. */
  waitFor<T>(probe: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  /** The first answered call of `method` (matching `predicate`), waiting for it if needed. */
  waitForCall(method: string, predicate?: (call: ApiCall) => boolean, timeoutMs?: number): Promise<ApiCall>;
  /** The first POST to response_url `id` (any id when omitted) matching `predicate`. */
  waitForResponse(id?: string, predicate?: (post: ResponsePost) => boolean, timeoutMs?: number): Promise<ResponsePost>;
  /** The next `times` calls of `method` (or 'response_url') get `fault`. */
  failNext(method: string, fault: Fault, times?: number): void;
  /** Every call of `method` to `channel` suffers `fault` until cleared with null. */
  failChannel(method: string, channel: string, fault: Fault | null): void;
  /** 429 + Retry-After once `method` is called more than `perChannelPerSecond` times a second in one channel; 0 lifts it. */
  rateLimit(method: string, perChannelPerSecond: number): void;
  /** Slack's per-minute tiers on conversations.* (on by default; `reset()` turns them back on). */
  rateTiers(on: boolean): void;
  /** Revokes a token from now on, as uninstalling the app (or rotating its token) does: every call with it answers token_revoked. */
  revokeToken(token: string): void;
  /** Forgets calls, responses, faults and limits, and puts the data back to the seed. */
  reset(): void;
  /** A trigger_id for `user`, as Slack sends with commands and interactions: good once, for 3 s. */
  mintTriggerId(user: string): string;
  /** A response_url for an invocation: 5 uses within 30 min. */
  mintResponseUrl(ctx: Omit<ResponseUrlContext, 'id' | 'url' | 'createdAt' | 'uses'>): ResponseUrlContext;
  close(): Promise<void>;
}

export interface HandleParts {
  readonly baseUrl: string;
  readonly port: number;
  readonly tokens: Tokens;
  readonly getCore: () => WorkspaceCore;
  readonly events: WorkspaceEvents;
  readonly recorder: Recorder;
  readonly faults: FaultBook;
  readonly socket: SocketHub;
  readonly resetState: () => void;
  readonly close: () => Promise<void>;
}

const DEFAULT_WAIT_MS = 5000;

export function createWorkspaceHandle(p: HandleParts): SlackWorkspace {
  const { recorder } = p;
  const describe = (): string => {
    const calls = recorder.calls.map((c) => `${c.method}${c.response ? `=${c.response.ok === true ? 'ok' : String(c.response.error)}` : ''}`);
    return `calls: [${calls.join(', ')}]; responses: [${recorder.responses.map((r) => `${r.id.slice(0, 6)}:${r.status}`).join(', ')}]`;
  };
  const waitFor = <T>(probe: () => T | undefined | null | false, timeoutMs = DEFAULT_WAIT_MS): Promise<T> => recorder.waitFor(probe, timeoutMs, describe);
  return {
    url: p.baseUrl,
    apiUrl: `${p.baseUrl}/api/`,
    port: p.port,
    botToken: p.tokens.bot,
    appToken: p.tokens.app,
    get team() {
      return p.getCore().state.team;
    },
    get bot() {
      return p.getCore().state.bot;
    },
    get state() {
      return p.getCore().state;
    },
    events: p.events,
    socket: p.socket,
    calls: recorder.calls,
    responses: recorder.responses,
    callsTo: (method) => recorder.calls.filter((c) => c.method === method),
    waitFor,
    waitForCall: (method, predicate = () => true, timeoutMs) =>
      waitFor(() => recorder.calls.find((c) => c.method === method && c.response !== undefined && predicate(c)), timeoutMs),
    waitForResponse: (id, predicate = () => true, timeoutMs) =>
      waitFor(() => recorder.responses.find((r) => (id === undefined || r.id === id) && predicate(r)), timeoutMs),
    failNext: (method, fault, times) => p.faults.failNext(method, fault, times),
    failChannel: (method, channel, fault) => p.faults.failChannel(method, channel, fault),
    rateLimit: (method, perSecond) => p.faults.rateLimit(method, perSecond),
    rateTiers: (on) => p.faults.tiers(on),
    revokeToken: (token) => p.tokens.revoked.add(token),
    reset: () => {
      recorder.reset();
      p.faults.reset();
      p.resetState();
    },
    mintTriggerId: (user) => p.getCore().caps.mintTrigger(user),
    mintResponseUrl: (ctx) => p.getCore().caps.mintResponseUrl(p.baseUrl, ctx),
    close: p.close,
  };
}
