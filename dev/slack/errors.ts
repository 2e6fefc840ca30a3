/**
 * A Slack Web API error answer (`{ok:false, error}`), thrown by method handlers and turned into
 * the HTTP reply by the router. `extra` carries Slack's side fields (`errors`, `response_metadata`).
 */
export class SlackMethodError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
    this.name = 'SlackMethodError';
  }
}

export function fail(error: string, extra?: Record<string, unknown>): never {
  throw new SlackMethodError(error, extra);
}
