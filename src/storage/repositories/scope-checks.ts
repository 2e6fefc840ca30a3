import type { ScopeCheckRepository } from '../../ports/store/index';
import type { RepositoryContext } from './context';

export function scopeCheckRepository({ db, guard }: RepositoryContext): ScopeCheckRepository {
  return {
    claim: (scopeKey, tick, owner, now, leaseUntil) =>
      guard('scopeChecks.claim', async () => {
        // One upsert: the row's primary key makes racing replicas queue on it, and the WHERE
        // lets the update through for one of them only (RETURNING yields a row just for it).
        const taken = await db
          .insertInto('alert_scope_checks')
          .values({ scope_key: scopeKey, tick: tick ?? '', owner, lease_until: leaseUntil })
          .onConflict((oc) =>
            oc
              .column('scope_key')
              .doUpdateSet((eb) => ({
                owner: eb.ref('excluded.owner'),
                lease_until: eb.ref('excluded.lease_until'),
                tick: tick === null ? eb.ref('alert_scope_checks.tick') : eb.ref('excluded.tick'),
              }))
              .where((eb) =>
                eb.and([
                  eb('alert_scope_checks.lease_until', '<', now),
                  ...(tick === null ? [] : [eb('alert_scope_checks.tick', '<', eb.ref('excluded.tick'))]),
                ]),
              ),
          )
          .returning('scope_key')
          .executeTakeFirst();
        return taken !== undefined;
      }),

    renew: (scopeKey, owner, leaseUntil) =>
      guard('scopeChecks.renew', async () => {
        const result = await db
          .updateTable('alert_scope_checks')
          .set({ lease_until: leaseUntil })
          .where('scope_key', '=', scopeKey)
          .where('owner', '=', owner)
          .where('lease_until', '>', 0)
          .executeTakeFirst();
        return result.numUpdatedRows > 0n;
      }),

    release: (scopeKey, owner) =>
      guard('scopeChecks.release', async () => {
        const result = await db
          .updateTable('alert_scope_checks')
          .set({ lease_until: 0 })
          .where('scope_key', '=', scopeKey)
          .where('owner', '=', owner)
          .executeTakeFirst();
        return result.numUpdatedRows > 0n;
      }),

    releaseAll: () =>
      guard('scopeChecks.releaseAll', async () => {
        const result = await db.updateTable('alert_scope_checks').set({ lease_until: 0 }).where('lease_until', '>', 0).executeTakeFirst();
        return Number(result.numUpdatedRows);
      }),
  };
}
