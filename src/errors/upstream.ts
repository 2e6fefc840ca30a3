import { AppError } from './base';

export type Upstream = 'innerspace' | 'quickchart';

/** What every upstream failure may say; never the request, a response body or a token. */
export interface UpstreamFacts {
  readonly upstream: Upstream;
  /** The call: an InnerSpace operation ('BuildingInsights', 'token') or 'render' for charts. */
  readonly operation?: string;
  readonly status?: number;
  /** Short and value-free: 'HTTP 503', 'ECONNREFUSED', 'deadline passed'. */
  readonly reason?: string;
  /** Attempts made, the first included, when retrying gave up. */
  readonly attempts?: number;
}

/** A GraphQL `errors[]`, trimmed: its messages and extension codes (innerspace/graphql-errors.ts). */
export interface GraphQLErrorFacts {
  readonly messages: readonly string[];
  readonly codes: readonly string[];
}

export abstract class UpstreamError extends AppError {
  readonly upstream: Upstream;
  readonly operation?: string;
  readonly status?: number;
  readonly reason?: string;
  readonly attempts?: number;

  protected constructor(message: string, facts: UpstreamFacts, cause?: unknown) {
    super(message, cause);
    this.upstream = facts.upstream;
    this.operation = facts.operation;
    this.status = facts.status;
    this.reason = facts.reason;
    this.attempts = facts.attempts;
  }
}

/** The upstream refused our credentials, or its token response lacked the token (`field`). */
export class UpstreamAuthError extends UpstreamError {
  readonly code = 'UPSTREAM_AUTH';
  readonly field?: string;
  readonly messages?: readonly string[];
  readonly codes?: readonly string[];

  constructor(message: string, facts: UpstreamFacts & Partial<GraphQLErrorFacts> & { readonly field?: string }, cause?: unknown) {
    super(message, facts, cause);
    this.field = facts.field;
    this.messages = facts.messages;
    this.codes = facts.codes;
  }
}

export class UpstreamTimeoutError extends UpstreamError {
  readonly code = 'UPSTREAM_TIMEOUT';
  readonly timeoutMs?: number;

  constructor(message: string, facts: UpstreamFacts & { readonly timeoutMs?: number }, cause?: unknown) {
    super(message, facts, cause);
    this.timeoutMs = facts.timeoutMs;
  }
}

/** No answer: the network failed, or the server answered 5xx. */
export class UpstreamUnavailableError extends UpstreamError {
  readonly code = 'UPSTREAM_UNAVAILABLE';

  constructor(message: string, facts: UpstreamFacts, cause?: unknown) {
    super(message, facts, cause);
  }
}

export class UpstreamRateLimitedError extends UpstreamError {
  readonly code = 'UPSTREAM_RATE_LIMITED';
  /** What the server's Retry-After asked for, when it said. */
  readonly retryAfterSeconds?: number;

  constructor(message: string, facts: UpstreamFacts & { readonly retryAfterSeconds?: number }, cause?: unknown) {
    super(message, facts, cause);
    this.retryAfterSeconds = facts.retryAfterSeconds;
  }
}

/** The server refused the request itself (HTTP 4xx other than auth and rate limits). */
export class UpstreamBadRequestError extends UpstreamError {
  readonly code = 'UPSTREAM_BAD_REQUEST';
  readonly messages: readonly string[];
  readonly codes: readonly string[];

  constructor(message: string, facts: UpstreamFacts & GraphQLErrorFacts, cause?: unknown) {
    super(message, facts, cause);
    this.messages = facts.messages;
    this.codes = facts.codes;
  }
}

/**
 * A GraphQL answer with `errors[]`. `unknownField` names a field the server does not know;
 * `unknownRoot` is set when that field is the query's root itself (a caller may fall back).
 */
export class UpstreamGraphQLError extends UpstreamError {
  readonly code = 'UPSTREAM_GRAPHQL';
  readonly messages: readonly string[];
  readonly codes: readonly string[];
  readonly unknownField?: string;
  readonly unknownRoot?: string;

  constructor(
    message: string,
    facts: UpstreamFacts & GraphQLErrorFacts & { readonly unknownField?: string; readonly unknownRoot?: string },
    cause?: unknown,
  ) {
    super(message, facts, cause);
    this.messages = facts.messages;
    this.codes = facts.codes;
    this.unknownField = facts.unknownField;
    this.unknownRoot = facts.unknownRoot;
  }
}

/** An answer we cannot read, or a value in it we must not show: `field` of `row`, or `bytes` of a PNG. */
export class UpstreamBadDataError extends UpstreamError {
  readonly code = 'UPSTREAM_BAD_DATA';
  readonly field?: string;
  readonly row?: number;
  readonly bytes?: number;

  constructor(message: string, facts: UpstreamFacts & { readonly field?: string; readonly row?: number; readonly bytes?: number }, cause?: unknown) {
    super(message, facts, cause);
    this.field = facts.field;
    this.row = facts.row;
    this.bytes = facts.bytes;
  }
}
