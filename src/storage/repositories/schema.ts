import type { ColumnType, Generated } from 'kysely';

/**
 * A bigint column (epoch milliseconds). better-sqlite3 reads it as a number, pg as a string
 * (int8 may exceed 2^53), so reads are typed loosely and the codec turns them into numbers.
 */
export type Int8 = ColumnType<number | string | bigint, number, number>;
export type NullableInt8 = ColumnType<number | string | bigint | null, number | null, number | null>;

/** Row shapes as every engine stores them (snake_case, JSON as text, instants as epoch ms). */
export interface DigestsTable {
  id: Generated<number>;
  team_id: string;
  channel_id: string;
  created_by: string;
  building_ids: string;
  time_of_day: string;
  days: string;
  time_zone: string;
  /** 'daily' | 'weekly' (004-weekly-digests). */
  cadence: Generated<string>;
  options: string;
  status: string;
  paused_reason: string | null;
  created_at: Int8;
  updated_at: Int8;
  /** null: the configured default group (migration 003). */
  group_id: string | null;
}

export interface DigestRunsTable {
  digest_id: number;
  local_date: string;
  team_id: string;
  state: string;
  claimed_at: Int8;
  finished_at: NullableInt8;
  message_ts: string | null;
  channel_id: string | null;
  reason: string | null;
  late_minutes: Generated<number>;
  owner: string | null;
  lease_until: NullableInt8;
  posting_at: NullableInt8;
}

export interface SubscriptionsTable {
  id: Generated<number>;
  team_id: string;
  created_by: string;
  scope_kind: string;
  scope_id: number;
  measure: string;
  direction: string;
  threshold: number;
  recovery: number;
  min_duration: number;
  granularity: string;
  /** 'absolute' | 'relative'; defaulted for rules stored before 003. */
  threshold_kind: Generated<string>;
  destination_kind: string;
  destination_id: string;
  quiet_hours: string | null;
  renotify_minutes: number | null;
  status: string;
  paused_reason: string | null;
  snoozed_until: NullableInt8;
  snoozed_by: string | null;
  created_at: Int8;
  updated_at: Int8;
  /** null: the configured default group (migration 003). */
  group_id: string | null;
}

export interface AlertStateTable {
  subscription_id: number;
  team_id: string;
  state: string;
  pending_since: NullableInt8;
  pending_count: number;
  episode_start: NullableInt8;
  episode_peak: number | null;
  episode_peak_at: NullableInt8;
  episode_usual: number | null;
  episode_usual_weeks: number | null;
  message_channel: string | null;
  message_ts: string | null;
  last_notified_at: NullableInt8;
  evaluated_through: NullableInt8;
  deferred: string;
  updated_at: Int8;
}

export interface ScopeWatermarksTable {
  scope_kind: string;
  scope_id: number;
  granularity: string;
  last_bucket_start: Int8;
  updated_at: Int8;
}

export interface NoticesTable {
  team_id: string;
  notice_key: string;
  created_at: Int8;
}

export interface AlertScopeChecksTable {
  scope_key: string;
  tick: string;
  owner: string;
  lease_until: Int8;
}

export interface SendSlotsTable {
  slot_key: string;
  next_at: Int8;
}

export interface FormViewsTable {
  view_id: string;
  seq: number;
  hash: string | null;
  updated_at: Int8;
}

export interface LocalClockTable {
  team_id: string;
  offset_ms: Int8;
  updated_at: Int8;
}

export interface AlertMessagesTable {
  channel: string;
  ts: string;
  team_id: string;
  subscription_id: number;
  content: string;
  posted_at: Int8;
}

export interface RemovedSubscriptionsTable {
  subscription_id: number;
  team_id: string;
  removed_by: string;
  removed_at: Int8;
}

export interface StorageSchema {
  digests: DigestsTable;
  digest_runs: DigestRunsTable;
  subscriptions: SubscriptionsTable;
  alert_state: AlertStateTable;
  scope_watermarks: ScopeWatermarksTable;
  notices: NoticesTable;
  alert_scope_checks: AlertScopeChecksTable;
  send_slots: SendSlotsTable;
  form_views: FormViewsTable;
  local_clock: LocalClockTable;
  alert_messages: AlertMessagesTable;
  removed_subscriptions: RemovedSubscriptionsTable;
}
