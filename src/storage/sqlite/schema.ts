import type { Generated } from 'kysely';

/** Row shapes as SQLite stores them (snake_case, JSON as text, instants as epoch ms). */
export interface DigestsTable {
  id: Generated<number>;
  team_id: string;
  channel_id: string;
  created_by: string;
  building_ids: string;
  time_of_day: string;
  days: string;
  time_zone: string;
  options: string;
  status: string;
  paused_reason: string | null;
  created_at: number;
  updated_at: number;
}

export interface DigestRunsTable {
  digest_id: number;
  local_date: string;
  team_id: string;
  state: string;
  claimed_at: number;
  finished_at: number | null;
  message_ts: string | null;
  channel_id: string | null;
  reason: string | null;
  late_minutes: Generated<number>;
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
  destination_kind: string;
  destination_id: string;
  quiet_hours: string | null;
  renotify_minutes: number | null;
  status: string;
  paused_reason: string | null;
  snoozed_until: number | null;
  created_at: number;
  updated_at: number;
}

export interface AlertStateTable {
  subscription_id: number;
  team_id: string;
  state: string;
  pending_since: number | null;
  pending_count: number;
  episode_start: number | null;
  episode_peak: number | null;
  episode_peak_at: number | null;
  message_channel: string | null;
  message_ts: string | null;
  last_notified_at: number | null;
  evaluated_through: number | null;
  deferred: string;
  updated_at: number;
}

export interface ScopeWatermarksTable {
  scope_kind: string;
  scope_id: number;
  granularity: string;
  last_bucket_start: number;
  updated_at: number;
}

export interface NoticesTable {
  team_id: string;
  notice_key: string;
  created_at: number;
}

export interface StorageSchema {
  digests: DigestsTable;
  digest_runs: DigestRunsTable;
  subscriptions: SubscriptionsTable;
  alert_state: AlertStateTable;
  scope_watermarks: ScopeWatermarksTable;
  notices: NoticesTable;
}
