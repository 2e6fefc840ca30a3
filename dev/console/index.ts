/**
 * The local-mode web console: a page that plays Slack for the embedded workspace, served from
 * the bot's own port before Bolt sees the request. Only local mode builds one.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../src/ports/clock';
import type { Logger } from '../../src/logging/logger';
import { createSlackDriver, type SlackDriver, type SlackWorkspace } from '../slack';
import { API_ROUTES, type ApiContext } from './api';
import { findChartJs, findPublicDir, serveAsset, serveFile } from './assets';
import type { DemoHooks } from './hooks';
import { checkWriteRequest, ConsoleHttpError, readJson, sendJson } from './http-util';
import { buildSnapshot } from './snapshot';
import { EventHub } from './sse';

export type { DemoHooks } from './hooks';
export type { ConsoleSnapshot, ConsoleMessage, ConsoleView, ConsoleChannel } from './snapshot';

export interface WebConsoleOptions {
  readonly workspace: SlackWorkspace;
  /** Where the app takes Slack's requests, e.g. `http://127.0.0.1:3000`; known once it listens. */
  readonly appUrl: () => string;
  readonly signingSecret: string;
  /** The app's clock; "advance the clock" needs `advance` (ShiftableClock). */
  readonly clock: Clock & { advance?(ms: number): void };
  /** Looked up on every use, so features wired after the console still get their controls. */
  readonly hooks?: () => DemoHooks;
  readonly logger: Logger;
  /** Folder of the page's files; found next to the code when omitted. */
  readonly publicDir?: string | null;
  /** Serve browsers on other machines too. Off by default: the console acts as anyone, unsigned in. */
  readonly allowRemote?: boolean;
}

export interface WebConsole {
  /** For createSlackHttpServer's `before`: answers the console's paths, returns false for the rest. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Ends the live streams (open tabs reconnect to the next run). */
  close(): Promise<void>;
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 addresses. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || address === '::1';
}

function isConsolePath(path: string): boolean {
  return path === '/' || path === '/index.html' || path === '/favicon.ico' || path.startsWith('/console/');
}

/** The app's own URL on loopback for a listening host (all interfaces → 127.0.0.1). */
export function loopbackUrl(host: string | undefined, port: number): string {
  const h = host === undefined || host === '' || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

export function createWebConsole(opts: WebConsoleOptions): WebConsole {
  const ws = opts.workspace;
  const log = opts.logger.child({ component: 'console' });
  const publicDir = opts.publicDir === undefined ? findPublicDir() : opts.publicDir;
  const chartJs = findChartJs();
  if (publicDir === null) log.warn('the console page files were not found; the console will answer 500');
  const hub = new EventHub();
  const hooks: () => DemoHooks = opts.hooks ?? (() => ({}));

  let driver: SlackDriver | null = null;
  const getDriver = (): SlackDriver => {
    driver ??= createSlackDriver({ workspace: ws, appUrl: opts.appUrl(), signingSecret: opts.signingSecret });
    return driver;
  };

  const unsubscribe = [
    ws.events.on('message', (m) => hub.send('message', { channel: m.channel, ts: m.ts, threadTs: m.threadTs ?? null, ephemeralFor: m.ephemeralFor ?? null })),
    ws.events.on('message_changed', (m) => hub.send('message_changed', { channel: m.channel, ts: m.ts, ephemeralFor: m.ephemeralFor ?? null })),
    ws.events.on('message_deleted', (d) => hub.send('message_deleted', { channel: d.channel, ts: d.ts, ephemeralFor: d.ephemeralFor ?? null })),
    ws.events.on('view', (v) => hub.send('view', { change: v.change, user: v.user, viewId: v.view.id })),
    ws.events.on('home', (h) => hub.send('home', { user: h.user, viewId: h.view.id })),
    ws.events.on('channel', (c) => hub.send('channel', { id: c.id })),
  ];

  const ctx: ApiContext = {
    workspace: ws,
    driver: getDriver,
    clock: opts.clock,
    hooks,
    logger: log,
    clockMoved: (now) => hub.send('clock', { now }),
  };

  const demo = () => {
    const h = hooks();
    return { digests: h.runDueDigests !== undefined, alerts: h.checkAlerts !== undefined };
  };

  const get = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const path = url.pathname;
    if (path === '/' || path === '/index.html') {
      await serveAsset(res, publicDir, 'index.html');
    } else if (path.startsWith('/console/static/')) {
      await serveAsset(res, publicDir, path.slice('/console/static/'.length));
    } else if (path === '/console/vendor/chart.umd.js') {
      if (chartJs === null) res.writeHead(404).end();
      else await serveFile(res, chartJs, 'text/javascript; charset=utf-8');
    } else if (path === '/console/events') {
      hub.open(req, res);
    } else if (path === '/console/api/state') {
      const q = url.searchParams;
      const query = { user: q.get('user') ?? undefined, channel: q.get('channel') ?? undefined, thread: q.get('thread') ?? undefined };
      sendJson(res, 200, buildSnapshot(ws, query, { now: opts.clock.now(), demo: demo() }));
    } else if (/^\/console\/files\/[A-Z0-9]+$/.test(path)) {
      const f = ws.state.files.get(path.slice('/console/files/'.length));
      if (!f?.bytes) res.writeHead(404).end();
      else {
        res.writeHead(200, { 'content-type': f.name.endsWith('.png') ? 'image/png' : 'application/octet-stream', 'content-length': f.bytes.length });
        res.end(f.bytes);
      }
    } else if (path === '/favicon.ico') {
      res.writeHead(204).end();
    } else {
      return false;
    }
    return true;
  };

  const post = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (!url.pathname.startsWith('/console/api/')) return false;
    const route = API_ROUTES[url.pathname.slice('/console/api/'.length)];
    if (!route) {
      sendJson(res, 404, { ok: false, error: 'no such console call' });
      return true;
    }
    checkWriteRequest(req);
    const body = await readJson(req);
    sendJson(res, 200, await route(ctx, body));
    return true;
  };

  return {
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://console.local');
      if (!isConsolePath(url.pathname)) return false;
      if (!opts.allowRemote && !isLoopbackAddress(req.socket.remoteAddress)) {
        req.resume();
        res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('The local console answers only on this machine (loopback). Open it there, or forward the port with ssh -L.');
        return true;
      }
      try {
        if (req.method === 'GET' || req.method === 'HEAD') return await get(req, res, url);
        if (req.method === 'POST') return await post(req, res, url);
        return false;
      } catch (err) {
        if (err instanceof ConsoleHttpError) {
          req.resume();
          if (!res.headersSent) sendJson(res, err.status, { ok: false, error: err.reason });
          return true;
        }
        // The driver's own refusals (a message the person cannot see, an unknown id) are plain Errors.
        log.warn({ err, path: url.pathname }, 'a console request failed');
        if (!res.headersSent) sendJson(res, 400, { ok: false, error: err instanceof Error ? err.message : 'request failed' });
        return true;
      }
    },
    async close() {
      for (const off of unsubscribe) off();
      hub.close();
    },
  };
}
