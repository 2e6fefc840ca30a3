import { z } from 'zod';
import { StorageError } from '../../errors';
import { DEFAULT_DIGEST_OPTIONS } from '../../domain/digest';
import type { AlertState, AlertStatus, Watermark } from '../../domain/alert-state';
import type { AlertGranularity, DestinationKind, Direction, Measure, QuietHours, ScopeKind, Subscription, SubscriptionStatus, ThresholdKind } from '../../domain/subscription';
import type { Digest, DigestRun, DigestRunState, DigestStatus } from '../../domain/digest';
import type { Weekday, JsonObject } from '../../domain/values';
import type { AlertStateTable, DigestRunsTable, DigestsTable, ScopeWatermarksTable, SubscriptionsTable } from './schema';
import type { Selectable } from 'kysely';

const buildingIdsSchema = z.array(z.number().int().positive());
const daysSchema = z.array(z.number().int().min(1).max(7));
// Options added in later versions read as their defaults from rows written before them.
const optionsSchema = z.object({
  chart: z.boolean().default(DEFAULT_DIGEST_OPTIONS.chart),
  topZones: z.boolean().default(DEFAULT_DIGEST_OPTIONS.topZones),
  perFloor: z.boolean().default(DEFAULT_DIGEST_OPTIONS.perFloor),
  weekOverWeek: z.boolean().default(DEFAULT_DIGEST_OPTIONS.weekOverWeek),
  skipWhenNoData: z.boolean().default(DEFAULT_DIGEST_OPTIONS.skipWhenNoData),
});
const quietHoursSchema = z.object({ start: z.string(), end: z.string(), zone: z.string() });
const jsonValue: z.ZodType<unknown> = z.json();
const deferredSchema = z.array(z.record(z.string(), jsonValue));

export function parseJson<T>(schema: z.ZodType<T>, text: string, table: string, column: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new StorageError(`Unreadable JSON in ${table}.${column}`, { table, column }, err);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new StorageError(`Unexpected JSON shape in ${table}.${column}`, { table, column }, parsed.error);
  }
  return parsed.data;
}

export const toJson = (value: unknown): string => JSON.stringify(value);

type DriverInt = number | string | bigint;

/** A bigint column as a number, whichever type the driver chose; never a silently rounded one. */
export function readInt8(value: DriverInt, table: string, column: string): number {
  const n = typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : /^-?\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) {
    throw new StorageError(`Unexpected number in ${table}.${column}`, { table, column });
  }
  return n;
}

const readNullableInt8 = (value: DriverInt | null, table: string, column: string): number | null =>
  value === null ? null : readInt8(value, table, column);

export function digestFromRow(r: Selectable<DigestsTable>): Digest {
  return {
    id: r.id,
    teamId: r.team_id,
    channelId: r.channel_id,
    createdBy: r.created_by,
    buildingIds: parseJson(buildingIdsSchema, r.building_ids, 'digests', 'building_ids'),
    timeOfDay: r.time_of_day,
    days: parseJson(daysSchema, r.days, 'digests', 'days') as Weekday[],
    timeZone: r.time_zone,
    cadence: r.cadence === 'weekly' ? 'weekly' : 'daily',
    options: parseJson(optionsSchema, r.options, 'digests', 'options'),
    groupId: r.group_id ?? null,
    status: r.status as DigestStatus,
    pausedReason: r.paused_reason,
    createdAt: readInt8(r.created_at, 'digests', 'created_at'),
    updatedAt: readInt8(r.updated_at, 'digests', 'updated_at'),
  };
}

export function runFromRow(r: Selectable<DigestRunsTable>): DigestRun {
  return {
    digestId: r.digest_id,
    localDate: r.local_date,
    teamId: r.team_id,
    state: r.state as DigestRunState,
    claimedAt: readInt8(r.claimed_at, 'digest_runs', 'claimed_at'),
    finishedAt: readNullableInt8(r.finished_at, 'digest_runs', 'finished_at'),
    messageTs: r.message_ts,
    channelId: r.channel_id,
    reason: r.reason,
    lateMinutes: r.late_minutes,
    owner: r.owner,
    leaseUntil: readNullableInt8(r.lease_until, 'digest_runs', 'lease_until'),
    postingAt: readNullableInt8(r.posting_at, 'digest_runs', 'posting_at'),
  };
}

export function subscriptionFromRow(r: Selectable<SubscriptionsTable>): Subscription {
  return {
    id: r.id,
    teamId: r.team_id,
    createdBy: r.created_by,
    scopeKind: r.scope_kind as ScopeKind,
    scopeId: r.scope_id,
    measure: r.measure as Measure,
    direction: r.direction as Direction,
    thresholdKind: r.threshold_kind as ThresholdKind,
    threshold: r.threshold,
    recovery: r.recovery,
    minDuration: r.min_duration,
    granularity: r.granularity as AlertGranularity,
    destinationKind: r.destination_kind as DestinationKind,
    destinationId: r.destination_id,
    quietHours: r.quiet_hours === null ? null : (parseJson(quietHoursSchema, r.quiet_hours, 'subscriptions', 'quiet_hours') as QuietHours),
    renotifyMinutes: r.renotify_minutes,
    groupId: r.group_id ?? null,
    status: r.status as SubscriptionStatus,
    pausedReason: r.paused_reason,
    snoozedUntil: readNullableInt8(r.snoozed_until, 'subscriptions', 'snoozed_until'),
    snoozedBy: r.snoozed_by,
    createdAt: readInt8(r.created_at, 'subscriptions', 'created_at'),
    updatedAt: readInt8(r.updated_at, 'subscriptions', 'updated_at'),
  };
}

export function alertStateFromRow(r: Selectable<AlertStateTable>): AlertState {
  return {
    subscriptionId: r.subscription_id,
    teamId: r.team_id,
    state: r.state as AlertStatus,
    pendingSince: readNullableInt8(r.pending_since, 'alert_state', 'pending_since'),
    pendingCount: r.pending_count,
    episodeStart: readNullableInt8(r.episode_start, 'alert_state', 'episode_start'),
    episodePeak: r.episode_peak,
    episodePeakAt: readNullableInt8(r.episode_peak_at, 'alert_state', 'episode_peak_at'),
    episodeUsual: r.episode_usual,
    episodeUsualWeeks: r.episode_usual_weeks,
    messageChannel: r.message_channel,
    messageTs: r.message_ts,
    lastNotifiedAt: readNullableInt8(r.last_notified_at, 'alert_state', 'last_notified_at'),
    evaluatedThrough: readNullableInt8(r.evaluated_through, 'alert_state', 'evaluated_through'),
    deferred: parseJson(deferredSchema, r.deferred, 'alert_state', 'deferred') as JsonObject[],
    updatedAt: readInt8(r.updated_at, 'alert_state', 'updated_at'),
  };
}

export function watermarkFromRow(r: Selectable<ScopeWatermarksTable>): Watermark {
  return {
    scopeKind: r.scope_kind as ScopeKind,
    scopeId: r.scope_id,
    granularity: r.granularity as AlertGranularity,
    lastBucketStart: readInt8(r.last_bucket_start, 'scope_watermarks', 'last_bucket_start'),
    updatedAt: readInt8(r.updated_at, 'scope_watermarks', 'updated_at'),
  };
}
