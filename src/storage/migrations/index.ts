import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './001-initial';

/**
 * Every migration, in order. Written as modules rather than read from a folder so the
 * compiled `dist/` carries them without extra files. Names sort in the order they run;
 * never rename or edit one that has shipped — add the next.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = Object.freeze({
  '001-initial': initial,
});

export const inCodeMigrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};
