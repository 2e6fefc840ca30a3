import type { NoticeRepository } from '../../ports/store/index';
import type { RepositoryContext } from './context';

export function noticeRepository({ db, now, guard }: RepositoryContext): NoticeRepository {
  return {
    markOnce: (teamId, key) =>
      guard('notices.markOnce', async () => {
        const inserted = await db
          .insertInto('notices')
          .values({ team_id: teamId, notice_key: key, created_at: now() })
          .onConflict((oc) => oc.columns(['team_id', 'notice_key']).doNothing())
          .returning('notice_key')
          .executeTakeFirst();
        return inserted !== undefined;
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
