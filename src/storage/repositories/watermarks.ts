import type { WatermarkRepository } from '../../ports/store/index';
import { watermarkFromRow } from './codec';
import type { RepositoryContext } from './context';

export function watermarkRepository({ db, now, guard }: RepositoryContext): WatermarkRepository {
  return {
    get: (key) =>
      guard('watermarks.get', async () => {
        const row = await db
          .selectFrom('scope_watermarks')
          .selectAll()
          .where('scope_kind', '=', key.scopeKind)
          .where('scope_id', '=', key.scopeId)
          .where('granularity', '=', key.granularity)
          .executeTakeFirst();
        return row ? watermarkFromRow(row) : null;
      }),

    advance: (key, lastBucketStart) =>
      guard('watermarks.advance', async () => {
        // One statement, so two evaluators racing can only ever leave the later value behind.
        // RETURNING yields a row only when the insert or the guarded update happened.
        const written = await db
          .insertInto('scope_watermarks')
          .values({
            scope_kind: key.scopeKind,
            scope_id: key.scopeId,
            granularity: key.granularity,
            last_bucket_start: lastBucketStart,
            updated_at: now(),
          })
          .onConflict((oc) =>
            oc
              .columns(['scope_kind', 'scope_id', 'granularity'])
              .doUpdateSet((eb) => ({
                last_bucket_start: eb.ref('excluded.last_bucket_start'),
                updated_at: eb.ref('excluded.updated_at'),
              }))
              .where((eb) => eb('scope_watermarks.last_bucket_start', '<', eb.ref('excluded.last_bucket_start'))),
          )
          .returning('last_bucket_start')
          .executeTakeFirst();
        return written !== undefined;
      }),

    list: () =>
      guard('watermarks.list', async () => {
        const rows = await db
          .selectFrom('scope_watermarks')
          .selectAll()
          .orderBy('scope_kind')
          .orderBy('scope_id')
          .orderBy('granularity')
          .execute();
        return rows.map(watermarkFromRow);
      }),
  };
}
