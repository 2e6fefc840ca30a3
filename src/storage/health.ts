import { DEFAULT_MIGRATION_TABLE, sql, type Kysely } from 'kysely';
import type { StoreHealth } from '../ports/store/index';
import type { Dialect } from './dialect';
import { MIGRATIONS } from './migrations';

/** Below the Dockerfile's HEALTHCHECK timeout (5 s), so a hung server reads as "not ok", not as no answer. */
const HEALTH_TIMEOUT_MS = 3000;

/**
 * One round trip for reachability and one for the applied migrations, compared with the ones
 * this code carries. Never throws: a health page reports failures, it does not have them.
 */
export async function checkHealth<DB>(db: Kysely<DB>, dialect: Dialect, timeoutMs = HEALTH_TIMEOUT_MS): Promise<StoreHealth> {
  const asked = (async () => {
    await sql`select 1`.execute(db);
    const { rows } = await sql<{ name: string }>`select name from ${sql.table(DEFAULT_MIGRATION_TABLE)}`.execute(db);
    return rows.map((r) => r.name);
  })();
  // The race below may leave it behind; its late failure must not become an unhandled rejection.
  asked.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)));
  try {
    const applied = await Promise.race([asked, late]);
    if (applied === 'late') return notOk(dialect, `no answer within ${timeoutMs} ms`);
    return compare(dialect, applied);
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
    return notOk(dialect, `the store did not answer${code ? ` (${code})` : ''}`);
  } finally {
    clearTimeout(timer);
  }
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
