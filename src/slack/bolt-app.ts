/**
 * Builds the Bolt app for HTTP or Socket Mode. HTTP requests reach Bolt through our own server
 * (http-server.ts), which adds the future side of the signature window and local-mode routes.
 */
import { App, HTTPReceiver, SocketModeReceiver, type CustomRoute } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Logger } from '../logging/logger';
import { boltLoggerFrom } from './bolt-logger';

export interface BoltAppOptions {
  readonly mode: 'http' | 'socket';
  readonly botToken: string;
  readonly signingSecret?: string;
  readonly appToken?: string;
  /** Slack Web API base URL ending in '/'; Slack's own when undefined. */
  readonly apiUrl?: string;
  readonly logger: Logger;
  readonly customRoutes?: CustomRoute[];
  /** Known bot identity: skips auth.test at construction (tests and local mode). */
  readonly botId?: string;
  readonly botUserId?: string;
  /** Milliseconds before Bolt answers an unacknowledged request itself (Slack gives up at 3 s). */
  readonly unhandledRequestTimeoutMillis?: number;
  /**
   * HTTP mode: every request reaches Bolt through the request gate, which has checked its
   * timestamp and signature already (src/slack/gate); Bolt's own second HMAC is then skipped.
   */
  readonly signaturesCheckedBefore?: boolean;
}

export interface BoltApp {
  readonly app: App;
  /** HTTP mode: the listener to mount in our server. */
  readonly requestListener: HTTPReceiver['requestListener'] | null;
  readonly socketReceiver: SocketModeReceiver | null;
}

/**
 * Web API calls are never retried by the client itself: a retried chat.postMessage after a 5xx
 * or a timeout can post twice. Rate limits are rejected with their Retry-After so callers that
 * know a call is safe to repeat (it was refused, not lost) wait and retry.
 */
export function webClientOptions(apiUrl: string | undefined): WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
  };
}

export function createBoltApp(opts: BoltAppOptions): BoltApp {
  const logger = boltLoggerFrom(opts.logger);
  const clientOptions = webClientOptions(opts.apiUrl);
  const identity = opts.botId && opts.botUserId ? { botId: opts.botId, botUserId: opts.botUserId } : {};

  if (opts.mode === 'socket') {
    if (!opts.appToken) throw new Error('Socket Mode needs an app token');
    const socketReceiver = new SocketModeReceiver({
      appToken: opts.appToken,
      logger,
      customRoutes: opts.customRoutes,
      installerOptions: { clientOptions: clientOptions as never },
    });
    const app = new App({ token: opts.botToken, receiver: socketReceiver, logger, clientOptions, deferInitialization: true, convoStore: false, ...identity });
    return { app, requestListener: null, socketReceiver };
  }

  if (!opts.signingSecret) throw new Error('HTTP mode needs a signing secret');
  const receiver = new HTTPReceiver({
    signingSecret: opts.signingSecret,
    endpoints: '/slack/events',
    customRoutes: opts.customRoutes,
    processBeforeResponse: false,
    logger,
    unhandledRequestTimeoutMillis: opts.unhandledRequestTimeoutMillis ?? 3001,
    signatureVerification: !opts.signaturesCheckedBefore,
  });
  // convoStore off: no listener uses conversation state, and its per-request lookup was the
  // single largest cost on the ack path.
  const app = new App({ token: opts.botToken, receiver, logger, clientOptions, deferInitialization: true, convoStore: false, ...identity });
  return { app, requestListener: receiver.requestListener, socketReceiver: null };
}
