import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP server whose answers a test scripts: each request goes to `handle`, which
 * returns a reply (or never resolves, to simulate a hung upstream). Requests are recorded.
 */

export interface SeenRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown> | null;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
  delayMs?: number;
}

export type Handler = (req: SeenRequest, index: number) => Reply | Promise<Reply>;

export interface ScriptedServer {
  url: string;
  requests: SeenRequest[];
  /** Requests to a path. */
  seen(path: string): SeenRequest[];
  setHandler(h: Handler): void;
  close(): Promise<void>;
}

export async function startScriptedServer(handler: Handler): Promise<ScriptedServer> {
  let handle = handler;
  const requests: SeenRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  // Delayed replies still waiting; close() drops them so no timer outlives the server.
  const delays = new Set<{ timer: NodeJS.Timeout; release: () => void }>();
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry = { timer: setTimeout(() => entry.release(), ms), release: () => (delays.delete(entry), resolve()) };
      delays.add(entry);
    });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: Record<string, unknown> | null = null;
      try {
        json = JSON.parse(body) as Record<string, unknown>;
      } catch {
        json = null;
      }
      const seen: SeenRequest = { path: req.url ?? '/', headers: req.headers, body, json };
      requests.push(seen);
      void Promise.resolve(handle(seen, requests.length - 1)).then(async (reply) => {
        if (reply.delayMs) await wait(reply.delayMs);
        if (res.destroyed) return;
        const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
        res.end(text);
      });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    seen: (path) => requests.filter((r) => r.path === path),
    setHandler: (h) => {
      handle = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const d of [...delays]) {
          clearTimeout(d.timer);
          d.release();
        }
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** GraphQL operation name of a recorded request. */
export function operationOf(req: SeenRequest): string {
  const op = req.json?.operationName;
  return typeof op === 'string' ? op : '';
}
