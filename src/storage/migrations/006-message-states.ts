import type { Kysely } from 'kysely';
import type { ColumnTypes } from '../dialect';
import type { StorageMigration } from './index';

/**
 * What an alert's messages need to show the state of their rule after the fact.
 *
 * - alert_messages: every top-level message a rule posted, with its latest content (text,
 *   blocks, charts), so a change to the rule (muted, snoozed, deleted) can redraw them all. No foreign key on the subscription: the rows
 *   are read after the rule is gone, then forgotten.
 * - removed_subscriptions: who deleted a rule and when, so its old buttons pressed later say
 *   that instead of "couldn't find". Ids are never reused, so a row never names a live rule.
 * - subscriptions.snoozed_by: who snoozed a rule, for the channel's note and the held alerts.
 */
export const messageStates: StorageMigration = {
  async up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
    await db.schema
      .createTable('alert_messages')
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('ts', 'text', (c) => c.notNull())
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('subscription_id', 'integer', (c) => c.notNull())
      .addColumn('content', t.json, (c) => c.notNull())
      .addColumn('posted_at', t.instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('alert_messages_pk', ['channel', 'ts'])
      .execute();
    await db.schema.createIndex('alert_messages_subscription_idx').on('alert_messages').columns(['team_id', 'subscription_id']).execute();

    await db.schema
      .createTable('removed_subscriptions')
      .addColumn('subscription_id', 'integer', (c) => c.primaryKey())
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('removed_by', 'text', (c) => c.notNull())
      .addColumn('removed_at', t.instant, (c) => c.notNull())
      .execute();

    await db.schema.alterTable('subscriptions').addColumn('snoozed_by', 'text').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('subscriptions').dropColumn('snoozed_by').execute();
    for (const table of ['removed_subscriptions', 'alert_messages']) await db.schema.dropTable(table).ifExists().execute();
  },
};
