import { StorageError } from '../errors';
import type { PostgresTarget } from './url';

/** What a failed connection's code means, in words that say what to check. */
const REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused: is the server running and listening on that host and port?',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed (DNS did not answer)',
  ETIMEDOUT: 'no answer from the server (timed out)',
  EHOSTUNREACH: 'host unreachable',
  ECONNRESET: 'the server closed the connection (is it a PostgreSQL server, and does it accept this sslmode?)',
  '28P01': 'password authentication failed: check the user and password in DATABASE_URL',
  '28000': 'the server refused this client',
  '3D000': 'the database does not exist',
  '53300': 'the server has no connection slots left',
  '57P03': 'the server is starting up or shutting down',
  SELF_SIGNED_CERT_IN_CHAIN: "the server's certificate was not accepted (self-signed in its chain)",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the server's certificate was not accepted (self-signed)",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's certificate was not accepted (no trusted issuer; sslrootcert names the CA)",
  ERR_TLS_CERT_ALTNAME_INVALID: "the server's certificate does not name this host (sslmode=verify-full)",
};

/**
 * A failed connection as a StorageError naming where (host, port, database, user) and why,
 * never the password: the message is built from the target, and the driver's own words are
 * added only after any copy of the password is cut out of them.
 */
export function connectionFailure(target: PostgresTarget, err: unknown): StorageError {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const driverWords = typeof e.message === 'string' ? withoutPassword(e.message, target.password) : '';
  const reason = REASONS[code] ?? (/timeout/i.test(driverWords) ? 'no answer from the server (timed out)' : driverWords || 'unknown error');
  // The server's own line adds what ours cannot know (which pg_hba.conf rule, which user).
  const detail = REASONS[code] && code.startsWith('28') && driverWords ? ` (${driverWords})` : '';
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  const where = `at ${host}:${target.port}, database ${target.database}, user ${target.user}, sslmode=${target.sslMode}`;
  // No `cause`: the message already carries the driver's words, and a start-up failure should
  // read as one line, not as the driver's stack.
  return new StorageError(`Cannot connect to PostgreSQL ${where}: ${reason}${detail}`, { op: 'connect', driverCode: code || undefined });
}

function withoutPassword(text: string, password: string): string {
  if (password.length === 0) return text;
  return [password, encodeURIComponent(password)].reduce((t, p) => t.split(p).join('[REDACTED]'), text);
}
