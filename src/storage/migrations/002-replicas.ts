import type { Kysely } from 'kysely';
import type { ColumnTypes } from '../dialect';
import type { StorageMigration } from './index';

/**
 * What several replicas over one database coordinate through. Every rule is a row the engine
 * guards (a primary key, a conditional update), so no replica needs to know the others.
 *
 * - digest_runs gains a lease: `owner` and `lease_until` say who works on a claimed run and
 *   until when; `posting_at` is set just before the first message goes to Slack. A claimed run
 *   whose lease ran out is taken over when `posting_at` is null, and recorded unknown when not.
 *   (New columns rather than a new state: SQLite cannot change a CHECK constraint in place.)
 * - alert_scope_checks: which replica checks a scope, for which scheduled tick, until when.
 * - send_slots: when each Slack channel may next be posted to, shared by every replica.
 * - form_views: the newest input to each open form and the hash of its last drawing, so an
 *   interaction that lands on any replica draws the newest result.
 */
export const replicas: StorageMigration = {
  async up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
    await db.schema.alterTable('digest_runs').addColumn('owner', 'text').execute();
    await db.schema.alterTable('digest_runs').addColumn('lease_until', t.instant).execute();
    await db.schema.alterTable('digest_runs').addColumn('posting_at', t.instant).execute();

    await db.schema
      .createTable('alert_scope_checks')
      .addColumn('scope_key', 'text', (c) => c.primaryKey())
      // The scheduled time of the tick, as an ISO instant: later ticks sort after earlier ones.
      .addColumn('tick', 'text', (c) => c.notNull())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('lease_until', t.instant, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('send_slots')
      .addColumn('slot_key', 'text', (c) => c.primaryKey())
      .addColumn('next_at', t.instant, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('form_views')
      .addColumn('view_id', 'text', (c) => c.primaryKey())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('hash', 'text')
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('form_views_updated_idx').on('form_views').column('updated_at').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['form_views', 'send_slots', 'alert_scope_checks']) await db.schema.dropTable(table).ifExists().execute();
    for (const column of ['posting_at', 'lease_until', 'owner']) await db.schema.alterTable('digest_runs').dropColumn(column).execute();
  },
};
