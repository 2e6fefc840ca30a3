import { notFound } from '../errors';
import type { AlertStateRepository } from '../../ports/store/index';
import type { AlertState } from '../../domain/alert-state';
import { alertStateFromRow, toJson } from './codec';
import type { RepositoryContext } from './context';

// Well under SQLite's bound-parameter limit, and a size PostgreSQL plans well too.
const IN_CHUNK = 500;

export function alertStateRepository({ db, now, guard }: RepositoryContext): AlertStateRepository {
  return {
    get: (subscriptionId) =>
      guard('alertStates.get', async () => {
        const row = await db.selectFrom('alert_state').selectAll().where('subscription_id', '=', subscriptionId).executeTakeFirst();
        return row ? alertStateFromRow(row) : null;
      }),

    getMany: (subscriptionIds) =>
      guard('alertStates.getMany', async () => {
        const out = new Map<number, AlertState>();
        const ids = [...new Set(subscriptionIds)];
        for (let i = 0; i < ids.length; i += IN_CHUNK) {
          const chunk = ids.slice(i, i + IN_CHUNK);
          const rows = await db.selectFrom('alert_state').selectAll().where('subscription_id', 'in', chunk).execute();
          for (const row of rows) out.set(row.subscription_id, alertStateFromRow(row));
        }
        return out;
      }),

    put: (state) =>
      guard('alertStates.put', async () => {
        const owner = await db
          .selectFrom('subscriptions')
          .select('id')
          .where('id', '=', state.subscriptionId)
          .where('team_id', '=', state.teamId)
          .executeTakeFirst();
        if (!owner) throw notFound('alertStates.put', 'subscription', state.subscriptionId);
        const columns = {
          team_id: state.teamId,
          state: state.state,
          pending_since: state.pendingSince,
          pending_count: state.pendingCount,
          episode_start: state.episodeStart,
          episode_peak: state.episodePeak,
          episode_peak_at: state.episodePeakAt,
          episode_usual: state.episodeUsual ?? null,
          episode_usual_weeks: state.episodeUsualWeeks ?? null,
          message_channel: state.messageChannel,
          message_ts: state.messageTs,
          last_notified_at: state.lastNotifiedAt,
          evaluated_through: state.evaluatedThrough,
          deferred: toJson(state.deferred),
          updated_at: now(),
        };
        const row = await db
          .insertInto('alert_state')
          .values({ subscription_id: state.subscriptionId, ...columns })
          .onConflict((oc) => oc.column('subscription_id').doUpdateSet(columns))
          .returningAll()
          .executeTakeFirstOrThrow();
        return alertStateFromRow(row);
      }),
  };
}
