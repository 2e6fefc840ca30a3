import { FORM_OPENING_TICKET as OPENING, type FormViewRepository, type FormViewState } from '../../ports/store/index';
import type { RepositoryContext } from './context';

const state = (row: { seq: number; hash: string | null }): FormViewState => ({ seq: Number(row.seq), hash: row.hash });

export function formViewRepository({ db, guard }: RepositoryContext): FormViewRepository {
  return {
    opened: (viewId, hash, now) =>
      guard('formViews.opened', async () => {
        const row = await db
          .insertInto('form_views')
          .values({ view_id: viewId, seq: OPENING, hash, updated_at: now })
          // An input got here first (on another replica, while views.open was answering): it is
          // newer than the opening, and so is any drawing of it.
          .onConflict((oc) =>
            oc.column('view_id').doUpdateSet((eb) => ({
              hash: eb.fn.coalesce('form_views.hash', 'excluded.hash'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .returning(['seq', 'hash'])
          .executeTakeFirstOrThrow();
        return state(row);
      }),

    input: (viewId, seenHash, now) =>
      guard('formViews.input', async () => {
        const row = await db
          .insertInto('form_views')
          .values({ view_id: viewId, seq: OPENING + 1, hash: seenHash, updated_at: now })
          .onConflict((oc) =>
            oc.column('view_id').doUpdateSet((eb) => ({
              seq: eb('form_views.seq', '+', 1),
              hash: eb.fn.coalesce('form_views.hash', 'excluded.hash'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .returning(['seq', 'hash'])
          .executeTakeFirstOrThrow();
        return state(row);
      }),

    get: (viewId) =>
      guard('formViews.get', async () => {
        const row = await db.selectFrom('form_views').select(['seq', 'hash']).where('view_id', '=', viewId).executeTakeFirst();
        return row ? state(row) : null;
      }),

    drawn: (viewId, usedHash, newHash, now) =>
      guard('formViews.drawn', async () => {
        const result = await db
          .updateTable('form_views')
          .set({ hash: newHash, updated_at: now })
          .where('view_id', '=', viewId)
          .where((eb) => (usedHash === null ? eb('hash', 'is', null) : eb.or([eb('hash', 'is', null), eb('hash', '=', usedHash)])))
          .executeTakeFirst();
        return result.numUpdatedRows > 0n;
      }),

    forget: (viewId, now) =>
      guard('formViews.forget', async () => {
        await db.updateTable('form_views').set({ hash: null, updated_at: now }).where('view_id', '=', viewId).execute();
      }),

    sweep: (before) =>
      guard('formViews.sweep', async () => {
        const result = await db.deleteFrom('form_views').where('updated_at', '<', before).executeTakeFirst();
        return Number(result.numDeletedRows);
      }),
  };
}
