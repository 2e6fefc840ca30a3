import { ClientError, GraphQLClient } from 'graphql-request';
import type { Logger } from 'pino';
import { UpstreamAuthError, UpstreamBadDataError, UpstreamBadRequestError, UpstreamGraphQLError, UpstreamUnavailableError } from '../errors';
import type { TokenProvider, Token } from './auth';
import { attributeErrors, describeErrors, isUnknownFieldError, looksLikeAuth, normaliseErrors, unknownFieldOf, type GraphQLErrorInfo } from './graphql-errors';
import { composeDocument, type Operation, type Root, type Variables } from './queries';
import { parseRetryAfter, transientFromFetchError, withRetries, type Outcome, type RetryContext } from './retry';

/**
 * GraphQL documents over graphql-request: auth header, per-request timeout, retries, one
 * re-authentication, and, per root field of a combined document, the guessed-field fallback
 * and error attribution. graphql-request's ClientError message carries the variables and the
 * whole response, so it is read field by field and never passed on.
 */

export interface TransportDeps {
  apiUrl: string;
  fetch: typeof fetch;
  tokens: TokenProvider;
  retry: (deadlineAt: number, what: string, log: Logger) => RetryContext;
  countRequest: () => void;
}

export type { Variables } from './queries';

/** One root field to ask for: the operation and its variable values. */
export interface FieldRequest {
  readonly op: Operation;
  readonly variables: Variables;
}

/** A root field's answer: `data` holds its rows under the root's name, as when sent alone. */
export interface FieldAnswer {
  readonly data: unknown;
  readonly degraded: boolean;
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

class MalformedJson extends Error {
  override readonly name = 'MalformedJson';
}

/** The server refused our credentials: authenticate again and replay (once). */
class AuthRejected extends Error {
  override readonly name = 'AuthRejected';
}

/** What came back for a document that reached GraphQL: `data` (possibly partial) and `errors`. */
interface Reply {
  status: number;
  data: Record<string, unknown> | null;
  errors: GraphQLErrorInfo[];
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
  /** Roots whose guessed fields the server refused; they get the reduced fields from now on. */
  private readonly degraded = new Set<Root>();

  constructor(private readonly deps: TransportDeps) {
    this.client = new GraphQLClient(deps.apiUrl, { fetch: deps.fetch, jsonSerializer, errorPolicy: 'none' });
  }

  /**
   * Asks for every field in one document and settles each on its own. A root field the server
   * refuses (a guessed field it lacks, a root it does not have, an error under its path) fails
   * or degrades alone; the others keep their rows, or are asked again without it when the
   * server answered nothing at all (a validation error, or a non-null root taking `data` down).
   * Transport failures (timeouts, 5xx, auth) fail the whole document and are thrown.
   */
  async runMany(name: string, fields: readonly FieldRequest[], deadlineAt: number, log: Logger): Promise<Settled<FieldAnswer>[]> {
    const settled: Array<Settled<FieldAnswer> | undefined> = fields.map(() => undefined);
    for (;;) {
      const pending = fields.map((f, i) => ({ f, i })).filter(({ i }) => settled[i] === undefined);
      if (pending.length === 0) return settled as Settled<FieldAnswer>[];
      const parts = pending.map(({ f }) => ({ op: f.op, variables: f.variables, reduced: f.op.guessed.length > 0 && this.degraded.has(f.op.root) }));
      const doc = composeDocument(name, parts);
      const reply = await this.authed(doc.name, doc.query, doc.variables, deadlineAt, log);
      const shapes = pending.map(({ f }, n) => ({ key: doc.keys[n] as string, root: f.op.root, guessed: f.op.guessed }));
      const { byKey, whole } = attributeErrors(reply.errors, shapes);
      const ok = reply.status >= 200 && reply.status < 300;
      if (!ok && reply.data === null && !pending.some((_, n) => this.refusedField(byKey.get(shapes[n]!.key) ?? [], pending[n]!.f.op))) {
        // Not a field we can do without: the server rejected the document itself.
        const op = pending[0]!.f.op;
        throw new UpstreamBadRequestError(`InnerSpace rejected ${doc.name} (HTTP ${reply.status})`, {
          upstream: 'innerspace',
          operation: pending.length === 1 ? op.name : doc.name,
          status: reply.status,
          ...describeErrors(reply.errors),
        });
      }
      let progress = false;
      pending.forEach(({ f, i }, n) => {
        const key = shapes[n]!.key;
        const rows = reply.data?.[key];
        if (rows !== undefined && rows !== null) {
          settled[i] = { ok: true, value: { data: { [f.op.root]: rows }, degraded: parts[n]!.reduced } };
          progress = true;
          return;
        }
        // Alone in its document, whatever went wrong went wrong for it.
        const own = pending.length === 1 ? [...(byKey.get(key) ?? []), ...whole] : byKey.get(key) ?? [];
        if (own.length === 0 && whole.length === 0 && reply.errors.length > 0) return; // lost to another field's failure: ask again
        const outcome = this.judge(f.op, parts[n]!.reduced, own.length > 0 ? own : whole, reply.status, log);
        if (outcome === 'retry') {
          progress = true;
          return;
        }
        settled[i] = { ok: false, error: outcome };
        progress = true;
      });
      if (!progress) {
        for (const { f, i } of pending) {
          settled[i] ??= { ok: false, error: new UpstreamGraphQLError(`InnerSpace answered ${f.op.name} with errors`, { upstream: 'innerspace', operation: f.op.name, status: reply.status, ...describeErrors(reply.errors) }) };
        }
      }
    }
  }

  /** True when the errors say the server lacks a guessed field of `op`, or its root. */
  private refusedField(errors: readonly GraphQLErrorInfo[], op: Operation): boolean {
    return unknownFieldOf(errors, op.root, op.guessed) !== null;
  }

  /** A field without rows: degrade and ask again ('retry'), or the error its caller gets. */
  private judge(op: Operation, reduced: boolean, errors: readonly GraphQLErrorInfo[], status: number, log: Logger): 'retry' | Error {
    const detail = describeErrors(errors);
    const unknown = unknownFieldOf(errors, op.root, op.guessed);
    if (unknown?.kind === 'guess' && !reduced && op.guessed.length > 0) {
      if (!this.degraded.has(op.root)) {
        this.degraded.add(op.root);
        log.warn({ root: op.root, refused: unknown.field, dropped: op.guessed }, 'InnerSpace lacks guessed fields; querying without them from now on');
      }
      return 'retry';
    }
    if (unknown) {
      return new UpstreamGraphQLError(`InnerSpace does not know ${unknown.field} (${op.name})`, {
        upstream: 'innerspace',
        operation: op.name,
        unknownField: unknown.field,
        unknownRoot: unknown.kind === 'root' ? op.root : undefined,
        ...detail,
      });
    }
    if (errors.length === 0) {
      // A 2xx without errors and without this field's rows: the parser names what is missing.
      return new UpstreamBadDataError(`InnerSpace sent no ${op.root} list`, { upstream: 'innerspace', operation: op.root, field: op.root, reason: 'not a list' });
    }
    return new UpstreamGraphQLError(`InnerSpace answered ${op.name} with errors`, { upstream: 'innerspace', operation: op.name, status, ...detail });
  }

  private async authed(name: string, query: string, variables: Variables, deadlineAt: number, log: Logger): Promise<Reply> {
    let reauthenticated = false;
    for (;;) {
      const token = await this.deps.tokens.get(deadlineAt);
      try {
        const ctx = this.deps.retry(deadlineAt, name, log);
        return await withRetries(ctx, (timeoutMs) => this.attempt(name, query, variables, token, timeoutMs));
      } catch (err) {
        if (!(err instanceof AuthRejected)) throw err;
        this.deps.tokens.invalidate(token.value);
        if (reauthenticated) {
          log.warn({ request: name }, 'InnerSpace refused a fresh session too');
          throw new UpstreamAuthError(`InnerSpace refused the credentials (${name})`, { upstream: 'innerspace', operation: name });
        }
        reauthenticated = true;
        log.info({ request: name }, 'InnerSpace refused the session; authenticating again');
      }
    }
  }

  private async attempt(name: string, query: string, variables: Variables, token: Token, timeoutMs: number): Promise<Outcome<Reply>> {
    this.deps.countRequest();
    try {
      const res = await this.client.rawRequest<unknown, Variables>({
        query,
        variables,
        requestHeaders: { [token.headerName]: token.headerValue },
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { ok: true, value: { status: res.status, data: asData(res.data), errors: [] } };
    } catch (err) {
      if (err instanceof ClientError) return this.fromClientError(name, err);
      if (err instanceof MalformedJson) return { ok: false, transient: { code: 'UPSTREAM_BAD_DATA', reason: 'response is not valid JSON' } };
      const t = transientFromFetchError(err);
      if (t) return { ok: false, transient: t };
      if (typeof (err as { message?: unknown })?.message === 'string' && (err as Error).message.startsWith('Invalid execution result')) {
        return { ok: false, transient: { code: 'UPSTREAM_BAD_DATA', reason: 'response is not a GraphQL result' } };
      }
      throw new UpstreamUnavailableError(`InnerSpace call failed unexpectedly (${name})`, {
        upstream: 'innerspace',
        operation: name,
        reason: String((err as { name?: unknown })?.name ?? typeof err),
      });
    }
  }

  /** HTTP-level outcomes are decided here; GraphQL errors go back to runMany, field by field. */
  private fromClientError(name: string, err: ClientError): Outcome<Reply> {
    const { status, headers } = err.response;
    const errors = normaliseErrors(err.response.errors);
    const retryAfterMs = () => parseRetryAfter(headers?.get('retry-after'), Date.now(), headers?.get('date'));
    if (status === 401) throw new AuthRejected();
    if (status === 408) return { ok: false, transient: { code: 'UPSTREAM_TIMEOUT', reason: 'HTTP 408', status } };
    if (status === 429) return { ok: false, transient: { code: 'UPSTREAM_RATE_LIMITED', reason: 'HTTP 429', status, retryAfterMs: retryAfterMs() } };
    if (status >= 500) return { ok: false, transient: { code: 'UPSTREAM_UNAVAILABLE', reason: `HTTP ${status}`, status, retryAfterMs: retryAfterMs() } };
    if (status === 403) {
      throw new UpstreamAuthError(`InnerSpace refused access (${name})`, { upstream: 'innerspace', operation: name, status, ...describeErrors(errors) });
    }
    const data = asData(err.response.data);
    // A session refused in GraphQL's words: nothing was answered and the errors read as auth.
    if (status >= 200 && status < 300 && data === null && looksLikeAuth(errors) && !errors.some(isUnknownFieldError)) throw new AuthRejected();
    return { ok: true, value: { status, data, errors } };
  }
}

function asData(data: unknown): Record<string, unknown> | null {
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
}
