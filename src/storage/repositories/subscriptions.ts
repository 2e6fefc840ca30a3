import type { Updateable } from 'kysely';
import type { SubscriptionRepository } from '../../ports/store/index';
import type { NewSubscription, Subscription, SubscriptionPatch } from '../../domain/subscription';
import { readInt8, subscriptionFromRow, toJson } from './codec';
import type { SubscriptionsTable } from './schema';
import type { RepositoryContext } from './context';

function patchToColumns(patch: SubscriptionPatch): Updateable<SubscriptionsTable> {
  const set: Updateable<SubscriptionsTable> = {};
  if (patch.scopeKind !== undefined) set.scope_kind = patch.scopeKind;
  if (patch.scopeId !== undefined) set.scope_id = patch.scopeId;
  if (patch.measure !== undefined) set.measure = patch.measure;
  if (patch.direction !== undefined) set.direction = patch.direction;
  if (patch.thresholdKind !== undefined) set.threshold_kind = patch.thresholdKind;
  if (patch.threshold !== undefined) set.threshold = patch.threshold;
  if (patch.recovery !== undefined) set.recovery = patch.recovery;
  if (patch.minDuration !== undefined) set.min_duration = patch.minDuration;
  if (patch.granularity !== undefined) set.granularity = patch.granularity;
  if (patch.destinationKind !== undefined) set.destination_kind = patch.destinationKind;
  if (patch.destinationId !== undefined) set.destination_id = patch.destinationId;
  if (patch.quietHours !== undefined) set.quiet_hours = patch.quietHours === null ? null : toJson(patch.quietHours);
  if (patch.renotifyMinutes !== undefined) set.renotify_minutes = patch.renotifyMinutes;
  if (patch.groupId !== undefined) set.group_id = patch.groupId;
  return set;
}

export function subscriptionRepository({ db, now, guard }: RepositoryContext): SubscriptionRepository {
  const base = () => db.selectFrom('subscriptions').selectAll();
  const list = async (build: (q: ReturnType<typeof base>) => ReturnType<typeof base>): Promise<Subscription[]> =>
    (await build(base()).orderBy('id').execute()).map(subscriptionFromRow);

  const updateOne = async (teamId: string, id: number, set: Updateable<SubscriptionsTable>): Promise<Subscription | null> => {
    const row = await db
      .updateTable('subscriptions')
      .set({ ...set, updated_at: now() })
      .where('team_id', '=', teamId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row ? subscriptionFromRow(row) : null;
  };

  return {
    create: (input: NewSubscription) =>
      guard('subscriptions.create', async () => {
        const at = now();
        const row = await db
          .insertInto('subscriptions')
          .values({
            team_id: input.teamId,
            created_by: input.createdBy,
            scope_kind: input.scopeKind,
            scope_id: input.scopeId,
            measure: input.measure,
            direction: input.direction,
            threshold_kind: input.thresholdKind ?? 'absolute',
            threshold: input.threshold,
            recovery: input.recovery,
            min_duration: input.minDuration,
            granularity: input.granularity,
            destination_kind: input.destinationKind,
            destination_id: input.destinationId,
            quiet_hours: input.quietHours === null ? null : toJson(input.quietHours),
            group_id: input.groupId ?? null,
            renotify_minutes: input.renotifyMinutes,
            status: 'active',
            paused_reason: null,
            snoozed_until: null,
            snoozed_by: null,
            created_at: at,
            updated_at: at,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return subscriptionFromRow(row);
      }),

    get: (teamId, id) =>
      guard('subscriptions.get', async () => {
        const row = await base().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
        return row ? subscriptionFromRow(row) : null;
      }),

    listByUser: (teamId, userId) =>
      guard('subscriptions.listByUser', () => list((q) => q.where('team_id', '=', teamId).where('created_by', '=', userId))),

    listByDestination: (teamId, kind, destinationId) =>
      guard('subscriptions.listByDestination', () =>
        list((q) => q.where('team_id', '=', teamId).where('destination_kind', '=', kind).where('destination_id', '=', destinationId)),
      ),

    listByTeam: (teamId) => guard('subscriptions.listByTeam', () => list((q) => q.where('team_id', '=', teamId))),

    listActive: () => guard('subscriptions.listActive', () => list((q) => q.where('status', '=', 'active'))),

    listActiveByScope: (scopeKind, scopeId) =>
      guard('subscriptions.listActiveByScope', () =>
        list((q) => q.where('scope_kind', '=', scopeKind).where('scope_id', '=', scopeId).where('status', '=', 'active')),
      ),

    update: (teamId, id, patch) => guard('subscriptions.update', () => updateOne(teamId, id, patchToColumns(patch))),

    delete: (teamId, id, removedBy) =>
      guard('subscriptions.delete', () =>
        // One transaction: a rule is never gone without the note of who removed it, nor noted while still there.
        db.transaction().execute(async (trx) => {
          const result = await trx.deleteFrom('subscriptions').where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
          const deleted = result.numDeletedRows > 0n;
          if (deleted && removedBy !== undefined) {
            await trx
              .insertInto('removed_subscriptions')
              .values({ subscription_id: id, team_id: teamId, removed_by: removedBy, removed_at: now() })
              .onConflict((oc) => oc.column('subscription_id').doNothing())
              .execute();
          }
          return deleted;
        }),
      ),

    removed: (teamId, id) =>
      guard('subscriptions.removed', async () => {
        const row = await db.selectFrom('removed_subscriptions').selectAll().where('team_id', '=', teamId).where('subscription_id', '=', id).executeTakeFirst();
        return row ? { id: row.subscription_id, teamId: row.team_id, removedBy: row.removed_by, removedAt: readInt8(row.removed_at, 'removed_subscriptions', 'removed_at') } : null;
      }),

    snooze: (teamId, id, until, by = null) =>
      guard('subscriptions.snooze', () => updateOne(teamId, id, { snoozed_until: until, snoozed_by: until === null ? null : by })),

    transfer: (teamId, id, from, to) =>
      guard('subscriptions.transfer', async () => {
        const current = await db.selectFrom('subscriptions').selectAll().where('team_id', '=', teamId).where('id', '=', id).where('created_by', '=', from).executeTakeFirst();
        if (!current) return null;
        const dm = current.destination_kind === 'dm' && current.destination_id === from;
        const row = await db
          .updateTable('subscriptions')
          .set({ created_by: to, ...(dm ? { destination_id: to } : {}), updated_at: now() })
          .where('team_id', '=', teamId)
          .where('id', '=', id)
          .where('created_by', '=', from)
          .returningAll()
          .executeTakeFirst();
        return row ? subscriptionFromRow(row) : null;
      }),

    mute: (teamId, id) => guard('subscriptions.mute', () => updateOne(teamId, id, { status: 'muted', paused_reason: null })),

    pause: (teamId, id, reason) =>
      guard('subscriptions.pause', () => updateOne(teamId, id, { status: 'paused', paused_reason: reason })),

    resume: (teamId, id) =>
      guard('subscriptions.resume', () => updateOne(teamId, id, { status: 'active', paused_reason: null })),
  };
}
