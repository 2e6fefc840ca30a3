import { sql, type Kysely } from 'kysely';
import type { ColumnTypes } from '../dialect';
import type { StorageMigration } from './index';

/**
 * Instants are bigint epoch milliseconds, reals double precision, JSON text; ids are the
 * engine's own identity column. There are no boolean columns (digest flags live in the options
 * JSON). Enumerations are guarded by CHECK constraints so a bad write fails loudly instead of
 * surfacing later as an odd read.
 *
 * (Before the types were named per engine this migration said 'integer' and 'real'; SQLite
 * gives 'bigint' and 'double precision' the same INTEGER and REAL affinities, so files
 * migrated by the earlier text have the same schema in effect.)
 */
export const initial: StorageMigration = {
  async up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
    await db.schema
      .createTable('digests')
      .addColumn('id', 'integer', t.id)
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('channel_id', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('building_ids', t.json, (c) => c.notNull())
      .addColumn('time_of_day', 'text', (c) => c.notNull())
      .addColumn('days', t.json, (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('options', t.json, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('paused_reason', 'text')
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addCheckConstraint('digests_status_check', sql`status in ('active', 'paused')`)
      .execute();
    await db.schema.createIndex('digests_team_channel_idx').on('digests').columns(['team_id', 'channel_id']).execute();
    await db.schema.createIndex('digests_status_idx').on('digests').column('status').execute();

    await db.schema
      .createTable('digest_runs')
      .addColumn('digest_id', 'integer', (c) => c.notNull().references('digests.id').onDelete('cascade'))
      .addColumn('local_date', 'text', (c) => c.notNull())
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('claimed_at', t.instant, (c) => c.notNull())
      .addColumn('finished_at', t.instant)
      .addColumn('message_ts', 'text')
      .addColumn('channel_id', 'text')
      .addColumn('reason', 'text')
      .addColumn('late_minutes', 'integer', (c) => c.notNull().defaultTo(0))
      // The primary key is the at-most-once guarantee: one run per digest and local date.
      .addPrimaryKeyConstraint('digest_runs_pk', ['digest_id', 'local_date'])
      .addCheckConstraint('digest_runs_state_check', sql`state in ('claimed', 'sent', 'failed', 'unknown', 'skipped')`)
      .execute();
    await db.schema.createIndex('digest_runs_state_idx').on('digest_runs').column('state').execute();

    await db.schema
      .createTable('subscriptions')
      .addColumn('id', 'integer', t.id)
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('scope_kind', 'text', (c) => c.notNull())
      .addColumn('scope_id', 'integer', (c) => c.notNull())
      .addColumn('measure', 'text', (c) => c.notNull())
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('threshold', t.real, (c) => c.notNull())
      .addColumn('recovery', t.real, (c) => c.notNull())
      .addColumn('min_duration', 'integer', (c) => c.notNull())
      .addColumn('granularity', 'text', (c) => c.notNull())
      .addColumn('destination_kind', 'text', (c) => c.notNull())
      .addColumn('destination_id', 'text', (c) => c.notNull())
      .addColumn('quiet_hours', t.json)
      .addColumn('renotify_minutes', 'integer')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('paused_reason', 'text')
      .addColumn('snoozed_until', t.instant)
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addCheckConstraint('subscriptions_scope_kind_check', sql`scope_kind in ('building', 'zone')`)
      .addCheckConstraint('subscriptions_measure_check', sql`measure in ('people', 'percent')`)
      .addCheckConstraint('subscriptions_direction_check', sql`direction in ('above', 'below')`)
      .addCheckConstraint('subscriptions_granularity_check', sql`granularity in ('PT1H', 'P1D')`)
      .addCheckConstraint('subscriptions_destination_kind_check', sql`destination_kind in ('dm', 'channel')`)
      .addCheckConstraint('subscriptions_status_check', sql`status in ('active', 'muted', 'paused')`)
      .execute();
    await db.schema.createIndex('subscriptions_team_user_idx').on('subscriptions').columns(['team_id', 'created_by']).execute();
    await db.schema
      .createIndex('subscriptions_destination_idx')
      .on('subscriptions')
      .columns(['team_id', 'destination_kind', 'destination_id'])
      .execute();
    await db.schema.createIndex('subscriptions_scope_idx').on('subscriptions').columns(['scope_kind', 'scope_id', 'status']).execute();

    await db.schema
      .createTable('alert_state')
      .addColumn('subscription_id', 'integer', (c) => c.primaryKey().references('subscriptions.id').onDelete('cascade'))
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('pending_since', t.instant)
      .addColumn('pending_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('episode_start', t.instant)
      .addColumn('episode_peak', t.real)
      .addColumn('episode_peak_at', t.instant)
      .addColumn('message_channel', 'text')
      .addColumn('message_ts', 'text')
      .addColumn('last_notified_at', t.instant)
      .addColumn('evaluated_through', t.instant)
      .addColumn('deferred', t.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addCheckConstraint('alert_state_state_check', sql`state in ('OK', 'PENDING', 'ALERTING', 'NO_DATA')`)
      .execute();

    await db.schema
      .createTable('scope_watermarks')
      .addColumn('scope_kind', 'text', (c) => c.notNull())
      .addColumn('scope_id', 'integer', (c) => c.notNull())
      .addColumn('granularity', 'text', (c) => c.notNull())
      .addColumn('last_bucket_start', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('scope_watermarks_pk', ['scope_kind', 'scope_id', 'granularity'])
      .execute();

    await db.schema
      .createTable('notices')
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('notice_key', 'text', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('notices_pk', ['team_id', 'notice_key'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['notices', 'scope_watermarks', 'alert_state', 'subscriptions', 'digest_runs', 'digests']) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
