import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request the console refuses, with the status and a short reason for the page. */
export class ConsoleHttpError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const JSON_LIMIT_BYTES = 1024 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * The console acts as any workspace user, so a web page on another origin must not be able to
 * drive it: writes need a JSON body (a cross-site form cannot send one without a CORS preflight,
 * which is never granted) and, when the browser names an Origin, it must be this host.
 */
export function checkWriteRequest(req: IncomingMessage): void {
  const ct = (req.headers['content-type'] ?? '').toLowerCase();
  if (!ct.startsWith('application/json')) throw new ConsoleHttpError(415, 'send JSON');
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      throw new ConsoleHttpError(403, 'bad origin');
    }
    if (host !== req.headers.host) throw new ConsoleHttpError(403, 'cross-origin requests are refused');
  } else if (origin === 'null') {
    throw new ConsoleHttpError(403, 'cross-origin requests are refused');
  }
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > JSON_LIMIT_BYTES) throw new ConsoleHttpError(413, 'body too large');
    chunks.push(buf);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new ConsoleHttpError(400, 'body is not JSON');
  }
}
