import type { Kysely } from 'kysely';
import { guard } from '../errors';
import type { EpochMs, NoticeRepository } from '../ports';
import type { StorageSchema } from './schema';

export function sqliteNotices(db: Kysely<StorageSchema>, now: () => EpochMs): NoticeRepository {
  return {
    markOnce: (teamId, key) =>
      guard('notices.markOnce', async () => {
        const result = await db
          .insertInto('notices')
          .values({ team_id: teamId, notice_key: key, created_at: now() })
          .onConflict((oc) => oc.columns(['team_id', 'notice_key']).doNothing())
          .executeTakeFirst();
        return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
      }),

    has: (teamId, key) =>
      guard('notices.has', async () => {
        const row = await db
          .selectFrom('notices')
          .select('notice_key')
          .where('team_id', '=', teamId)
          .where('notice_key', '=', key)
          .executeTakeFirst();
        return row !== undefined;
      }),

    clear: (teamId, key) =>
      guard('notices.clear', async () => {
        const result = await db.deleteFrom('notices').where('team_id', '=', teamId).where('notice_key', '=', key).executeTakeFirst();
        return result.numDeletedRows > 0n;
      }),
  };
}
