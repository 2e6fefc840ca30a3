import { ErrorCode } from '@slack/bolt';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';
import type { Logger } from '../logging/logger';
import type { RequestGate } from './gate';

export interface SlackHttpServerOptions {
  /** Bolt's HTTPReceiver.requestListener: signatures, routing, customRoutes. */
  boltListener: RequestListener;
  /** Paths Bolt serves as its events endpoint (default ['/slack/events']). */
  eventPaths?: readonly string[];
  logger: Logger;
  /** HTTP mode: every request to an events path passes it before Bolt (Socket Mode has none). */
  gate?: RequestGate;
  /** Extra routes handled before Bolt (local console); return true when handled. */
  before?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean | Promise<boolean>;
}

export interface SlackHttpServer {
  readonly server: http.Server;
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting connections and closes idle ones; resolves when the server is closed. */
  close(): Promise<void>;
}

function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname;
  } catch {
    return '/';
  }
}

/**
 * The HTTP front door. Requests to the events endpoint pass the gate (size, signature, window,
 * replays, shape) and reach Bolt with their body read; Bolt would otherwise buffer megabytes
 * of an unsigned body and throw on shapes it does not expect.
 */
export function createSlackHttpServer(opts: SlackHttpServerOptions): SlackHttpServer {
  const eventPaths = new Set(opts.eventPaths ?? ['/slack/events']);
  const log = opts.logger.child({ component: 'http' });

  const server = http.createServer((req, res) => {
    void (async () => {
      // The path as Bolt reads it (dot segments resolved, fragment dropped), so every request
      // Bolt would take as an event has passed the gate: Bolt does not check signatures again.
      const path = pathOf(req.url);
      if (req.method?.toUpperCase() === 'POST' && eventPaths.has(path) && opts.gate) {
        const verdict = await opts.gate.admit(req);
        if (!verdict.pass) {
          if (verdict.status !== 200) log.warn({ path, status: verdict.status, reason: verdict.reason }, 'refused a request');
          else if (verdict.warn) log.warn({ path, reason: verdict.reason }, 'Slack sent a notice');
          else log.info({ path, reason: verdict.reason }, 'request answered without running it');
          res.writeHead(verdict.status, { 'content-type': 'text/plain; charset=utf-8', ...(verdict.closeConnection ? { connection: 'close' } : {}) });
          res.end(verdict.message);
          return;
        }
        // Bolt uses a body already read; it compares the content type without parameters.
        Object.assign(req, { rawBody: verdict.body });
        req.headers['content-type'] = verdict.contentType;
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
