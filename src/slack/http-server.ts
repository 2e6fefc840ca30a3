import { ErrorCode } from '@slack/bolt';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';
import type { Logger } from '../logging/logger';

/** Slack's replay window: requests signed more than 5 minutes from our clock are refused. */
export const SIGNATURE_WINDOW_SECONDS = 300;

export interface SlackHttpServerOptions {
  /** Bolt's HTTPReceiver.requestListener: signatures, routing, customRoutes. */
  boltListener: RequestListener;
  /** Paths Bolt serves as its events endpoint (default ['/slack/events']). */
  eventPaths?: readonly string[];
  logger: Logger;
  now?: () => number;
  /** Extra routes handled before Bolt (local console); return true when handled. */
  before?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean | Promise<boolean>;
}

export interface SlackHttpServer {
  readonly server: http.Server;
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting connections and closes idle ones; resolves when the server is closed. */
  close(): Promise<void>;
}

/**
 * The HTTP front door. Bolt verifies signatures and rejects stale timestamps but accepts ones
 * from the future; this adds the other side of the window before Bolt sees the request.
 */
export function createSlackHttpServer(opts: SlackHttpServerOptions): SlackHttpServer {
  const now = opts.now ?? Date.now;
  const eventPaths = new Set(opts.eventPaths ?? ['/slack/events']);
  const log = opts.logger.child({ component: 'http' });

  const server = http.createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (req.method === 'POST' && eventPaths.has(path)) {
        const ts = Number(req.headers['x-slack-request-timestamp']);
        if (Number.isFinite(ts) && ts - Math.floor(now() / 1000) > SIGNATURE_WINDOW_SECONDS) {
          log.warn({ path, skewSeconds: ts - Math.floor(now() / 1000) }, 'refused a request signed in the future');
          req.resume();
          res.writeHead(401).end();
          return;
        }
      } else if (opts.before && (await opts.before(req, res))) {
        return;
      }
      try {
        opts.boltListener(req, res);
      } catch (err) {
        // Bolt throws for paths it does not serve; that is a plain 404, not a failure.
        if ((err as { code?: string }).code === ErrorCode.HTTPReceiverDeferredRequestError) {
          if (!res.headersSent) res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
          return;
        }
        throw err;
      }
    })().catch((err: unknown) => {
      log.error({ err }, 'request handling failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = 5_000;

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
