import { ConfigError } from '../errors';

/** Where DATABASE_URL points: a SQLite file (or ':memory:') or a PostgreSQL server. */
export type DatabaseTarget = { readonly dialect: 'sqlite'; readonly path: string } | { readonly dialect: 'postgres'; readonly url: string };

const SQLITE_PREFIX = 'sqlite:';
const POSTGRES_RE = /^postgres(ql)?:\/\//i;

/**
 * Reads `sqlite:<path>` (`sqlite::memory:` for a private in-memory database) or
 * `postgres://…` / `postgresql://…`. Errors never quote the URL: it may hold a password.
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url.startsWith(SQLITE_PREFIX) && url.length > SQLITE_PREFIX.length) {
    return { dialect: 'sqlite', path: url.slice(SQLITE_PREFIX.length) };
  }
  if (POSTGRES_RE.test(url)) return { dialect: 'postgres', url };
  throw new ConfigError(['DATABASE_URL must look like sqlite:<path>, sqlite::memory: or postgres://user:password@host:port/db']);
}
