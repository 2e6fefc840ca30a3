import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApiCall, type ApiDeps } from './api';
import { Capabilities } from './capabilities';
import { WorkspaceEvents } from './events';
import { FaultBook } from './faults';
import { BodyTooLargeError, parseBody, readBody, sendJson, sendText } from './http';
import { IdMinter } from './ids';
import type { WorkspaceCore } from './methods/context';
import { mimeOf, receiveUpload, showableFile } from './methods/files';
import { Recorder } from './recorder';
import { applyResponsePost } from './response-url';
import { DEFAULT_APP_TOKEN, DEFAULT_BOT, DEFAULT_BOT_TOKEN, DEFAULT_CHANNELS, DEFAULT_TEAM, DEFAULT_USERS } from './seed';
import { manifestScopes } from './scopes';
import { SocketHub } from './socket';
import { WorkspaceState } from './state';
import type { SlackWorkspaceOptions } from './types';
import { DEFAULT_IMAGE_TIMEOUT_MS } from './validation-images';
import { createWorkspaceHandle, type SlackWorkspace } from './workspace';

const UPLOAD_LIMIT = 50 * 1024 * 1024;

/**
 * Starts the embedded Slack workspace: a node:http server on 127.0.0.1 (port 0 unless told)
 * answering the Web API at `/api/<method>`, file uploads at `/upload/v1/<id>`, response_urls at
 * `/response/<id>`, uploaded files at `/files/<id>/<name>`, and Socket Mode at `/link/`.
 */
export async function startSlackWorkspace(opts: SlackWorkspaceOptions = {}): Promise<SlackWorkspace> {
  const now = opts.now ?? Date.now;
  const bot = opts.bot ?? DEFAULT_BOT;
  const seed = { team: opts.team ?? DEFAULT_TEAM, bot, users: opts.users ?? DEFAULT_USERS, channels: opts.channels ?? DEFAULT_CHANNELS };
  const ids = new IdMinter(now);
  const events = new WorkspaceEvents();
  const caps = new Capabilities(ids, now);
  const faults = new FaultBook();
  const recorder = new Recorder();
  events.onAny(() => recorder.notify());
  let baseUrl = '';
  const granted = new Set(opts.scopes ?? manifestScopes());
  if (opts.chatWritePublic === true) granted.add('chat:write.public');
  if (opts.chatWritePublic === false) granted.delete('chat:write.public');
  const chatWritePublic = granted.has('chat:write.public');
  const images = {
    mode: opts.imageDownloads ?? 'fetch', unreachableHosts: new Set(opts.unreachableHosts ?? []), timeoutMs: opts.imageTimeoutMs ?? DEFAULT_IMAGE_TIMEOUT_MS,
  } as const;
  const makeCore = (): WorkspaceCore => {
    const state = new WorkspaceState(seed, ids, events, now);
    return {
      state, caps, events, ids, now, chatWritePublic, images,
      blockChecks: { slackFile: (ref) => showableFile(state, ref) },
      baseUrl: () => baseUrl,
    };
  };
  let core = makeCore();
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => {
    const t = setTimeout(() => {
      timers.delete(t);
      resolve();
    }, ms);
    timers.add(t);
  });
  const tokens = { bot: opts.botToken ?? DEFAULT_BOT_TOKEN, app: opts.appToken ?? DEFAULT_APP_TOKEN, revoked: new Set(opts.revokedTokens ?? []) };
  const apiDeps: ApiDeps = { core: () => core, tokens, faults, recorder, scopes: granted, sleep };
  const socket = new SocketHub(caps, events, () => bot.appId);

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    const api = /^\/api\/([A-Za-z0-9._]+)$/.exec(path);
    if (api?.[1] && (req.method === 'POST' || req.method === 'GET')) return handleApiCall(apiDeps, api[1], req, res);
    const upload = /^\/upload\/v1\/([A-Z0-9]+)$/.exec(path);
    if (upload?.[1] && req.method === 'POST') return handleUpload(upload[1], req, res);
    const response = /^\/response\/([a-f0-9]+)$/.exec(path);
    if (response?.[1] && req.method === 'POST') return handleResponse(response[1], req, res);
    const file = /^\/files\/([A-Z0-9]+)\/[^/]+$/.exec(path);
    if (file?.[1] && req.method === 'GET') return serveFile(file[1], res);
    sendJson(res, 404, { ok: false, error: 'not_found' });
  };

  const handleUpload = async (fileId: string, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req, UPLOAD_LIMIT);
    const ct = req.headers['content-type'] ?? '';
    const bytes = ct.startsWith('multipart/form-data') ? (await parseBody(ct, raw)).parts[0]?.bytes ?? Buffer.alloc(0) : raw;
    if (!receiveUpload(core, fileId, bytes)) return sendText(res, 404, 'file not found');
    recorder.notify();
    sendText(res, 200, `OK - ${bytes.length}`);
  };

  const handleResponse = async (id: string, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let body: Record<string, unknown> = {};
    try {
      body = (await parseBody(req.headers['content-type'] ?? 'application/json', await readBody(req, 1024 * 1024))).args;
    } catch {
      return sendJson(res, 400, { ok: false, error: 'invalid_payload' });
    }
    const fault = faults.take('response_url');
    if (fault?.delayMs) await sleep(fault.delayMs);
    const outcome = fault && 'status' in fault ? { status: fault.status, error: 'injected_fault' }
      : fault && 'error' in fault ? { status: 404, error: fault.error }
        : await applyResponsePost(core, core.caps.responseUrl(id), body);
    const post = { id, body, at: now(), status: outcome.status, ...(outcome.error !== undefined ? { error: outcome.error } : {}), ...(outcome.ignored ? { ignored: outcome.ignored } : {}) };
    recorder.responses.push(post);
    events.emit('response', post);
    if (outcome.error !== undefined) return sendJson(res, outcome.status, { ok: false, error: outcome.error });
    sendJson(res, 200, { ok: true });
  };

  const serveFile = (fileId: string, res: ServerResponse): void => {
    const f = core.state.files.get(fileId);
    if (!f?.bytes) return sendText(res, 404, 'file not found');
    res.writeHead(200, { 'content-type': mimeOf(f.name), 'content-length': f.bytes.length });
    res.end(f.bytes);
  };

  const server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      if (res.headersSent) return res.destroy();
      if (e instanceof BodyTooLargeError) return sendJson(res, 413, { ok: false, error: 'request_too_large' });
      sendJson(res, 500, { ok: false, error: 'internal_error' });
    });
  });
  server.on('upgrade', (req, sock, head) => socket.handleUpgrade(req, sock, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://${address.address}:${address.port}`;

  return createWorkspaceHandle({
    baseUrl, port: address.port, tokens, getCore: () => core, events, recorder, faults, socket,
    resetState: () => {
      caps.reset();
      core = makeCore();
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await socket.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      events.removeAllListeners();
    },
  });
}
