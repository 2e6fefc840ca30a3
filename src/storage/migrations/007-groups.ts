import type { Kysely } from 'kysely';
import type { StorageMigration } from './index';

/**
 * The population group (InnerSpace's GROUP root, e.g. a department) a digest or an alert rule
 * reads. Columns that may be null: every digest and rule stored before groups existed, and
 * every one set up without `group`, keeps reading the configured default group
 * (INNERSPACE_GROUP_ID), as before.
 */
export const groups: StorageMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('digests').addColumn('group_id', 'text').execute();
    await db.schema.alterTable('subscriptions').addColumn('group_id', 'text').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('subscriptions').dropColumn('group_id').execute();
    await db.schema.alterTable('digests').dropColumn('group_id').execute();
  },
};
