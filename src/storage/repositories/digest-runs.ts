import { notFound } from '../errors';
import type { DigestRunRepository } from '../../ports/store/index';
import { assertLocalDate, normalizeLateMinutes, outcomeFields } from '../rules';
import { runFromRow } from './codec';
import type { RepositoryContext } from './context';
import type { Kysely } from 'kysely';
import type { StorageSchema } from './schema';
import type { DigestRunKey } from '../../ports/store/index';

/** An update of one run that is still claimed (not finished). */
function claimed(db: Kysely<StorageSchema>, key: DigestRunKey) {
  return db
    .updateTable('digest_runs')
    .where('digest_id', '=', key.digestId)
    .where('local_date', '=', key.localDate)
    .where('state', '=', 'claimed');
}

export function digestRunRepository({ db, now, guard }: RepositoryContext): DigestRunRepository {
  return {
    claim: (digestId, localDate, teamId, claimedAt, options = {}) =>
      guard('digestRuns.claim', async () => {
        assertLocalDate('digestRuns.claim', localDate);
        const lateMinutes = normalizeLateMinutes('digestRuns.claim', options.lateMinutes);
        const digest = await db
          .selectFrom('digests')
          .select('id')
          .where('id', '=', digestId)
          .where('team_id', '=', teamId)
          .executeTakeFirst();
        if (!digest) throw notFound('digestRuns.claim', 'digest', digestId);
        // The primary key decides: of any number of concurrent claims, one insert lands, and
        // RETURNING hands back a row only for that one (affected-row counts differ by driver).
        const inserted = await db
          .insertInto('digest_runs')
          .values({
            digest_id: digestId,
            local_date: localDate,
            team_id: teamId,
            state: 'claimed',
            claimed_at: claimedAt,
            finished_at: null,
            message_ts: null,
            channel_id: options.channelId ?? null,
            reason: null,
            late_minutes: lateMinutes,
            owner: options.owner ?? null,
            lease_until: options.owner === undefined ? null : (options.leaseUntil ?? claimedAt),
            posting_at: null,
          })
          .onConflict((oc) => oc.columns(['digest_id', 'local_date']).doNothing())
          .returning('digest_id')
          .executeTakeFirst();
        return inserted !== undefined;
      }),

    takeOver: (key, owner, at, leaseUntil, lateMinutes) =>
      guard('digestRuns.takeOver', async () => {
        const late = lateMinutes === undefined ? undefined : normalizeLateMinutes('digestRuns.takeOver', lateMinutes);
        // One conditional update: of replicas racing for the same expired lease, one matches.
        const taken = await claimed(db, key)
          .set({ owner, lease_until: leaseUntil, ...(late === undefined ? {} : { late_minutes: late }) })
          .where('owner', 'is not', null)
          .where('posting_at', 'is', null)
          .where('lease_until', '<', at)
          .returning('digest_id')
          .executeTakeFirst();
        return taken !== undefined;
      }),

    renew: (key, owner, leaseUntil) =>
      guard('digestRuns.renew', async () => {
        const result = await claimed(db, key).set({ lease_until: leaseUntil }).where('owner', '=', owner).executeTakeFirst();
        return result.numUpdatedRows > 0n;
      }),

    markPosting: (key, owner, at) =>
      guard('digestRuns.markPosting', async () => {
        const marked = await claimed(db, key)
          .set({ posting_at: at })
          .where('owner', '=', owner)
          .where('posting_at', 'is', null)
          .returning('digest_id')
          .executeTakeFirst();
        return marked !== undefined;
      }),

    release: (key, owner, opts = {}) =>
      guard('digestRuns.release', async () => {
        let q = db
          .deleteFrom('digest_runs')
          .where('digest_id', '=', key.digestId)
          .where('local_date', '=', key.localDate)
          .where('state', '=', 'claimed')
          .where('owner', '=', owner);
        if (!opts.refused) q = q.where('posting_at', 'is', null);
        const result = await q.executeTakeFirst();
        return result.numDeletedRows > 0n;
      }),

    expire: (key, at, reason) =>
      guard('digestRuns.expire', async () => {
        const result = await claimed(db, key)
          .set({ state: 'unknown', finished_at: now(), reason })
          .where((eb) => eb.or([eb('owner', 'is', null), eb.and([eb('posting_at', 'is not', null), eb('lease_until', '<', at)])]))
          .executeTakeFirst();
        return result.numUpdatedRows > 0n;
      }),

    finish: (digestId, localDate, outcome) =>
      guard('digestRuns.finish', async () => {
        const fields = outcomeFields(outcome);
        const result = await db
          .updateTable('digest_runs')
          .set({
            state: outcome.state,
            finished_at: now(),
            message_ts: fields.messageTs,
            reason: fields.reason,
            ...(fields.channelId === undefined ? {} : { channel_id: fields.channelId }),
          })
          .where('digest_id', '=', digestId)
          .where('local_date', '=', localDate)
          .where('state', '=', 'claimed')
          .executeTakeFirst();
        return result.numUpdatedRows > 0n;
      }),

    get: (digestId, localDate) =>
      guard('digestRuns.get', async () => {
        const row = await db
          .selectFrom('digest_runs')
          .selectAll()
          .where('digest_id', '=', digestId)
          .where('local_date', '=', localDate)
          .executeTakeFirst();
        return row ? runFromRow(row) : null;
      }),

    listForDigest: (digestId, limit) =>
      guard('digestRuns.listForDigest', async () => {
        let q = db.selectFrom('digest_runs').selectAll().where('digest_id', '=', digestId).orderBy('local_date', 'desc');
        if (limit !== undefined) q = q.limit(Math.max(0, Math.floor(limit)));
        return (await q.execute()).map(runFromRow);
      }),

    lastRun: (digestId) =>
      guard('digestRuns.lastRun', async () => {
        const row = await db
          .selectFrom('digest_runs')
          .selectAll()
          .where('digest_id', '=', digestId)
          .orderBy('local_date', 'desc')
          .limit(1)
          .executeTakeFirst();
        return row ? runFromRow(row) : null;
      }),

    listUnfinished: () =>
      guard('digestRuns.listUnfinished', async () => {
        const rows = await db
          .selectFrom('digest_runs')
          .selectAll()
          .where('state', '=', 'claimed')
          .orderBy('claimed_at')
          .orderBy('digest_id')
          .orderBy('local_date')
          .execute();
        return rows.map(runFromRow);
      }),
  };
}
