/**
 * The grammar of DATABASE_URL, read once here so a bad URL is reported with every other
 * configuration problem at start, and the storage adapter opens exactly what was checked.
 * Problems never quote the URL or any part of it a password could hide in.
 */

/** How a PostgreSQL connection is protected, with libpq's meanings (see README, "Database"). */
export type SslMode = 'disable' | 'require' | 'verify-ca' | 'verify-full';

export interface PostgresTarget {
  readonly dialect: 'postgres';
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  /** Empty when the URL has none (trust or peer authentication). */
  readonly password: string;
  readonly sslMode: SslMode;
  /** A CA certificate file (PEM) the server's certificate must chain to, instead of Node's list. */
  readonly sslRootCert?: string;
  readonly applicationName?: string;
  /** libpq's connect_timeout, in seconds; undefined for the driver's default. */
  readonly connectTimeoutSeconds?: number;
}

export type DatabaseTarget = { readonly dialect: 'sqlite'; readonly path: string } | PostgresTarget;

/** The problems of a DATABASE_URL, each starting with the variable's name; empty when it is usable. */
export type ParsedDatabaseUrl = { ok: true; target: DatabaseTarget } | { ok: false; problems: string[] };

const SQLITE_PREFIX = 'sqlite:';
const POSTGRES_RE = /^postgres(ql)?:\/\//i;
const SHAPES = 'sqlite:<path>, sqlite::memory: or postgres://user:password@host:port/database';
const SSL_MODES: readonly SslMode[] = ['disable', 'require', 'verify-ca', 'verify-full'];
/** The query parameters understood; anything else is refused rather than silently ignored. */
const PARAMETERS = ['sslmode', 'sslrootcert', 'application_name', 'connect_timeout'];
const DEFAULT_PORT = 5432;

export function readDatabaseUrl(url: string): ParsedDatabaseUrl {
  if (url.startsWith(SQLITE_PREFIX) && url.length > SQLITE_PREFIX.length) {
    return { ok: true, target: { dialect: 'sqlite', path: url.slice(SQLITE_PREFIX.length) } };
  }
  if (!POSTGRES_RE.test(url)) return { ok: false, problems: [`DATABASE_URL must look like ${SHAPES}`] };
  return parsePostgres(url);
}

function parsePostgres(url: string): ParsedDatabaseUrl {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, problems: [`DATABASE_URL is not a valid URL (expected ${SHAPES}; percent-encode @, : and / inside the password)`] };
  }
  const problems: string[] = [];
  const decode = (part: string, what: string): string => {
    try {
      return decodeURIComponent(part);
    } catch {
      problems.push(`DATABASE_URL: the ${what} has a broken percent-encoding`);
      return '';
    }
  };
  const host = u.hostname.replace(/^\[(.+)\]$/, '$1');
  const user = decode(u.username, 'user name');
  const password = decode(u.password, 'password');
  const database = decode(u.pathname.replace(/^\//, ''), 'database name');
  if (!host) problems.push('DATABASE_URL names no host: postgres://user:password@host:port/database');
  if (!user) problems.push('DATABASE_URL names no user: postgres://user:password@host:port/database');
  if (!database || database.includes('/')) problems.push('DATABASE_URL must name one database after the host: postgres://user:password@host:port/database');
  const port = u.port === '' ? DEFAULT_PORT : Number(u.port);
  if (port < 1) problems.push('DATABASE_URL port must be between 1 and 65535');

  const params = u.searchParams;
  for (const key of new Set(params.keys())) {
    if (!PARAMETERS.includes(key)) problems.push(`DATABASE_URL parameter "${key}" is not understood (understood: ${PARAMETERS.join(', ')})`);
    else if (params.getAll(key).length > 1) problems.push(`DATABASE_URL parameter "${key}" is given more than once`);
  }
  const rawMode = params.get('sslmode') ?? 'disable';
  const sslMode = SSL_MODES.find((m) => m === rawMode);
  if (!sslMode) {
    // pg cannot fall back to plain text as libpq's prefer and allow do: say so rather than guess.
    const why = rawMode === 'prefer' || rawMode === 'allow' ? ` ("${rawMode}" would need a fallback to plain text the driver cannot do)` : '';
    problems.push(`DATABASE_URL sslmode must be one of ${SSL_MODES.join(', ')}${why}`);
  }
  const sslRootCert = params.get('sslrootcert') ?? undefined;
  if (sslRootCert !== undefined && (sslMode === undefined || sslMode === 'disable')) {
    problems.push('DATABASE_URL sslrootcert needs sslmode=require, verify-ca or verify-full');
  }
  if (sslMode === 'verify-ca' && sslRootCert === undefined) {
    // Against the public CAs, "any certificate they issued, for any host" proves nothing.
    problems.push('DATABASE_URL sslmode=verify-ca needs sslrootcert=<CA file>; against public CAs use verify-full');
  }
  const timeout = params.get('connect_timeout');
  const connectTimeoutSeconds = timeout === null ? undefined : Number(timeout);
  if (timeout !== null && !(/^\d+$/.test(timeout) && connectTimeoutSeconds! >= 1 && connectTimeoutSeconds! <= 600)) {
    problems.push('DATABASE_URL connect_timeout must be a whole number of seconds between 1 and 600');
  }
  if (problems.length > 0 || !sslMode) return { ok: false, problems };

  const target: PostgresTarget = {
    dialect: 'postgres',
    host,
    port,
    database,
    user,
    password,
    sslMode,
    ...(sslRootCert !== undefined ? { sslRootCert } : {}),
    ...(params.has('application_name') ? { applicationName: params.get('application_name')! } : {}),
    ...(connectTimeoutSeconds !== undefined ? { connectTimeoutSeconds } : {}),
  };
  return { ok: true, target };
}

/** Where the store is, for logs and errors: never the password, so never the URL itself. */
export function describeDatabase(target: DatabaseTarget): string {
  if (target.dialect === 'sqlite') return `sqlite ${target.path}`;
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return `postgres ${target.user}@${host}:${target.port}/${target.database}`;
}
