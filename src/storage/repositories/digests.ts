import type { Updateable } from 'kysely';
import type { DigestRepository } from '../../ports/store/index';
import type { Digest, DigestPatch, NewDigest } from '../../domain/digest';
import { pickDigestOptions } from '../rules';
import { digestFromRow, toJson } from './codec';
import type { DigestsTable } from './schema';
import type { RepositoryContext } from './context';

export function digestRepository({ db, now, guard }: RepositoryContext): DigestRepository {
  const byId = (teamId: string, id: number) =>
    db.selectFrom('digests').selectAll().where('team_id', '=', teamId).where('id', '=', id);

  const updateOne = async (teamId: string, id: number, set: Updateable<DigestsTable>): Promise<Digest | null> => {
    const row = await db
      .updateTable('digests')
      .set({ ...set, updated_at: now() })
      .where('team_id', '=', teamId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row ? digestFromRow(row) : null;
  };

  return {
    create: (input: NewDigest) =>
      guard('digests.create', async () => {
        const at = now();
        const row = await db
          .insertInto('digests')
          .values({
            team_id: input.teamId,
            channel_id: input.channelId,
            created_by: input.createdBy,
            building_ids: toJson(input.buildingIds),
            time_of_day: input.timeOfDay,
            days: toJson(input.days),
            time_zone: input.timeZone,
            cadence: input.cadence ?? 'daily',
            options: toJson(pickDigestOptions(input.options)),
            group_id: input.groupId ?? null,
            status: 'active',
            paused_reason: null,
            created_at: at,
            updated_at: at,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return digestFromRow(row);
      }),

    get: (teamId, id) =>
      guard('digests.get', async () => {
        const row = await byId(teamId, id).executeTakeFirst();
        return row ? digestFromRow(row) : null;
      }),

    listByChannel: (teamId, channelId) =>
      guard('digests.listByChannel', async () => {
        const rows = await db
          .selectFrom('digests')
          .selectAll()
          .where('team_id', '=', teamId)
          .where('channel_id', '=', channelId)
          .orderBy('id')
          .execute();
        return rows.map(digestFromRow);
      }),

    listByTeam: (teamId) =>
      guard('digests.listByTeam', async () => {
        const rows = await db.selectFrom('digests').selectAll().where('team_id', '=', teamId).orderBy('id').execute();
        return rows.map(digestFromRow);
      }),

    listActive: () =>
      guard('digests.listActive', async () => {
        const rows = await db.selectFrom('digests').selectAll().where('status', '=', 'active').orderBy('id').execute();
        return rows.map(digestFromRow);
      }),

    update: (teamId, id, patch: DigestPatch) =>
      guard('digests.update', () => {
        const set: Updateable<DigestsTable> = {};
        if (patch.channelId !== undefined) set.channel_id = patch.channelId;
        if (patch.buildingIds !== undefined) set.building_ids = toJson(patch.buildingIds);
        if (patch.timeOfDay !== undefined) set.time_of_day = patch.timeOfDay;
        if (patch.days !== undefined) set.days = toJson(patch.days);
        if (patch.timeZone !== undefined) set.time_zone = patch.timeZone;
        if (patch.cadence !== undefined) set.cadence = patch.cadence;
        if (patch.options !== undefined) set.options = toJson(pickDigestOptions(patch.options));
        if (patch.groupId !== undefined) set.group_id = patch.groupId;
        return updateOne(teamId, id, set);
      }),

    transfer: (teamId, id, from, to) =>
      guard('digests.transfer', async () => {
        const row = await db
          .updateTable('digests')
          .set({ created_by: to, updated_at: now() })
          .where('team_id', '=', teamId)
          .where('id', '=', id)
          .where('created_by', '=', from)
          .returningAll()
          .executeTakeFirst();
        return row ? digestFromRow(row) : null;
      }),

    pause: (teamId, id, reason) =>
      guard('digests.pause', () => updateOne(teamId, id, { status: 'paused', paused_reason: reason })),

    pauseAllForTeam: (teamId, reason) =>
      guard('digests.pauseAllForTeam', async () => {
        const result = await db
          .updateTable('digests')
          .set({ status: 'paused', paused_reason: reason, updated_at: now() })
          .where('team_id', '=', teamId)
          .where('status', '=', 'active')
          .executeTakeFirst();
        return Number(result.numUpdatedRows);
      }),

    resume: (teamId, id) =>
      guard('digests.resume', () => updateOne(teamId, id, { status: 'active', paused_reason: null })),

    delete: (teamId, id) =>
      guard('digests.delete', async () => {
        const result = await db.deleteFrom('digests').where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
        return result.numDeletedRows > 0n;
      }),
  };
}
