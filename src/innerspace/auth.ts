import type { Logger } from 'pino';
import { UpstreamAuthError, UpstreamUnavailableError } from '../errors';
import { parseRetryAfter, transientFromFetchError, withRetries, type Outcome, type RetryContext } from './retry';

/**
 * Credentials exchange and the one in-memory token. Concurrent callers share a single token
 * request; a failed request leaves nothing behind, so the next call simply tries again.
 */

export type AuthMode = 'session' | 'bearer';

export interface AuthSettings {
  mode: AuthMode;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  audience: string;
}

export interface Token {
  /** Secret: never logged. */
  readonly value: string;
  readonly headerName: string;
  readonly headerValue: string;
  /** Epoch ms after which the token is renewed before use; null when the server gave no lifetime. */
  readonly renewAt: number | null;
}

export interface TokenProviderDeps {
  fetch: typeof fetch;
  /** Wall clock for token lifetimes. */
  now: () => Date;
  onSecret: (s: string) => void;
  log: Logger;
  /** Retry settings for one token exchange; the deadline comes from the call that needs it. */
  retry: (deadlineAt: number) => RetryContext;
  countRequest: () => void;
}

/** Renew a little before expiry: 10 % of the lifetime, at most a minute. */
export function renewalTime(issuedAtMs: number, expiresInSeconds: number): number {
  const lifetime = expiresInSeconds * 1000;
  return issuedAtMs + lifetime - Math.min(60_000, lifetime * 0.1);
}

export class TokenProvider {
  private token: Token | null = null;
  private pending: Promise<Token> | null = null;

  constructor(
    private readonly settings: AuthSettings,
    private readonly deps: TokenProviderDeps,
  ) {}

  /** The current token, fetching one (once, for all concurrent callers) when there is none or it is due. */
  get(deadlineAt: number): Promise<Token> {
    const t = this.token;
    if (t && (t.renewAt === null || this.deps.now().getTime() < t.renewAt)) return Promise.resolve(t);
    if (!this.pending) {
      this.pending = this.exchange(deadlineAt).finally(() => {
        this.pending = null;
      });
    }
    return this.pending;
  }

  /** Forget `value` after the server refused it; a newer token fetched meanwhile is kept. */
  invalidate(value: string): void {
    if (this.token?.value === value) this.token = null;
  }

  private async exchange(deadlineAt: number): Promise<Token> {
    const ctx = this.deps.retry(deadlineAt);
    const token = await withRetries(ctx, (timeoutMs) => this.attempt(timeoutMs));
    this.token = token;
    return token;
  }

  private body(): string {
    const { mode, clientId, clientSecret, audience } = this.settings;
    return JSON.stringify(
      mode === 'session' ? { client_id: clientId, client_secret: clientSecret, audience } : { client_id: clientId, client_secret: clientSecret },
    );
  }

  private async attempt(timeoutMs: number): Promise<Outcome<Token>> {
    this.deps.countRequest();
    let res: Response;
    let text: string;
    try {
      res = await this.deps.fetch(this.settings.tokenUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: this.body(),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      const t = transientFromFetchError(err);
      if (t) return { ok: false, transient: t };
      throw new UpstreamUnavailableError('InnerSpace token request failed', { upstream: 'innerspace', operation: 'token', reason: 'unexpected error' });
    }
    // The response body is never quoted anywhere: it may hold a token.
    if (res.status === 429) {
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), Date.now(), res.headers.get('date'));
      return { ok: false, transient: { code: 'UPSTREAM_RATE_LIMITED', reason: 'HTTP 429', status: 429, retryAfterMs } };
    }
    if (res.status >= 500) {
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), Date.now(), res.headers.get('date'));
      return { ok: false, transient: { code: 'UPSTREAM_UNAVAILABLE', reason: `HTTP ${res.status}`, status: res.status, retryAfterMs } };
    }
    if (!res.ok) {
      throw new UpstreamAuthError(`InnerSpace refused the credentials (HTTP ${res.status})`, {
        upstream: 'innerspace',
        operation: 'token',
        status: res.status,
      });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, transient: { code: 'UPSTREAM_BAD_DATA', reason: 'token response is not JSON', status: res.status } };
    }
    return { ok: true, value: this.read(json) };
  }

  private read(json: unknown): Token {
    const obj = json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : {};
    const nested = obj.oauth_token !== null && typeof obj.oauth_token === 'object' ? (obj.oauth_token as Record<string, unknown>) : {};
    const value = this.settings.mode === 'session' ? obj.session_id : (nested.access_token ?? obj.access_token);
    if (typeof value !== 'string' || value.length === 0) {
      const field = this.settings.mode === 'session' ? 'session_id' : 'access_token';
      throw new UpstreamAuthError(`InnerSpace token response has no ${field}`, { upstream: 'innerspace', operation: 'token', field });
    }
    this.deps.onSecret(value);
    const expiresRaw = nested.expires_in ?? obj.expires_in;
    const expiresIn = typeof expiresRaw === 'string' ? Number(expiresRaw) : expiresRaw;
    const renewAt =
      typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0 ? renewalTime(this.deps.now().getTime(), expiresIn) : null;
    this.deps.log.debug({ request: 'token', mode: this.settings.mode, expiresInSeconds: renewAt === null ? null : expiresIn }, 'InnerSpace token obtained');
    return this.settings.mode === 'session'
      ? { value, headerName: 'X-Session-Id', headerValue: value, renewAt }
      : { value, headerName: 'Authorization', headerValue: `Bearer ${value}`, renewAt };
  }
}
