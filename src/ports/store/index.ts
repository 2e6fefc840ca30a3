/**
 * The store port: what services may ask of persistence, in our own plain types.
 * The Kysely adapter in src/storage implements it; the contract suite in
 * test/contract/ holds them to the same behaviour.
 *
 * Conventions shared by every adapter:
 * - Instants are epoch milliseconds (UTC). Calendar dates are 'YYYY-MM-DD' strings.
 * - Ids are positive integers, unique per table across all teams.
 * - Reads take the Slack team id; a row of another team reads as absent (null / false / []).
 * - Records are copies: mutating one never changes what is stored.
 * - Failures are typed (src/errors): NotFoundError for a missing parent row, ConflictError for a
 *   broken storage rule, StorageError for anything else.
 */

import type { EpochMs } from '../../domain/values';
import type { AlertMessageRepository } from './alert-messages';
import type { AlertStateRepository } from './alert-states';
import type { StoreHealth } from './health';
import type { DigestRunRepository } from './digest-runs';
import type { DigestRepository } from './digests';
import type { NoticeRepository } from './notices';
import type { SubscriptionRepository } from './subscriptions';
import type { WatermarkRepository } from './watermarks';
import type { FormViewRepository, ScopeCheckRepository, SendSlotRepository } from './coordination';
import type { LocalClockRepository } from './local-clock';

export type { AlertMessage } from './alert-messages';
export type { AlertMessageRepository, AlertStateRepository, DigestRunRepository, DigestRepository, LocalClockRepository, NoticeRepository, SubscriptionRepository, WatermarkRepository };
export type { FormViewRepository, FormViewState, ScopeCheckRepository, SendSlotRepository } from './coordination';
export { FORM_OPENING_TICKET } from './coordination';
export type { ClaimOptions, DigestRunKey } from './digest-runs';
export type { StoreHealth } from './health';

export interface Store {
  readonly digests: DigestRepository;
  readonly digestRuns: DigestRunRepository;
  readonly subscriptions: SubscriptionRepository;
  readonly alertStates: AlertStateRepository;
  readonly alertMessages: AlertMessageRepository;
  readonly watermarks: WatermarkRepository;
  readonly notices: NoticeRepository;
  readonly scopeChecks: ScopeCheckRepository;
  readonly sendSlots: SendSlotRepository;
  readonly formViews: FormViewRepository;
  /** Local mode only: its clock's lead over the system clock, kept across restarts. */
  readonly localClock: LocalClockRepository;
  /**
   * True when several processes may use this store at once (PostgreSQL); false when one
   * process owns it (SQLite), so what a previous process left claimed is known to be dead.
   */
  readonly shared: boolean;
  /** Whether the store answers and its schema is current; never throws (a closed store is not ok). */
  health(): Promise<StoreHealth>;
  /** Releases the store; later calls fail with STORAGE. Safe to call twice. */
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Clock for createdAt / updatedAt / finishedAt stamps; the system clock when omitted. */
  now?: () => EpochMs;
}
