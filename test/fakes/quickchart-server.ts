/**
 * A stand-in for a QuickChart server on 127.0.0.1: answers GET /chart?c=… and POST /chart
 * with a tiny valid PNG, records every request, and can be told to fail.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A valid 1×1 PNG (one opaque pixel). */
export const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export interface RecordedChartRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Parsed JSON body of a POST; null for GET. */
  readonly body: Readonly<Record<string, unknown>> | null;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export type FakeQuickChartMode =
  | { readonly kind: 'ok' }
  | { readonly kind: 'fail'; readonly status: number }
  /** Answers 200 with something that is not a PNG (a misconfigured proxy). */
  | { readonly kind: 'not-png' }
  /** Never answers; the socket is closed when the server closes. */
  | { readonly kind: 'hang' };

export class FakeQuickChartServer {
  readonly requests: RecordedChartRequest[] = [];
  private mode: FakeQuickChartMode = { kind: 'ok' };
  private readonly hanging = new Set<ServerResponse>();

  private readonly server: Server;
  private port = 0;

  private constructor() {
    this.server = createServer((req, res) => this.handle(req, res));
  }

  static async start(): Promise<FakeQuickChartServer> {
    const fake = new FakeQuickChartServer();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  setMode(mode: FakeQuickChartMode): void {
    this.mode = mode;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((err) => (err ? reject(err) : resolve())));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', this.baseUrl);
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> | null = null;
      if (req.method === 'POST') {
        try {
          body = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          body = null;
        }
      }
      this.requests.push({
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body,
        headers: req.headers,
      });
      this.respond(req.method ?? '', url, body, res);
    });
  }

  private respond(method: string, url: URL, body: Record<string, unknown> | null, res: ServerResponse): void {
    if (url.pathname === '/healthcheck') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true}');
      return;
    }
    if (url.pathname !== '/chart' || (method !== 'GET' && method !== 'POST')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const chart = method === 'GET' ? url.searchParams.get('c') : body?.chart;
    if (typeof chart !== 'string' || chart.length === 0) {
      res.writeHead(400, { 'content-type': 'text/plain', 'x-quickchart-error': 'No chart specified' }).end('No chart specified');
      return;
    }
    switch (this.mode.kind) {
      case 'fail':
        res.writeHead(this.mode.status, { 'content-type': 'text/plain', 'x-quickchart-error': 'simulated failure' }).end('simulated failure');
        return;
      case 'not-png':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
        return;
      case 'hang':
        this.hanging.add(res);
        return;
      case 'ok':
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': ONE_PIXEL_PNG.length }).end(ONE_PIXEL_PNG);
    }
  }
}
