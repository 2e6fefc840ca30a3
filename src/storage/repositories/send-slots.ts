import { sql } from 'kysely';
import type { SendSlotRepository } from '../../ports/store/index';
import type { RepositoryContext } from './context';

export function sendSlotRepository({ db, guard }: RepositoryContext): SendSlotRepository {
  return {
    reserve: (key, now, spacingMs, latest) =>
      guard('sendSlots.reserve', async () => {
        const spacing = Math.max(0, Math.round(spacingMs));
        // The turn starts when the previous one ends (or now, if that is past) and the next
        // one `spacing` later; one statement, so two replicas asking at once get two turns.
        // CASE rather than GREATEST/MAX: the two engines spell the two-argument maximum differently.
        const row = await db
          .insertInto('send_slots')
          .values({ slot_key: key, next_at: now + spacing })
          .onConflict((oc) => {
            const update = oc.column('slot_key').doUpdateSet({
              next_at: sql<number>`(case when send_slots.next_at > ${now} then send_slots.next_at else ${now} end) + ${spacing}`,
            });
            // A turn later than `latest` is left untaken: the update does not happen and no row comes back.
            return latest === undefined ? update : update.where('send_slots.next_at', '<=', latest);
          })
          .returning('next_at')
          .executeTakeFirst();
        if (row) return Number(row.next_at) - spacing;
        // Not taken: a turn's start only ever moves later (sweep forgets past ones only), so
        // the row read now still starts after `latest`.
        const held = await db.selectFrom('send_slots').select('next_at').where('slot_key', '=', key).executeTakeFirst();
        if (!held) throw new Error(`send slot ${key} vanished while it was held`);
        return Number(held.next_at);
      }),

    holdOff: (key, until) =>
      guard('sendSlots.holdOff', async () => {
        await db
          .insertInto('send_slots')
          .values({ slot_key: key, next_at: until })
          .onConflict((oc) =>
            oc
              .column('slot_key')
              .doUpdateSet((eb) => ({ next_at: eb.ref('excluded.next_at') }))
              .where((eb) => eb('send_slots.next_at', '<', eb.ref('excluded.next_at'))),
          )
          .execute();
      }),

    sweep: (before) =>
      guard('sendSlots.sweep', async () => {
        const result = await db.deleteFrom('send_slots').where('next_at', '<', before).executeTakeFirst();
        return Number(result.numDeletedRows);
      }),
  };
}
