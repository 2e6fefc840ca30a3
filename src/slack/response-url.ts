/**
 * Posts to response_urls: every answer to a command, a button or a form goes this way.
 *
 * Bolt's `respond` posts with the global fetch and never reads Slack's reply, so each answer
 * carries web streams, a body left for the garbage collector to find, and no time limit. At
 * hundreds of answers a second that garbage is what the collector pauses the event loop for,
 * and acks queue behind those pauses. This poster uses node:http(s) over keep-alive sockets,
 * reads Slack's short reply to the end (so the socket goes back to the pool at once), and
 * gives up after a bound. It never names the URL in an error: a response_url is a credential.
 */
import http from 'node:http';
import https from 'node:https';
import type { RespondArguments } from '@slack/bolt';

/** A response_url post Slack answered with a status other than 2xx. */
export class ResponseUrlError extends Error {
  constructor(readonly statusCode: number) {
    super(`Slack answered the response_url post with HTTP ${statusCode}`);
    this.name = 'ResponseUrlError';
  }
}

/** A response_url post that got no answer in time, or whose connection failed. */
export class ResponseUrlUnanswered extends Error {
  constructor(reason: string) {
    super(`the response_url post got no answer: ${reason}`);
    this.name = 'ResponseUrlUnanswered';
  }
}

export interface ResponseUrlPosterOptions {
  /** How long one post may take, answer included. */
  readonly timeoutMs?: number;
  /** Sockets kept per host: answers mostly go to one host (hooks.slack.com). */
  readonly maxSockets?: number;
}

/** Answers through one request's response_url; Slack's reply ("ok") is not passed on. */
export type Respond = (message: string | RespondArguments) => Promise<void>;

export interface ResponseUrlPoster {
  post(url: string, message: RespondArguments): Promise<void>;
  /** `respond` for one request: its response_url, or a refusal when it came without one. */
  respondFor(url: string | undefined): Respond;
  /** Closes the kept sockets (a stop). */
  close(): void;
}

export const RESPONSE_URL_DEFAULTS = { timeoutMs: 10_000, maxSockets: 32 } as const;

export function createResponseUrlPoster(opts: ResponseUrlPosterOptions = {}): ResponseUrlPoster {
  const timeoutMs = opts.timeoutMs ?? RESPONSE_URL_DEFAULTS.timeoutMs;
  const agentOptions = { keepAlive: true, maxSockets: opts.maxSockets ?? RESPONSE_URL_DEFAULTS.maxSockets };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };

  const post = (url: string, message: RespondArguments): Promise<void> => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return Promise.reject(new ResponseUrlUnanswered('the response_url is not a URL'));
    }
    const protocol = target.protocol;
    if (protocol !== 'http:' && protocol !== 'https:') return Promise.reject(new ResponseUrlUnanswered('the response_url is not http(s)'));
    const body = Buffer.from(JSON.stringify(message));
    const request = protocol === 'https:' ? https.request : http.request;
    return new Promise<void>((resolve, reject) => {
      const req = request(
        target,
        {
          method: 'POST',
          agent: agents[protocol],
          timeout: timeoutMs,
          headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length },
        },
        (res) => {
          const status = res.statusCode ?? 0;
          // Read to the end, keeping nothing: the socket is only reused once the reply is done.
          res.resume();
          res.once('end', () => (status >= 200 && status < 300 ? resolve() : reject(new ResponseUrlError(status))));
          res.once('error', () => reject(new ResponseUrlUnanswered('the answer was cut off')));
          res.once('close', () => (res.complete ? undefined : reject(new ResponseUrlUnanswered('the answer was cut off'))));
        },
      );
      req.once('timeout', () => req.destroy(new ResponseUrlUnanswered(`no answer within ${timeoutMs} ms`)));
      req.once('error', (err) => reject(err instanceof ResponseUrlUnanswered ? err : new ResponseUrlUnanswered((err as NodeJS.ErrnoException).code ?? 'connection failed')));
      req.end(body);
    });
  };

  return {
    post,
    respondFor: (url) => async (message) => {
      if (url === undefined) throw new ResponseUrlUnanswered('the request came without a response_url');
      await post(url, typeof message === 'string' ? { text: message } : message);
    },
    close: () => {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

/** The response_url a request carries, where Bolt looks for it: a command or action's own, or a form's first. */
export function responseUrlOf(body: unknown): string | undefined {
  const b = (body ?? {}) as { response_url?: unknown; response_urls?: readonly { response_url?: unknown }[] };
  if (typeof b.response_url === 'string') return b.response_url;
  const first = Array.isArray(b.response_urls) ? b.response_urls[0]?.response_url : undefined;
  return typeof first === 'string' ? first : undefined;
}
