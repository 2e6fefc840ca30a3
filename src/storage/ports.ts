/**
 * The store port: what services may ask of persistence, in our own plain types.
 * Two adapters implement it (SQLite via Kysely, and an in-memory one); the contract suite in
 * test/contract/ holds them to the same behaviour.
 *
 * Conventions shared by every adapter:
 * - Instants are epoch milliseconds (UTC). Calendar dates are 'YYYY-MM-DD' strings.
 * - Ids are positive integers, unique per table across all teams.
 * - Reads take the Slack team id; a row of another team reads as absent (null / false / []).
 * - Records are copies: mutating one never changes what is stored.
 * - Failures are AppError: NOT_FOUND for a missing parent row, STORAGE for anything else.
 */

export type EpochMs = number;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** ISO weekday: 1 = Monday … 7 = Sunday (luxon's `weekday`). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

// ---------------------------------------------------------------- digests

export interface DigestOptions {
  chart: boolean;
  topZones: boolean;
  perFloor: boolean;
  weekOverWeek: boolean;
  skipWhenNoData: boolean;
}

/** What a digest shows when nothing was chosen; also what older rows read as for newer options. */
export const DEFAULT_DIGEST_OPTIONS: Readonly<DigestOptions> = Object.freeze({
  chart: true,
  topZones: true,
  perFloor: false,
  weekOverWeek: true,
  skipWhenNoData: false,
});

export type DigestStatus = 'active' | 'paused';

export interface Digest {
  id: number;
  teamId: string;
  channelId: string;
  createdBy: string;
  buildingIds: number[];
  /** Local wall-clock time, "HH:mm". */
  timeOfDay: string;
  days: IsoWeekday[];
  /** IANA zone the time of day is read in. */
  timeZone: string;
  options: DigestOptions;
  status: DigestStatus;
  /** Why the digest is paused, e.g. 'channel_not_found'; null when active or paused by hand. */
  pausedReason: string | null;
  createdAt: EpochMs;
  updatedAt: EpochMs;
}

export interface NewDigest {
  teamId: string;
  channelId: string;
  createdBy: string;
  buildingIds: readonly number[];
  timeOfDay: string;
  days: readonly IsoWeekday[];
  timeZone: string;
  options: DigestOptions;
}

export type DigestPatch = Partial<Pick<NewDigest, 'channelId' | 'buildingIds' | 'timeOfDay' | 'days' | 'timeZone' | 'options'>>;

export interface DigestRepository {
  create(input: NewDigest): Promise<Digest>;
  get(teamId: string, id: number): Promise<Digest | null>;
  listByChannel(teamId: string, channelId: string): Promise<Digest[]>;
  listByTeam(teamId: string): Promise<Digest[]>;
  /** Every active digest of every team, by id. */
  listActive(): Promise<Digest[]>;
  update(teamId: string, id: number, patch: DigestPatch): Promise<Digest | null>;
  pause(teamId: string, id: number, reason: string | null): Promise<Digest | null>;
  /** Pauses every active digest of a team (revoked token); returns how many were paused. */
  pauseAllForTeam(teamId: string, reason: string): Promise<number>;
  resume(teamId: string, id: number): Promise<Digest | null>;
  /** Deletes the digest and its run history. */
  delete(teamId: string, id: number): Promise<boolean>;
}

// ---------------------------------------------------------------- digest runs

export type DigestRunState = 'claimed' | 'sent' | 'failed' | 'unknown' | 'skipped';

export interface DigestRun {
  digestId: number;
  /** The digest's local date this run is for, 'YYYY-MM-DD'. */
  localDate: string;
  teamId: string;
  state: DigestRunState;
  claimedAt: EpochMs;
  finishedAt: EpochMs | null;
  messageTs: string | null;
  channelId: string | null;
  reason: string | null;
  /** Minutes after the scheduled time the run was claimed; 0 when on time. */
  lateMinutes: number;
}

export interface ClaimOptions {
  lateMinutes?: number;
  channelId?: string;
}

export type DigestRunOutcome =
  | { state: 'sent'; messageTs: string; channelId?: string }
  | { state: 'failed'; reason: string }
  | { state: 'unknown'; reason: string }
  | { state: 'skipped'; reason: string };

export interface DigestRunRepository {
  /**
   * Claims the run of a digest for a local date. True for exactly one caller per
   * (digestId, localDate), ever: this is the at-most-once guarantee. NOT_FOUND when the
   * digest does not exist in that team.
   */
  claim(digestId: number, localDate: string, teamId: string, claimedAt: EpochMs, options?: ClaimOptions): Promise<boolean>;
  /** Records the outcome of a claimed run; false if the run is missing or already finished. */
  finish(digestId: number, localDate: string, outcome: DigestRunOutcome): Promise<boolean>;
  get(digestId: number, localDate: string): Promise<DigestRun | null>;
  /** Newest local date first. */
  listForDigest(digestId: number, limit?: number): Promise<DigestRun[]>;
  lastRun(digestId: number): Promise<DigestRun | null>;
  /** Runs still 'claimed' (e.g. the process stopped mid-run), oldest claim first. */
  listUnfinished(): Promise<DigestRun[]>;
}

// ---------------------------------------------------------------- subscriptions

export type ScopeKind = 'building' | 'zone';
export type Measure = 'people' | 'percent';
export type Direction = 'above' | 'below';
export type AlertGranularity = 'PT1H' | 'P1D';
export type DestinationKind = 'dm' | 'channel';
export type SubscriptionStatus = 'active' | 'muted' | 'paused';

export interface QuietHours {
  /** "HH:mm" local; the window may wrap past midnight. */
  start: string;
  end: string;
  /** IANA zone. */
  zone: string;
}

export interface NewSubscription {
  teamId: string;
  createdBy: string;
  scopeKind: ScopeKind;
  scopeId: number;
  measure: Measure;
  direction: Direction;
  threshold: number;
  recovery: number;
  /** Consecutive buckets the condition must hold before alerting. */
  minDuration: number;
  granularity: AlertGranularity;
  destinationKind: DestinationKind;
  destinationId: string;
  quietHours: QuietHours | null;
  renotifyMinutes: number | null;
}

export interface Subscription extends NewSubscription {
  id: number;
  status: SubscriptionStatus;
  pausedReason: string | null;
  snoozedUntil: EpochMs | null;
  createdAt: EpochMs;
  updatedAt: EpochMs;
}

export type SubscriptionPatch = Partial<Omit<NewSubscription, 'teamId' | 'createdBy'>>;

export interface SubscriptionRepository {
  create(input: NewSubscription): Promise<Subscription>;
  get(teamId: string, id: number): Promise<Subscription | null>;
  /** Subscriptions a user created, by id. */
  listByUser(teamId: string, userId: string): Promise<Subscription[]>;
  listByDestination(teamId: string, kind: DestinationKind, destinationId: string): Promise<Subscription[]>;
  listByTeam(teamId: string): Promise<Subscription[]>;
  /** Status 'active' only (snoozed ones included), every team, by id. */
  listActive(): Promise<Subscription[]>;
  /** Status 'active' only for one InnerSpace scope, every team, by id. */
  listActiveByScope(scopeKind: ScopeKind, scopeId: number): Promise<Subscription[]>;
  update(teamId: string, id: number, patch: SubscriptionPatch): Promise<Subscription | null>;
  /** Deletes the subscription and its alert state. */
  delete(teamId: string, id: number): Promise<boolean>;
  /** Sets or (with null) clears the snooze. */
  snooze(teamId: string, id: number, until: EpochMs | null): Promise<Subscription | null>;
  mute(teamId: string, id: number): Promise<Subscription | null>;
  pause(teamId: string, id: number, reason: string | null): Promise<Subscription | null>;
  /** Back to 'active' from muted or paused; clears the paused reason. */
  resume(teamId: string, id: number): Promise<Subscription | null>;
}

// ---------------------------------------------------------------- alert state

export type AlertStatus = 'OK' | 'PENDING' | 'ALERTING' | 'NO_DATA';

export interface AlertState {
  subscriptionId: number;
  teamId: string;
  state: AlertStatus;
  pendingSince: EpochMs | null;
  pendingCount: number;
  episodeStart: EpochMs | null;
  episodePeak: number | null;
  episodePeakAt: EpochMs | null;
  /** Where the episode message lives, to update it in place. */
  messageChannel: string | null;
  messageTs: string | null;
  lastNotifiedAt: EpochMs | null;
  /** Start of the latest bucket this state has taken in. */
  evaluatedThrough: EpochMs | null;
  /** Notifications held back by quiet hours; their shape belongs to the alert service. */
  deferred: JsonObject[];
  updatedAt: EpochMs;
}

export type AlertStateInput = Omit<AlertState, 'updatedAt'>;

export interface AlertStateRepository {
  get(subscriptionId: number): Promise<AlertState | null>;
  /** Only the ids that have a state appear in the map. */
  getMany(subscriptionIds: readonly number[]): Promise<Map<number, AlertState>>;
  /** Insert or replace. NOT_FOUND when the subscription does not exist in that team. */
  put(state: AlertStateInput): Promise<AlertState>;
}

// ---------------------------------------------------------------- watermarks

/**
 * Watermarks describe InnerSpace data, which every team of one install shares, so they are
 * keyed by scope rather than by team.
 */
export interface ScopeKey {
  scopeKind: ScopeKind;
  scopeId: number;
  granularity: AlertGranularity;
}

export interface Watermark extends ScopeKey {
  /** Start of the latest bucket evaluated. */
  lastBucketStart: EpochMs;
  updatedAt: EpochMs;
}

export interface WatermarkRepository {
  get(key: ScopeKey): Promise<Watermark | null>;
  /** Moves the watermark forward only; true when it moved (or was created). */
  advance(key: ScopeKey, lastBucketStart: EpochMs): Promise<boolean>;
  list(): Promise<Watermark[]>;
}

// ---------------------------------------------------------------- notices

/** "Told once" markers, e.g. `digest:3:paused` after the creator heard about a pause. */
export interface NoticeRepository {
  /** True the first time a (team, key) is marked, false ever after until cleared. */
  markOnce(teamId: string, key: string): Promise<boolean>;
  has(teamId: string, key: string): Promise<boolean>;
  clear(teamId: string, key: string): Promise<boolean>;
}

// ---------------------------------------------------------------- store

export interface Store {
  readonly digests: DigestRepository;
  readonly digestRuns: DigestRunRepository;
  readonly subscriptions: SubscriptionRepository;
  readonly alertStates: AlertStateRepository;
  readonly watermarks: WatermarkRepository;
  readonly notices: NoticeRepository;
  /** Releases the store; later calls fail with STORAGE. Safe to call twice. */
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Clock for createdAt / updatedAt / finishedAt stamps; the system clock when omitted. */
  now?: () => EpochMs;
}
