import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken, checkGraphqlAuth, sessionToken, type ClientCredentials, type CredentialKind, type CredentialStore } from './auth';
import type { FaultState, SimulatorStats } from './faults';
import type { GraphqlExecutor, GraphqlRequest } from './gql';
import { BodyTooLarge, gqlError, json, parseJsonObject, readBody, type Reply } from './http-util';

const BODY_LIMIT_BYTES = 1_000_000;

export interface HandlerDeps {
  readonly creds: ClientCredentials;
  readonly credentials: CredentialStore;
  readonly faults: FaultState;
  readonly executor: GraphqlExecutor;
  readonly stats: () => SimulatorStats;
  readonly now: () => Date;
}

type Route = { kind: 'token'; auth: CredentialKind } | { kind: 'graphql'; auth: CredentialKind } | { kind: 'health' };

function route(method: string, path: string): Route | Reply {
  const p = path.replace(/\/+$/, '') || '/';
  const routes: Record<string, Route> = {
    '/v2/oauth/token': { kind: 'token', auth: 'session' },
    '/api/rest/oauth/token': { kind: 'token', auth: 'bearer' },
    '/v2/api': { kind: 'graphql', auth: 'session' },
    '/': { kind: 'graphql', auth: 'bearer' },
    '/healthz': { kind: 'health' },
  };
  const r = routes[p];
  if (!r) return json(404, { error: 'not_found', error_description: `no route for ${p}` });
  const wanted = r.kind === 'health' ? 'GET' : 'POST';
  if (method !== wanted) return json(405, { error: 'method_not_allowed', error_description: `use ${wanted}` }, { allow: wanted });
  return r;
}

/**
 * The HTTP face of the simulator. GraphQL requests meet the faults in gateway order:
 * delay, 429, 502/503, random 500, then authentication, body, injected GraphQL errors,
 * execution and finally a truncated body.
 */
export class SimulatorHandler {
  private readonly pending = new Set<{ timer: NodeJS.Timeout; done: () => void }>();

  constructor(private readonly deps: HandlerDeps) {}

  handle = (req: IncomingMessage, res: ServerResponse): void => {
    this.respond(req)
      .catch((err: unknown) =>
        err instanceof BodyTooLarge ? gqlError(413, 'request body too large', 'invalid-request') : gqlError(500, 'internal server error', 'unexpected'),
      )
      .then((reply) => this.send(res, reply))
      .catch(() => res.destroy());
  };

  /** Releases every delayed response at once (used on shutdown). */
  releaseDelays(): void {
    for (const p of this.pending) {
      clearTimeout(p.timer);
      p.done();
    }
    this.pending.clear();
  }

  private async respond(req: IncomingMessage): Promise<Reply> {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const r = route(req.method ?? 'GET', url.pathname);
    if ('status' in r) return r;
    if (r.kind === 'health') return json(200, { ok: true });
    const body = await readBody(req, BODY_LIMIT_BYTES);
    const stats = this.deps.stats();
    if (r.kind === 'token') {
      stats.tokenRequests += 1;
      if (this.deps.faults.takeTokenFailure()) return json(500, { error: 'server_error', error_description: 'token service unavailable' });
      const deps = {
        creds: this.deps.creds,
        store: this.deps.credentials,
        nowMs: this.deps.now().getTime(),
        ttlSeconds: this.deps.faults.sessionTtlSeconds,
      };
      return r.auth === 'session' ? sessionToken(req, body, deps) : bearerToken(req, body, deps);
    }
    stats.graphqlRequests += 1;
    return this.graphql(req, body, r.auth);
  }

  private async graphql(req: IncomingMessage, body: string, auth: CredentialKind): Promise<Reply> {
    const faults = this.deps.faults;
    if (faults.delayMs > 0) await this.delay(faults.delayMs);
    const fault = faults.beforeGraphql();
    if (fault.kind === 'rate-limited') {
      return gqlError(429, 'rate limit exceeded', 'rate-limited', fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
    }
    if (fault.kind === 'gateway') {
      const text = fault.status === 502 ? '502 Bad Gateway' : '503 Service Temporarily Unavailable';
      return { status: fault.status, headers: { 'content-type': 'text/html' }, body: `<html><head><title>${text}</title></head><body><h1>${text}</h1></body></html>\n` };
    }
    if (fault.kind === 'internal') return gqlError(500, 'internal server error', 'unexpected');

    const denied = checkGraphqlAuth(req, auth, this.deps.credentials, this.deps.now().getTime());
    if (denied) return denied;

    const parsed = parseGraphqlBody(body);
    if ('status' in parsed) return parsed;
    if (faults.takeGraphqlError()) {
      return json(200, { data: null, errors: [{ message: 'database query error', extensions: { path: '$', code: 'unexpected' } }] });
    }
    const result = this.deps.executor.run(parsed, { now: this.deps.now(), withoutGuessFields: faults.rejectGuessFields });
    const reply = json(200, result);
    if (faults.takeMalformed()) return { ...reply, body: reply.body.slice(0, Math.max(1, Math.floor(reply.body.length / 2))) };
    return reply;
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.pending.delete(entry);
          resolve();
        }, ms),
        done: resolve,
      };
      this.pending.add(entry);
    });
  }

  private send(res: ServerResponse, reply: Reply): void {
    const codes = this.deps.stats().statusCodes;
    codes[String(reply.status)] = (codes[String(reply.status)] ?? 0) + 1;
    if (res.destroyed) return;
    res.writeHead(reply.status, { ...reply.headers, 'content-length': String(Buffer.byteLength(reply.body)) });
    res.end(reply.body);
  }
}

function parseGraphqlBody(body: string): GraphqlRequest | Reply {
  const obj = parseJsonObject(body);
  if (!obj) return gqlError(400, 'invalid JSON request body', 'parse-failed');
  const { query, variables, operationName } = obj;
  if (typeof query !== 'string') return gqlError(400, "the key 'query' was not present", 'parse-failed');
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
    return gqlError(400, "the key 'variables' must be an object", 'parse-failed');
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    return gqlError(400, "the key 'operationName' must be a string", 'parse-failed');
  }
  return { query, variables: (variables ?? null) as Record<string, unknown> | null, operationName: (operationName ?? null) as string | null };
}
