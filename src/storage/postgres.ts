import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { StorageError } from '../errors';
import type { Logger } from '../logging/logger';
import type { Database } from './database';
import { checkHealth } from './health';
import { migrateToLatest } from './migrations';
import { connectionFailure } from './postgres-errors';
import { sslOptions } from './postgres-ssl';
import type { StorageSchema } from './repositories/schema';
import { describeDatabase, type PostgresTarget } from './url';

/** The PostgreSQL driver: the only code that knows pg, its pool and its type parsers. */
export interface OpenPostgresOptions {
  target: PostgresTarget;
  /** Connections this process may hold at once (DATABASE_POOL_SIZE). */
  poolSize: number;
  logger: Logger;
}

export interface PostgresDatabase extends Database {
  readonly dialect: 'postgres';
}

/** pg_type oid of int8 (bigint): epoch milliseconds, and whatever count(*) returns. */
const INT8_OID = 20;
/** A connection that cannot be made in this long fails, rather than holding a start-up or a request forever. */
const DEFAULT_CONNECT_TIMEOUT_S = 10;

/**
 * int8 as a JS number, as better-sqlite3 reads it, so rows look the same on both engines. pg
 * hands int8 over as a string because it may not fit a double: past 2^53 this throws instead of
 * rounding, and the query fails with it (pg turns a parser's throw into the query's error).
 */
export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) {
    throw new StorageError('A bigint value is beyond Number.MAX_SAFE_INTEGER and cannot be read exactly', { driverCode: 'int8_unsafe' });
  }
  return n;
}

// Given to this pool's clients only (pg's per-client `types`): the process-wide pg.types stays
// as pg ships it, for any other pg user in the process.
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * Connects to the server (failing with a StorageError that names host, port, database and user
 * but never the password), then migrates under Kysely's advisory lock: replicas starting at
 * once apply each migration once.
 */
export async function openPostgresDatabase(opts: OpenPostgresOptions): Promise<PostgresDatabase> {
  const { target } = opts;
  const log = opts.logger.child({ component: 'storage' });
  const pool = new pg.Pool({
    host: target.host,
    port: target.port,
    database: target.database,
    user: target.user,
    password: target.password,
    ssl: sslOptions(target),
    max: opts.poolSize,
    types: TYPES,
    application_name: target.applicationName ?? 'occupancy-bot',
    connectionTimeoutMillis: (target.connectTimeoutSeconds ?? DEFAULT_CONNECT_TIMEOUT_S) * 1000,
  });
  // An idle connection the server closes (a restart, a failover) is an 'error' event on the
  // pool; unheard it would end the process. The pool drops it and opens another when asked.
  pool.on('error', (err: Error & { code?: string }) => {
    log.warn({ driverCode: err.code, store: describeDatabase(target) }, 'an idle PostgreSQL connection was closed; the pool will open another');
  });
  // A connection lost while checked out (mid-query) fails that query, and also emits 'error'
  // on its client, which the pool no longer listens to then: heard here, never a crash.
  pool.on('connect', (client) => {
    client.on('error', (err: Error & { code?: string }) => {
      log.warn({ driverCode: err.code, store: describeDatabase(target) }, 'a PostgreSQL connection in use was closed; its query failed');
    });
  });

  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw connectionFailure(target, err);
  }

  const db = new Kysely<StorageSchema>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db, 'postgres', log);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  log.debug({ store: describeDatabase(target), poolSize: opts.poolSize }, 'database open');

  let closing: Promise<void> | undefined;
  return {
    dialect: 'postgres',
    db,
    health: () => checkHealth(db, 'postgres'),
    close: () => (closing ??= db.destroy()),
  };
}
