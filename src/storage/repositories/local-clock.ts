import type { LocalClockRepository } from '../../ports/store/index';
import type { RepositoryContext } from './context';

export function localClockRepository({ db, now, guard }: RepositoryContext): LocalClockRepository {
  return {
    offset: (teamId) =>
      guard('localClock.offset', async () => {
        const row = await db.selectFrom('local_clock').select('offset_ms').where('team_id', '=', teamId).executeTakeFirst();
        return row ? Number(row.offset_ms) : null;
      }),

    saveOffset: (teamId, offsetMs) =>
      guard('localClock.saveOffset', async () => {
        const offset = Math.round(offsetMs);
        // One guarded statement: two saves racing leave the larger offset behind.
        await db
          .insertInto('local_clock')
          .values({ team_id: teamId, offset_ms: offset, updated_at: now() })
          .onConflict((oc) =>
            oc
              .column('team_id')
              .doUpdateSet((eb) => ({ offset_ms: eb.ref('excluded.offset_ms'), updated_at: eb.ref('excluded.updated_at') }))
              .where((eb) => eb('local_clock.offset_ms', '<', eb.ref('excluded.offset_ms'))),
          )
          .execute();
      }),
  };
}
