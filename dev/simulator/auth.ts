import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { gqlError, json, mediaType, parseJsonObject, type Reply } from './http-util';

export type CredentialKind = 'session' | 'bearer';

/** Lifetime of bearer tokens when no TTL fault is set (they always carry expires_in). */
const DEFAULT_BEARER_TTL_SECONDS = 86_400;

export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly audience: string;
}

interface Issued {
  readonly kind: CredentialKind;
  readonly expiresAt: number | null;
}

/** Sessions and bearer tokens handed out, with their expiry on the simulator's clock. */
export class CredentialStore {
  private readonly issued = new Map<string, Issued>();

  constructor(private readonly maxEntries = 10_000) {}

  mint(kind: CredentialKind, nowMs: number, ttlSeconds: number | null): string {
    const token = kind === 'session' ? randomBytes(24).toString('hex') : `sim.${randomBytes(32).toString('base64url')}`;
    this.issued.set(token, { kind, expiresAt: ttlSeconds === null ? null : nowMs + ttlSeconds * 1000 });
    while (this.issued.size > this.maxEntries) {
      const oldest = this.issued.keys().next();
      if (oldest.done) break;
      this.issued.delete(oldest.value);
    }
    return token;
  }

  check(kind: CredentialKind, token: string, nowMs: number): 'ok' | 'unknown' | 'expired' {
    const found = this.issued.get(token);
    if (!found || found.kind !== kind) return 'unknown';
    return found.expiresAt !== null && nowMs >= found.expiresAt ? 'expired' : 'ok';
  }

  /** Forgets every credential, as a server restart would. */
  revokeAll(): void {
    this.issued.clear();
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const oauthError = (status: number, error: string, description: string): Reply =>
  json(status, { error, error_description: description });

type Fields = Record<string, unknown>;

type Parsed = { ok: true; fields: Fields } | { ok: false; reply: Reply };

function parseTokenBody(req: IncomingMessage, body: string, allowForm: boolean): Parsed {
  const type = mediaType(req);
  if (type === 'application/json') {
    const fields = parseJsonObject(body);
    return fields ? { ok: true, fields } : { ok: false, reply: oauthError(400, 'invalid_request', 'body must be a JSON object') };
  }
  if (allowForm && type === 'application/x-www-form-urlencoded') {
    return { ok: true, fields: Object.fromEntries(new URLSearchParams(body)) };
  }
  const accepted = allowForm ? 'application/json or application/x-www-form-urlencoded' : 'application/json';
  return { ok: false, reply: oauthError(400, 'invalid_request', `Content-Type must be ${accepted}`) };
}

function checkClient(fields: Fields, creds: ClientCredentials): Reply | null {
  const { client_id: id, client_secret: secret } = fields;
  if (typeof id !== 'string' || typeof secret !== 'string' || !id || !secret) {
    return oauthError(400, 'invalid_request', 'client_id and client_secret are required');
  }
  if (!sameSecret(id, creds.clientId) || !sameSecret(secret, creds.clientSecret)) {
    return oauthError(401, 'access_denied', 'Unauthorized');
  }
  return null;
}

export interface TokenDeps {
  readonly creds: ClientCredentials;
  readonly store: CredentialStore;
  readonly nowMs: number;
  readonly ttlSeconds: number | null;
}

/** POST /v2/oauth/token: JSON {client_id, client_secret, audience} -> {session_id[, expires_in]}. */
export function sessionToken(req: IncomingMessage, body: string, deps: TokenDeps): Reply {
  const parsed = parseTokenBody(req, body, false);
  if (!parsed.ok) return parsed.reply;
  const bad = checkClient(parsed.fields, deps.creds);
  if (bad) return bad;
  const audience = parsed.fields.audience;
  if (typeof audience !== 'string' || !audience) return oauthError(400, 'invalid_request', 'audience is required');
  if (audience !== deps.creds.audience) return oauthError(401, 'access_denied', 'Service not enabled for this audience');
  const sessionId = deps.store.mint('session', deps.nowMs, deps.ttlSeconds);
  return json(200, deps.ttlSeconds === null ? { session_id: sessionId } : { session_id: sessionId, expires_in: deps.ttlSeconds });
}

/** POST /api/rest/oauth/token: JSON or form -> {oauth_token: {access_token, token_type, expires_in}}. */
export function bearerToken(req: IncomingMessage, body: string, deps: TokenDeps): Reply {
  const parsed = parseTokenBody(req, body, true);
  if (!parsed.ok) return parsed.reply;
  const bad = checkClient(parsed.fields, deps.creds);
  if (bad) return bad;
  const ttl = deps.ttlSeconds ?? DEFAULT_BEARER_TTL_SECONDS;
  const accessToken = deps.store.mint('bearer', deps.nowMs, ttl);
  return json(200, { oauth_token: { access_token: accessToken, token_type: 'Bearer', expires_in: ttl } });
}

/** The credential check of a GraphQL endpoint; null when the request may proceed. */
export function checkGraphqlAuth(req: IncomingMessage, kind: CredentialKind, store: CredentialStore, nowMs: number): Reply | null {
  let token: string | undefined;
  if (kind === 'session') {
    const h = req.headers['x-session-id'];
    token = Array.isArray(h) ? h[0] : h;
    if (!token) return gqlError(401, 'Missing X-Session-Id header', 'access-denied');
  } else {
    const h = req.headers.authorization;
    if (!h) return gqlError(401, 'Missing Authorization header', 'access-denied');
    const m = /^Bearer\s+(\S+)$/i.exec(h);
    if (!m?.[1]) return gqlError(401, 'Malformed Authorization header; expected "Bearer <token>"', 'invalid-jwt');
    token = m[1];
  }
  const state = store.check(kind, token, nowMs);
  if (state === 'expired') return gqlError(401, kind === 'session' ? 'Session has expired' : 'JWTExpired', 'invalid-jwt');
  if (state === 'unknown') return gqlError(401, kind === 'session' ? 'Could not verify session' : 'Could not verify JWT: JWSError', 'invalid-jwt');
  return null;
}
