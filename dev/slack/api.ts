import type { IncomingMessage, ServerResponse } from 'node:http';
import { SlackMethodError } from './errors';
import type { FaultBook } from './faults';
import { BodyTooLargeError, parseBody, readBody, sendJson, str } from './http';
import type { WorkspaceCore } from './methods/context';
import { APP_TOKEN_METHODS, METHODS } from './methods/index';
import type { Recorder } from './recorder';
import { missingScope, neededScopes } from './scopes';
import type { ApiCall } from './types';

export interface Tokens {
  readonly bot: string;
  readonly app: string;
  readonly revoked: Set<string>;
}

export interface ApiDeps {
  readonly core: () => WorkspaceCore;
  readonly tokens: Tokens;
  readonly faults: FaultBook;
  readonly recorder: Recorder;
  /** The bot token's scopes. */
  readonly scopes: ReadonlySet<string>;
  readonly sleep: (ms: number) => Promise<void>;
}

const API_BODY_LIMIT = 20 * 1024 * 1024;

type TokenCheck = { ok: true; kind: 'bot' | 'app' } | { ok: false; error: string };

function checkToken(tokens: Tokens, method: string, token: string | undefined): TokenCheck {
  if (token === undefined || token === '') return { ok: false, error: 'not_authed' };
  if (tokens.revoked.has(token)) return { ok: false, error: 'token_revoked' };
  const kind = token === tokens.bot ? 'bot' : token === tokens.app ? 'app' : undefined;
  if (kind === undefined) return { ok: false, error: 'invalid_auth' };
  const wanted = APP_TOKEN_METHODS.has(method) ? 'app' : 'bot';
  return kind === wanted ? { ok: true, kind } : { ok: false, error: 'not_allowed_token_type' };
}

function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m?.[1];
}

/** Answers `POST /api/<method>`: parse, record, inject faults, authorise, rate-limit, run the handler. */
export async function handleApiCall(deps: ApiDeps, method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const contentType = req.headers['content-type'] ?? 'application/x-www-form-urlencoded';
  let parsed;
  try {
    parsed = await parseBody(contentType, await readBody(req, API_BODY_LIMIT));
  } catch (e) {
    if (e instanceof BodyTooLargeError) return sendJson(res, 413, { ok: false, error: 'request_too_large' });
    return sendJson(res, 200, { ok: false, error: 'invalid_form_data' });
  }
  // Slack also takes arguments in the query string (GET, or POST with a query).
  const query = Object.fromEntries(new URL(req.url ?? '/', 'http://local').searchParams);
  const { token: bodyToken, ...args } = { ...query, ...parsed.args };
  const token = bearer(req) ?? (typeof bodyToken === 'string' ? bodyToken : undefined);
  const auth = checkToken(deps.tokens, method, token);
  const core = deps.core();
  const call: ApiCall = { method, args, at: core.now(), tokenOk: auth.ok, ...(auth.ok ? { tokenKind: auth.kind } : {}), contentType };
  deps.recorder.calls.push(call);
  deps.recorder.notify();

  const finish = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void => {
    call.status = status;
    call.response = body;
    sendJson(res, status, body, headers);
    core.events.emit('call', call);
    deps.recorder.notify();
  };

  const fault = deps.faults.take(method, str(args, 'channel') ?? str(args, 'channel_id'));
  if (fault?.delayMs) await deps.sleep(fault.delayMs);
  if (fault && 'error' in fault) return finish(200, { ok: false, error: fault.error });
  if (fault && 'status' in fault) {
    if (fault.status === 429) return finish(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.retryAfter) });
    return finish(fault.status, { ok: false, error: 'fatal_error' });
  }

  if (!auth.ok) return finish(200, { ok: false, error: auth.error });
  const handler = METHODS[method];
  if (!handler) return finish(200, { ok: false, error: 'unknown_method', req_method: method });
  const provided = [...deps.scopes].join(',');
  if (auth.kind === 'bot') {
    const needed = missingScope(deps.scopes, neededScopes(method, args, core));
    if (needed !== undefined) return finish(200, { ok: false, error: 'missing_scope', needed, provided });
  }

  const channelKey = str(args, 'channel') ?? str(args, 'channel_id') ?? '*';
  const retryAfter = deps.faults.overLimit(method, channelKey, core.now()) ?? deps.faults.overTier(method, core.now());
  if (retryAfter !== undefined) return finish(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });

  try {
    const result = await handler({ args, parts: parsed.parts, core });
    return finish(200, { ok: true, ...result }, auth.kind === 'bot' ? { 'x-oauth-scopes': provided } : {});
  } catch (e) {
    if (e instanceof SlackMethodError) return finish(200, { ok: false, error: e.error, ...e.extra });
    return finish(500, { ok: false, error: 'internal_error' });
  }
}
