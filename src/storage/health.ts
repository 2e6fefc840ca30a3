import { DEFAULT_MIGRATION_LOCK_TABLE, DEFAULT_MIGRATION_TABLE, sql, type Kysely } from 'kysely';
import type { StoreHealth } from '../ports/store/index';
import type { Dialect } from './dialect';
import { MIGRATIONS } from './migrations';

/** Below the Dockerfile's HEALTHCHECK timeout (5 s), so a hung server reads as "not ok", not as no answer. */
const HEALTH_TIMEOUT_MS = 3000;

/** Thrown inside the probe's transaction so that its write is never kept. */
class ProbeRollback extends Error {}

/**
 * A write that is never kept: the migration lock's one row rewritten as it is, in a
 * transaction rolled back. A store that can be read but not written (a read-only file or
 * volume, a read-only replica of PostgreSQL) fails it with the driver's own error.
 */
export async function probeWrite<DB>(db: Kysely<DB>): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      await sql`update ${sql.table(DEFAULT_MIGRATION_LOCK_TABLE)} set is_locked = is_locked`.execute(trx);
      throw new ProbeRollback();
    });
  } catch (err) {
    if (!(err instanceof ProbeRollback)) throw err;
  }
}

/**
 * One round trip for reachability, one for the applied migrations (compared with the ones this
 * code carries) and a write that is rolled back. Never throws: a health page reports failures,
 * it does not have them.
 */
export async function checkHealth<DB>(db: Kysely<DB>, dialect: Dialect, timeoutMs = HEALTH_TIMEOUT_MS): Promise<StoreHealth> {
  const asked = (async () => {
    await sql`select 1`.execute(db);
    const { rows } = await sql<{ name: string }>`select name from ${sql.table(DEFAULT_MIGRATION_TABLE)}`.execute(db);
    try {
      await probeWrite(db);
    } catch (err) {
      return { unwritable: errorCode(err) };
    }
    return rows.map((r) => r.name);
  })();
  // The race below may leave it behind; its late failure must not become an unhandled rejection.
  asked.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)));
  try {
    const applied = await Promise.race([asked, late]);
    if (applied === 'late') return notOk(dialect, `no answer within ${timeoutMs} ms`);
    if (!Array.isArray(applied)) return notOk(dialect, `the store can be read but not written${applied.unwritable ? ` (${applied.unwritable})` : ''}`);
    return compare(dialect, applied);
  } catch (err) {
    const code = errorCode(err);
    return notOk(dialect, `the store did not answer${code ? ` (${code})` : ''}`);
  } finally {
    clearTimeout(timer);
  }
}

/** The driver's error code of a failure, or '' when it has none. */
export function errorCode(err: unknown): string {
  // Our StorageError keeps the driver's code; a raw driver error has it itself.
  const e = err as { driverCode?: unknown; code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.driverCode ?? e?.cause?.code ?? e?.code;
  return typeof code === 'string' ? code : '';
}

export function notOk(engine: Dialect, problem: string): StoreHealth {
  return { engine, ok: false, migrations: 'unknown', problem };
}

function compare(engine: Dialect, applied: readonly string[]): StoreHealth {
  const known = Object.keys(MIGRATIONS);
  if (known.some((name) => !applied.includes(name))) {
    return { engine, ok: false, migrations: 'behind', problem: 'migrations this code needs are not applied' };
  }
  return { engine, ok: true, migrations: applied.some((name) => !known.includes(name)) ? 'newer' : 'current' };
}
