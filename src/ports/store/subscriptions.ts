/** Threshold subscriptions, per team. */
import type { DestinationKind, NewSubscription, RemovedSubscription, ScopeKind, Subscription, SubscriptionPatch } from '../../domain/subscription';
import type { EpochMs } from '../../domain/values';

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
  /**
   * Deletes the subscription and its alert state; with `removedBy`, notes who did it (and
   * when) in the same transaction, for `removed`. The first note of an id stays.
   */
  delete(teamId: string, id: number, removedBy?: string): Promise<boolean>;
  /** Who deleted a rule and when; null for a rule that exists, never existed or was deleted without a note. */
  removed(teamId: string, id: number): Promise<RemovedSubscription | null>;
  /** Sets or (with null) clears the snooze, and who set it. */
  snooze(teamId: string, id: number, until: EpochMs | null, by?: string | null): Promise<Subscription | null>;
  mute(teamId: string, id: number): Promise<Subscription | null>;
  /**
   * Hands the rule from `from` to `to`, only if `from` still holds it; a rule that went to
   * `from`'s direct messages goes to `to`'s from then on.
   */
  transfer(teamId: string, id: number, from: string, to: string): Promise<Subscription | null>;
  pause(teamId: string, id: number, reason: string | null): Promise<Subscription | null>;
  /** Back to 'active' from muted or paused; clears the paused reason. */
  resume(teamId: string, id: number): Promise<Subscription | null>;
}
