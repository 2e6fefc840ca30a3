import { sql, type Kysely } from 'kysely';
import type { StorageMigration } from './index';

/**
 * Weekly digests: a digest says whether it covers the latest day (`daily`, every row so far) or
 * last week (`weekly`, sent on the one weekday in `days`). A column with a default rather than
 * a new table: runs stay keyed by (digest, local date), so the claim, grace window and catch-up
 * rules are the daily ones. No CHECK constraint: SQLite cannot add one to an existing table.
 */
export const weeklyDigests: StorageMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('digests')
      .addColumn('cadence', 'text', (c) => c.notNull().defaultTo(sql`'daily'`))
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('digests').dropColumn('cadence').execute();
  },
};
