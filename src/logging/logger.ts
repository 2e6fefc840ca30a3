import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

const CENSOR = '[REDACTED]';

/** Keys whose values are secret wherever they appear, at any depth. */
const SECRET_KEY_RE =
  /^(authorization|x-session-id|x-slack-signature|cookie|set-cookie|token|access_token|refresh_token|bot_token|app_token|bottoken|apptoken|session_id|sessionid|client_secret|clientsecret|signing_secret|signingsecret|secret|password|response_url|responseurl)$/i;

/** Patterns of secrets that may hide inside free text (error messages, URLs). */
const SECRET_TEXT_RES: RegExp[] = [
  /xox[abposr]-[A-Za-z0-9-]+/g,
  /xapp-[A-Za-z0-9-]+/g,
  /(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi,
  /(X-Session-Id["']?\s*[:=]\s*["']?)[^"',\s}]+/gi,
  /(session_id["']?\s*[:=]\s*["']?)[^"',\s}]+/gi,
  /(access_token["']?\s*[:=]\s*["']?)[^"',\s}]+/gi,
  /(client_secret["']?\s*[:=]\s*["']?)[^"',\s}]+/gi,
  /https:\/\/hooks\.slack\.com\/[^\s"']+/g,
  // user:password@ in any URL: the host stays, the credentials go.
  /([a-z][a-z0-9+.-]*:\/\/)[^\s/@"']+@/gi,
];

export interface ScrubOptions {
  /** Literal secret values (from config, or learned at run time such as a session id). */
  secrets: () => readonly string[];
}

export function makeScrubber(opts: ScrubOptions) {
  const scrubText = (s: string): string => {
    let out = s;
    for (const secret of opts.secrets()) {
      if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join(CENSOR);
    }
    for (const re of SECRET_TEXT_RES) {
      out = out.replace(re, (_m, prefix?: string) => (typeof prefix === 'string' ? `${prefix}${CENSOR}` : CENSOR));
    }
    return out;
  };
  const scrub = (value: unknown, depth = 0, seen = new WeakSet<object>()): unknown => {
    if (typeof value === 'string') return scrubText(value);
    if (value === null || typeof value !== 'object') return value;
    if (depth > 8 || seen.has(value)) return '[…]';
    seen.add(value);
    if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1, seen));
    const src: Record<string, unknown> =
      value instanceof Error ? errorToObject(value) : (value as Record<string, unknown>);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(src)) {
      out[k] = SECRET_KEY_RE.test(k) && v !== undefined && v !== null ? CENSOR : scrub(v, depth + 1, seen);
    }
    return out;
  };
  return { scrub, scrubText };
}

function errorToObject(err: Error): Record<string, unknown> {
  const o: Record<string, unknown> = { type: err.name, message: err.message, stack: err.stack };
  for (const [k, v] of Object.entries(err)) o[k] = v;
  if ('cause' in err && err.cause !== undefined) o.cause = err.cause;
  return o;
}

export interface LoggerOptions {
  level: string;
  /** Literal secret values to censor anywhere in a log line. */
  secrets?: readonly string[];
  destination?: DestinationStream;
  name?: string;
}

/**
 * The one logger of a process. Every line is scrubbed after serialization: secret keys at any
 * depth, known secret values, and token-shaped text inside messages and error strings.
 * Secrets learned later (an InnerSpace session id) are added with `addSecret`.
 */
export function createLogger(opts: LoggerOptions): { logger: Logger; addSecret: (s: string) => void } {
  const dynamic = new Set<string>(opts.secrets ?? []);
  const { scrub, scrubText } = makeScrubber({ secrets: () => [...dynamic] });
  const destination = opts.destination ?? pino.destination({ dest: 1, sync: false });
  const logger = pino(
    {
      level: opts.level,
      name: opts.name ?? 'occupancy-bot',
      serializers: { err: (e: unknown) => scrub(e instanceof Error ? errorToObject(e) : e) },
      formatters: {
        log: (obj) => scrub(obj) as Record<string, unknown>,
        bindings: (b) => scrub(b) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const cleaned = args.map((a) => (typeof a === 'string' ? scrubText(a) : a));
          return method.apply(this, cleaned as Parameters<typeof method>);
        },
      },
    },
    // Last line of defence: literal secrets and token shapes are scrubbed from the serialized
    // line too, which also covers child-logger bindings that bypass the formatters.
    { write: (line: string) => destination.write(scrubText(line)) },
  );
  return {
    logger,
    addSecret: (s: string) => {
      if (s && s.length >= 4) dynamic.add(s);
    },
  };
}
