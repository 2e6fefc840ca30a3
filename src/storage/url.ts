import { readDatabaseUrl, type DatabaseTarget } from '../config/database-url';
import { ConfigError } from '../errors';

export type { DatabaseTarget, PostgresTarget, SslMode } from '../config/database-url';
export { describeDatabase } from '../config/database-url';

/**
 * Reads DATABASE_URL (its grammar lives with the rest of the environment's validation, in
 * config/, so a bad URL is reported at start with every other problem). Throws CONFIG_INVALID
 * whose problems never quote the URL: it may hold a password.
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const parsed = readDatabaseUrl(url);
  if (!parsed.ok) throw new ConfigError(parsed.problems);
  return parsed.target;
}
