import cron from 'node-cron';
import { z } from 'zod';
import { ConfigError } from '../errors';

import { GROUP_ID_PATTERN, NIL_GROUP_ID } from '../domain/occupancy';
import { readDatabaseUrl, type DatabaseTarget } from './database-url';

export { NIL_GROUP_ID };
export { describeDatabase, readDatabaseUrl, type DatabaseTarget, type ParsedDatabaseUrl, type PostgresTarget, type SslMode } from './database-url';

export type SlackMode = 'local' | 'http' | 'socket';

export type ChartDelivery = 'url' | 'upload';

export interface Config {
  readonly slack: {
    readonly mode: SlackMode;
    readonly botToken?: string;
    readonly signingSecret?: string;
    readonly appToken?: string;
    /** Base URL of the Slack Web API, ending in `/`; undefined means Slack's own. */
    readonly apiUrl?: string;
  };
  readonly port: number;
  readonly innerspace: {
    /** True when no credentials are configured: the embedded simulator serves the API. */
    readonly simulated: boolean;
    readonly clientId?: string;
    readonly clientSecret?: string;
    readonly auth: 'session' | 'bearer';
    readonly tokenUrl: string;
    readonly apiUrl: string;
    readonly audience: string;
    readonly groupId: string;
    readonly timeoutMs: number;
    readonly deadlineMs: number;
    /** Minutes a result that may still change is trusted before InnerSpace is asked again. */
    readonly recheckMinutes: number;
  };
  readonly database: {
    /** DATABASE_URL as given (it may hold a password: never log it; describeDatabase(target) says where). */
    readonly url: string;
    readonly target: DatabaseTarget;
    /** PostgreSQL connections per process (DATABASE_POOL_SIZE); SQLite has one. */
    readonly poolSize: number;
  };
  readonly quickchartUrl: string;
  /**
   * How charts reach Slack: `url` puts the QuickChart URL in an image block (Slack downloads it;
   * when it can't, the message goes again without the picture); `upload` renders the PNG from
   * the bot and uploads it (for a QuickChart server Slack cannot reach; needs `files:write`).
   */
  readonly chartDelivery: ChartDelivery;
  readonly adminUserIds: readonly string[];
  readonly digestGraceMinutes: number;
  readonly alertCheckCron: string;
  readonly alertNoDataAfterHours: number;
  /**
   * This process among replicas sharing one store: its name (one is made up from host and
   * process when unset) and how long its claims on digest runs and alert scopes hold without
   * renewal, so another replica takes over that long after it dies.
   */
  readonly replica: { readonly id: string | null; readonly leaseMs: number };
  /** Local mode: the web console also answers browsers on other machines (e.g. through a container's published port). */
  readonly localConsoleRemote: boolean;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Every secret value in this config, for log scrubbing. */
  readonly secrets: readonly string[];
}

export type Env = Readonly<Record<string, string | undefined>>;

const SLACK_USER_RE = /^[UW][A-Z0-9]{2,}$/;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = <T extends z.ZodType>(s: T) => z.preprocess(blankToUndefined, s.optional());
const withDefault = <T extends z.ZodType>(s: T, d: string) => z.preprocess((v) => blankToUndefined(v) ?? d, s);

const parsedUrl = (v: string): URL | null => {
  try {
    return new URL(v);
  } catch {
    return null;
  }
};

// fetch refuses URLs with credentials in them, and an error quoting one would leak them.
const httpUrl = (name: string) =>
  z
    .string()
    .refine((v) => ['http:', 'https:'].includes(parsedUrl(v)?.protocol ?? ''), `${name} must be an http(s) URL`)
    .refine((v) => {
      const u = parsedUrl(v);
      return u === null || (u.username === '' && u.password === '');
    }, `${name} must not carry a user or password (user:password@); give credentials in their own settings`);

const intIn = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${name} must be between ${min} and ${max}`);

// Messages never include the received value: several of these variables are secrets.
const schema = z.object({
  SLACK_BOT_TOKEN: opt(z.string().startsWith('xoxb-', 'SLACK_BOT_TOKEN must be a bot token starting with xoxb-')),
  SLACK_SIGNING_SECRET: opt(z.string().regex(/^[0-9a-zA-Z]{16,}$/, 'SLACK_SIGNING_SECRET must be the app signing secret (16+ letters and digits)')),
  SLACK_APP_TOKEN: opt(z.string().startsWith('xapp-', 'SLACK_APP_TOKEN must be an app-level token starting with xapp-')),
  SLACK_API_URL: opt(httpUrl('SLACK_API_URL')),
  PORT: withDefault(intIn('PORT', 0, 65535), '3000'),
  INNERSPACE_CLIENT_ID: opt(z.string().min(1)),
  INNERSPACE_CLIENT_SECRET: opt(z.string().min(1)),
  INNERSPACE_AUTH: withDefault(z.enum(['session', 'bearer'], 'INNERSPACE_AUTH must be "session" or "bearer"'), 'session'),
  INNERSPACE_TOKEN_URL: withDefault(httpUrl('INNERSPACE_TOKEN_URL'), 'https://api.innerspace.io/v2/oauth/token'),
  INNERSPACE_API_URL: withDefault(httpUrl('INNERSPACE_API_URL'), 'https://api.innerspace.io/v2/api'),
  INNERSPACE_AUDIENCE: withDefault(z.string().min(1), 'https://global-config.innerspace.io'),
  INNERSPACE_GROUP_ID: withDefault(z.string().regex(GROUP_ID_PATTERN, 'INNERSPACE_GROUP_ID must be a UUID'), NIL_GROUP_ID),
  INNERSPACE_TIMEOUT_MS: withDefault(intIn('INNERSPACE_TIMEOUT_MS', 100, 120_000), '10000'),
  INNERSPACE_DEADLINE_MS: withDefault(intIn('INNERSPACE_DEADLINE_MS', 100, 600_000), '30000'),
  INNERSPACE_RECHECK_MINUTES: withDefault(intIn('INNERSPACE_RECHECK_MINUTES', 1, 1440), '10'),
  DATABASE_URL: withDefault(
    z.string().transform((url, ctx) => {
      const parsed = readDatabaseUrl(url);
      if (parsed.ok) return { url, target: parsed.target };
      for (const message of parsed.problems) ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }),
    'sqlite:./data/occupancy-bot.db',
  ),
  DATABASE_POOL_SIZE: withDefault(intIn('DATABASE_POOL_SIZE', 1, 100), '10'),
  QUICKCHART_URL: withDefault(httpUrl('QUICKCHART_URL'), 'https://quickchart.io'),
  CHART_DELIVERY: withDefault(z.enum(['url', 'upload'], 'CHART_DELIVERY must be "url" or "upload"'), 'url'),
  ADMIN_USER_IDS: withDefault(
    z
      .string()
      .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
      .refine((ids) => ids.every((id) => SLACK_USER_RE.test(id)), 'ADMIN_USER_IDS must be comma-separated Slack user ids like U012ABCDEF'),
    '',
  ),
  DIGEST_GRACE_MINUTES: withDefault(intIn('DIGEST_GRACE_MINUTES', 0, 1440), '30'),
  ALERT_CHECK_CRON: withDefault(
    z.string().refine((v) => cron.validate(v), 'ALERT_CHECK_CRON must be a node-cron expression (5 or 6 fields)'),
    '*/15 * * * *',
  ),
  ALERT_NO_DATA_AFTER_HOURS: withDefault(intIn('ALERT_NO_DATA_AFTER_HOURS', 1, 24 * 14), '36'),
  REPLICA_ID: opt(z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'REPLICA_ID must be 1-100 letters, digits, dots, dashes, colons or underscores')),
  REPLICA_LEASE_SECONDS: withDefault(intIn('REPLICA_LEASE_SECONDS', 5, 600), '30'),
  LOCAL_CONSOLE_REMOTE: withDefault(z.enum(['true', 'false'], 'LOCAL_CONSOLE_REMOTE must be "true" or "false"'), 'false'),
  LOG_LEVEL: withDefault(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'), 'info'),
});

/**
 * Builds the one Config of a process from an environment. Reports every problem at once,
 * each naming its variable and never echoing a value.
 */
export function loadConfig(env: Env): Config {
  const parsed = schema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? 'environment');
      problems.push(issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`);
    }
  }
  // Cross-variable rules look only at which variables are set, so they are reported together
  // with any malformed value rather than after it is fixed.
  const has = (name: string) => typeof env[name] === 'string' && env[name]!.trim() !== '';
  if (has('SLACK_BOT_TOKEN') && !has('SLACK_APP_TOKEN') && !has('SLACK_SIGNING_SECRET')) {
    problems.push('SLACK_SIGNING_SECRET is required in HTTP mode (SLACK_BOT_TOKEN set, SLACK_APP_TOKEN not set)');
  }
  if (has('SLACK_APP_TOKEN') && !has('SLACK_BOT_TOKEN')) {
    problems.push('SLACK_APP_TOKEN needs SLACK_BOT_TOKEN too (Socket Mode still posts with the bot token)');
  }
  if (has('INNERSPACE_CLIENT_ID') !== has('INNERSPACE_CLIENT_SECRET')) {
    problems.push('INNERSPACE_CLIENT_ID and INNERSPACE_CLIENT_SECRET must be set together (or both left unset for the simulator)');
  }
  const e = parsed.success ? parsed.data : undefined;
  if (problems.length > 0 || !e) {
    throw new ConfigError(problems);
  }

  const mode: SlackMode = !e.SLACK_BOT_TOKEN ? 'local' : e.SLACK_APP_TOKEN ? 'socket' : 'http';
  const apiUrl = e.SLACK_API_URL ? (e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`) : undefined;
  const database = e.DATABASE_URL.target;
  // The whole URL as well as the password: a URL that reached a log line is censored entire,
  // whichever way its password was percent-encoded.
  const dbSecrets = database.dialect === 'postgres' ? [e.DATABASE_URL.url, database.password] : [];
  const secrets = [e.SLACK_BOT_TOKEN, e.SLACK_SIGNING_SECRET, e.SLACK_APP_TOKEN, e.INNERSPACE_CLIENT_SECRET, ...dbSecrets].filter(
    (s): s is string => typeof s === 'string' && s.length > 0,
  );

  const config: Config = {
    slack: { mode, botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN, apiUrl },
    port: e.PORT,
    innerspace: {
      simulated: !e.INNERSPACE_CLIENT_ID,
      clientId: e.INNERSPACE_CLIENT_ID,
      clientSecret: e.INNERSPACE_CLIENT_SECRET,
      auth: e.INNERSPACE_AUTH,
      tokenUrl: e.INNERSPACE_TOKEN_URL,
      apiUrl: e.INNERSPACE_API_URL,
      audience: e.INNERSPACE_AUDIENCE,
      groupId: e.INNERSPACE_GROUP_ID.toLowerCase(),
      timeoutMs: e.INNERSPACE_TIMEOUT_MS,
      deadlineMs: e.INNERSPACE_DEADLINE_MS,
      recheckMinutes: e.INNERSPACE_RECHECK_MINUTES,
    },
    database: { url: e.DATABASE_URL.url, target: database, poolSize: e.DATABASE_POOL_SIZE },
    quickchartUrl: e.QUICKCHART_URL.replace(/\/+$/, ''),
    chartDelivery: e.CHART_DELIVERY,
    adminUserIds: e.ADMIN_USER_IDS,
    digestGraceMinutes: e.DIGEST_GRACE_MINUTES,
    alertCheckCron: e.ALERT_CHECK_CRON,
    alertNoDataAfterHours: e.ALERT_NO_DATA_AFTER_HOURS,
    replica: { id: e.REPLICA_ID ?? null, leaseMs: e.REPLICA_LEASE_SECONDS * 1000 },
    localConsoleRemote: e.LOCAL_CONSOLE_REMOTE === 'true',
    logLevel: e.LOG_LEVEL,
    secrets,
  };
  return deepFreeze(config);
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o as object)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
