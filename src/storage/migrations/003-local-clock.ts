import type { Kysely } from 'kysely';
import type { ColumnTypes } from '../dialect';
import type { StorageMigration } from './index';

/**
 * local_clock: how far local mode's clock runs ahead of the system clock, per local workspace,
 * so a restarted local mode resumes its clock where it was instead of behind its stored state.
 */
export const localClock: StorageMigration = {
  async up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
    await db.schema
      .createTable('local_clock')
      .addColumn('team_id', 'text', (c) => c.primaryKey())
      // Signed: a clock set to start in the past runs behind the system clock.
      .addColumn('offset_ms', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('local_clock').execute();
  },
};
