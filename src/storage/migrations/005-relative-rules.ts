import { sql, type Kysely } from 'kysely';
import type { ColumnTypes } from '../dialect';
import type { StorageMigration } from './index';

/**
 * Rules relative to the usual level ("above 130% of usual").
 *
 * - subscriptions.threshold_kind: 'absolute' (the threshold is people or % of capacity, as
 *   before) or 'relative' (threshold and recovery are % of the usual level). Rules stored
 *   before read as absolute. The CHECK sits on the column because SQLite cannot add a table
 *   constraint to an existing table.
 * - alert_state.episode_usual / episode_usual_weeks: the usual level at the episode's extreme
 *   and how many of the 4 weeks it was drawn from, so the episode message can say
 *   "143, usual for Tue 10:00 is 98" when it is edited long after the buckets were read.
 */
export const relativeRules: StorageMigration = {
  async up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
    await db.schema
      .alterTable('subscriptions')
      .addColumn('threshold_kind', 'text', (c) => c.notNull().defaultTo('absolute').check(sql`threshold_kind in ('absolute', 'relative')`))
      .execute();
    await db.schema.alterTable('alert_state').addColumn('episode_usual', t.real).execute();
    await db.schema.alterTable('alert_state').addColumn('episode_usual_weeks', 'integer').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('alert_state').dropColumn('episode_usual_weeks').execute();
    await db.schema.alterTable('alert_state').dropColumn('episode_usual').execute();
    await db.schema.alterTable('subscriptions').dropColumn('threshold_kind').execute();
  },
};
