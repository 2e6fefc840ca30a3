/**
 * The checks every request to the events endpoint passes before Bolt sees it, in the order
 * that costs an attacker the most and us the least: a size cap before anything is read, a cap
 * on bodies being read at once, Slack's signature over the body (with a timestamp that is a
 * whole number of seconds inside the window), a replay check, then the body's shape. A request
 * that fails gets its answer at once; one that passes reaches Bolt with its body already read.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { FORM, isSslCheck, readShape } from './shapes';
import { ReplayGuard } from './replays';

/** Slack's replay window: requests signed more than 5 minutes from our clock are refused. */
export const SIGNATURE_WINDOW_SECONDS = 300;
/**
 * The largest body read. Measured by `npm run bench:gate`: the largest request Slack can send
 * this app is a click on the Home tab at its fullest (20 alerts and 24 digests, names in a
 * script that costs 9 bytes a character once form-encoded), about 259 KB; the digest list and
 * the digest form come next at about 207 and 204 KB. 512 KB leaves twice that, and at most
 * MAX_CONCURRENT_READS of them (16 MB) are held before their signature is known.
 */
export const BODY_LIMIT_BYTES = 512 * 1024;
/** Bodies read at once before their signature is known; more wait for none and get 503. */
export const MAX_CONCURRENT_READS = 32;

export type Verdict =
  | { readonly pass: true; readonly body: Buffer; readonly contentType: string }
  | {
      readonly pass: false;
      readonly status: number;
      readonly message: string;
      readonly reason: string;
      readonly closeConnection?: boolean;
      /** Answered, but worth a warning in the log. */
      readonly warn?: boolean;
    };

export interface GateOptions {
  readonly signingSecret: string;
  readonly now: () => number;
  readonly bodyLimitBytes?: number;
  readonly maxConcurrentReads?: number;
}

const TIMESTAMP_RE = /^\d{1,12}$/;
const SIGNATURE_RE = /^v0=[0-9a-f]{64}$/;

export class RequestGate {
  private reading = 0;
  private readonly replays: ReplayGuard;
  private readonly limit: number;
  private readonly maxReads: number;

  constructor(private readonly opts: GateOptions) {
    this.replays = new ReplayGuard(SIGNATURE_WINDOW_SECONDS * 2 * 1000, opts.now);
    this.limit = opts.bodyLimitBytes ?? BODY_LIMIT_BYTES;
    this.maxReads = opts.maxConcurrentReads ?? MAX_CONCURRENT_READS;
  }

  async admit(req: IncomingMessage): Promise<Verdict> {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (Number.isFinite(declared) && declared > this.limit) return tooLarge(this.limit);
    if (this.reading >= this.maxReads) {
      return { pass: false, status: 503, message: 'Too many requests at once; try again in a second.', reason: 'too many bodies being read', closeConnection: true };
    }
    this.reading += 1;
    let body: Buffer | null;
    try {
      body = await readUpTo(req, this.limit);
    } finally {
      this.reading -= 1;
    }
    if (body === null) return tooLarge(this.limit);
    const text = body.toString('utf8');

    // Slack's certificate check is unsigned by design; Bolt answers it with the body trimmed to it.
    if (isSslCheck(header(req, 'content-type'), text)) return { pass: true, body: Buffer.from('ssl_check=1'), contentType: FORM };

    const ts = header(req, 'x-slack-request-timestamp');
    const signature = header(req, 'x-slack-signature');
    if (ts === undefined || !TIMESTAMP_RE.test(ts)) return unauthorized('the request timestamp is not a whole number of seconds');
    const skew = Number(ts) - Math.floor(this.opts.now() / 1000);
    if (Math.abs(skew) > SIGNATURE_WINDOW_SECONDS) return unauthorized(skew > 0 ? 'signed in the future' : 'signed too long ago');
    if (signature === undefined || !SIGNATURE_RE.test(signature)) return unauthorized('no valid signature');
    const expected = `v0=${createHmac('sha256', this.opts.signingSecret).update(`v0:${ts}:${text}`).digest('hex')}`;
    if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) return unauthorized('the signature does not match');
    // Answered, not refused: Slack retries what it sees fail, and the first copy was served.
    if (!this.replays.firstTime(signature)) return { pass: false, status: 200, message: '', reason: 'a replay of a request already served' };

    // Only a signed body is parsed in full: an unsigned one costs no more than its HMAC.
    const shape = readShape(header(req, 'content-type'), text);
    if (shape.kind === 'bad') return { pass: false, status: 400, message: `Bad request: ${shape.problem}.`, reason: shape.problem };
    // Bolt cannot tell what this is and would leave it unanswered past Slack's 3 s.
    if (shape.kind === 'events_rate_limited') {
      const since = shape.minute === null ? '' : ` since ${new Date(shape.minute * 1000).toISOString()}`;
      return { pass: false, status: 200, message: '', reason: `Slack is dropping events sent to this app (app_rate_limited${since}): over 30,000 in an hour`, warn: true };
    }
    return { pass: true, body, contentType: shape.contentType };
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

function unauthorized(reason: string): Verdict {
  return { pass: false, status: 401, message: '', reason };
}

function tooLarge(limit: number): Verdict {
  return { pass: false, status: 413, message: `Request body over ${Math.round(limit / 1024)} KB.`, reason: 'body over the limit', closeConnection: true };
}

/** The body, or null as soon as it passes `limit` bytes (the rest is never buffered). */
function readUpTo(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.once('error', reject);
    req.once('aborted', () => resolve(null));
  });
}
