import { ClientError, GraphQLClient } from 'graphql-request';
import type { Logger } from 'pino';
import { UpstreamAuthError, UpstreamBadRequestError, UpstreamGraphQLError, UpstreamUnavailableError } from '../errors';
import type { TokenProvider, Token } from './auth';
import { describeErrors, looksLikeAuth, normaliseErrors, unknownFieldOf, type UnknownField } from './graphql-errors';
import type { Operation, Root } from './queries';
import { parseRetryAfter, transientFromFetchError, withRetries, type Outcome, type RetryContext } from './retry';

/**
 * One GraphQL operation over graphql-request: auth header, per-request timeout, retries,
 * one re-authentication, and the guessed-field fallback. graphql-request's ClientError
 * message carries the variables and the whole response, so it is read field by field and
 * never passed on.
 */

export interface TransportDeps {
  apiUrl: string;
  fetch: typeof fetch;
  tokens: TokenProvider;
  retry: (deadlineAt: number, what: string, log: Logger) => RetryContext;
  countRequest: () => void;
}

export type Variables = Record<string, unknown>;

class MalformedJson extends Error {
  override readonly name = 'MalformedJson';
}

/** The server refused our credentials: authenticate again and replay (once). */
class AuthRejected extends Error {
  override readonly name = 'AuthRejected';
}

class UnknownFieldSignal extends Error {
  override readonly name = 'UnknownFieldSignal';
  constructor(
    readonly unknown: UnknownField,
    readonly detail: { messages: string[]; codes: string[] },
  ) {
    super('unknown field');
  }
}

const jsonSerializer = {
  stringify: (v: unknown) => JSON.stringify(v),
  parse: (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      // JSON.parse quotes the text it choked on; this error does not.
      throw new MalformedJson('response is not valid JSON');
    }
  },
};

/** True when `err` says the server has no such root at all (the caller may have a fallback). */
export function isUnknownRoot(err: unknown, root: Root): boolean {
  return err instanceof UpstreamGraphQLError && err.unknownRoot === root;
}

export class GraphQLTransport {
  private readonly client: GraphQLClient;
  /** Roots whose guessed fields the server refused; they get the reduced query from now on. */
  private readonly degraded = new Set<Root>();

  constructor(private readonly deps: TransportDeps) {
    this.client = new GraphQLClient(deps.apiUrl, { fetch: deps.fetch, jsonSerializer, errorPolicy: 'none' });
  }

  async run(op: Operation, variables: Variables, deadlineAt: number, log: Logger): Promise<{ data: unknown; degraded: boolean }> {
    let degraded = op.guessed.length > 0 && this.degraded.has(op.root);
    for (;;) {
      try {
        const data = await this.authed(op, degraded ? op.reduced : op.full, variables, deadlineAt, log);
        return { data, degraded };
      } catch (err) {
        if (!(err instanceof UnknownFieldSignal)) throw err;
        if (err.unknown.kind === 'guess' && !degraded && op.guessed.length > 0) {
          degraded = true;
          if (!this.degraded.has(op.root)) {
            this.degraded.add(op.root);
            log.warn({ root: op.root, refused: err.unknown.field, dropped: op.guessed }, 'InnerSpace lacks guessed fields; querying without them from now on');
          }
          continue;
        }
        const unknownRoot = err.unknown.kind === 'root' ? op.root : undefined;
        throw new UpstreamGraphQLError(`InnerSpace does not know ${err.unknown.field} (${op.name})`, {
          upstream: 'innerspace',
          operation: op.name,
          unknownField: err.unknown.field,
          unknownRoot,
          ...err.detail,
        });
      }
    }
  }

  private async authed(op: Operation, query: string, variables: Variables, deadlineAt: number, log: Logger): Promise<unknown> {
    let reauthenticated = false;
    for (;;) {
      const token = await this.deps.tokens.get(deadlineAt);
      try {
        const ctx = this.deps.retry(deadlineAt, op.name, log);
        return await withRetries(ctx, (timeoutMs) => this.attempt(op, query, variables, token, timeoutMs));
      } catch (err) {
        if (!(err instanceof AuthRejected)) throw err;
        this.deps.tokens.invalidate(token.value);
        if (reauthenticated) {
          log.warn({ request: op.name }, 'InnerSpace refused a fresh session too');
          throw new UpstreamAuthError(`InnerSpace refused the credentials (${op.name})`, { upstream: 'innerspace', operation: op.name });
        }
        reauthenticated = true;
        log.info({ request: op.name }, 'InnerSpace refused the session; authenticating again');
      }
    }
  }

  private async attempt(op: Operation, query: string, variables: Variables, token: Token, timeoutMs: number): Promise<Outcome<unknown>> {
    this.deps.countRequest();
    try {
      const res = await this.client.rawRequest<unknown, Variables>({
        query,
        variables,
        requestHeaders: { [token.headerName]: token.headerValue },
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { ok: true, value: res.data };
    } catch (err) {
      if (err instanceof ClientError) return this.fromClientError(op, err);
      if (err instanceof MalformedJson) return { ok: false, transient: { code: 'UPSTREAM_BAD_DATA', reason: 'response is not valid JSON' } };
      const t = transientFromFetchError(err);
      if (t) return { ok: false, transient: t };
      if (typeof (err as { message?: unknown })?.message === 'string' && (err as Error).message.startsWith('Invalid execution result')) {
        return { ok: false, transient: { code: 'UPSTREAM_BAD_DATA', reason: 'response is not a GraphQL result' } };
      }
      throw new UpstreamUnavailableError(`InnerSpace call failed unexpectedly (${op.name})`, {
        upstream: 'innerspace',
        operation: op.name,
        reason: String((err as { name?: unknown })?.name ?? typeof err),
      });
    }
  }

  private fromClientError(op: Operation, err: ClientError): Outcome<unknown> {
    const { status, headers } = err.response;
    const errors = normaliseErrors(err.response.errors);
    const retryAfterMs = () => parseRetryAfter(headers?.get('retry-after'), Date.now(), headers?.get('date'));
    if (status === 401) throw new AuthRejected();
    if (status === 408) return { ok: false, transient: { code: 'UPSTREAM_TIMEOUT', reason: 'HTTP 408', status } };
    if (status === 429) return { ok: false, transient: { code: 'UPSTREAM_RATE_LIMITED', reason: 'HTTP 429', status, retryAfterMs: retryAfterMs() } };
    if (status >= 500) return { ok: false, transient: { code: 'UPSTREAM_UNAVAILABLE', reason: `HTTP ${status}`, status, retryAfterMs: retryAfterMs() } };
    const detail = describeErrors(errors);
    if (status === 403) {
      throw new UpstreamAuthError(`InnerSpace refused access (${op.name})`, { upstream: 'innerspace', operation: op.name, status, ...detail });
    }
    const unknown = unknownFieldOf(errors, op.root, op.guessed);
    if (unknown) throw new UnknownFieldSignal(unknown, detail);
    if (status >= 200 && status < 300) {
      if (looksLikeAuth(errors)) throw new AuthRejected();
      throw new UpstreamGraphQLError(`InnerSpace answered ${op.name} with errors`, { upstream: 'innerspace', operation: op.name, status, ...detail });
    }
    throw new UpstreamBadRequestError(`InnerSpace rejected ${op.name} (HTTP ${status})`, { upstream: 'innerspace', operation: op.name, status, ...detail });
  }
}
