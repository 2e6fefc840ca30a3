import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Server-sent events to every open console tab. A comment line every so often keeps proxies
 * and the browser from treating a quiet stream as dead.
 */
export class EventHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  constructor(heartbeatMs = 15_000) {
    this.timer = setInterval(() => this.write(': ping\n\n'), heartbeatMs);
    this.timer.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  open(req: IncomingMessage, res: ServerResponse): void {
    if (this.closed) {
      res.writeHead(503).end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // The browser reconnects this soon after a restart of the app.
    res.write('retry: 1000\n\nevent: hello\ndata: {}\n\n');
    this.clients.add(res);
    const drop = () => this.clients.delete(res);
    req.on('close', drop);
    res.on('close', drop);
  }

  send(event: string, data: unknown): void {
    this.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Ends every stream, so the HTTP server can close without waiting for the tabs. */
  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private write(frame: string): void {
    for (const res of this.clients) res.write(frame);
  }
}
