import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { StorageError } from '../../errors';
import type { Logger } from '../../logging/logger';
import { DIALECTS, type ColumnTypes, type Dialect } from '../dialect';
import { initial } from './001-initial';
import { replicas } from './002-replicas';
import { localClock } from './003-local-clock';
import { weeklyDigests } from './004-weekly-digests';
import { relativeRules } from './005-relative-rules';
import { messageStates } from './006-message-states';
import { groups } from './007-groups';

/** A migration written once for every engine: the engine's column types arrive as an argument. */
export interface StorageMigration {
  up(db: Kysely<unknown>, columns: ColumnTypes): Promise<void>;
  down(db: Kysely<unknown>): Promise<void>;
}

/**
 * Every migration, in order. Written as modules rather than read from a folder so the
 * compiled `dist/` carries them without extra files. Names sort in the order they run;
 * never rename or edit one that has shipped — add the next.
 */
export const MIGRATIONS: Readonly<Record<string, StorageMigration>> = Object.freeze({
  '001-initial': initial,
  '002-replicas': replicas,
  '003-local-clock': localClock,
  '004-weekly-digests': weeklyDigests,
  '005-relative-rules': relativeRules,
  '006-message-states': messageStates,
  '007-groups': groups,
});

/** The migrations as Kysely runs them on one engine. */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  const { columns } = DIALECTS[dialect];
  const forDialect = (m: StorageMigration): Migration => ({ up: (db) => m.up(db, columns), down: (db) => m.down(db) });
  return {
    getMigrations: async () => Object.fromEntries(Object.entries(MIGRATIONS).map(([name, m]) => [name, forDialect(m)])),
  };
}

/**
 * Brings the schema up to date. Kysely's Migrator runs the pending migrations in one
 * transaction (both engines have transactional DDL) and, on PostgreSQL, under an advisory
 * lock, so processes starting together apply each migration once.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>, dialect: Dialect, log: Logger): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  const failed = (results ?? []).find((r) => r.status === 'Error')?.migrationName;
  if (error !== undefined) {
    throw new StorageError(`Database migration failed${failed ? ` at ${failed}` : ''}`, { migration: failed ?? null, applied }, error);
  }
  if (applied.length > 0) log.info({ applied }, 'database migrations applied');
}
