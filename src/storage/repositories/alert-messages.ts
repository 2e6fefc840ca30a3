import type { JsonObject } from '../../domain/values';
import type { AlertMessageRepository } from '../../ports/store/index';
import { z } from 'zod';
import { parseJson, readInt8, toJson } from './codec';
import type { RepositoryContext } from './context';

const contentSchema = z.record(z.string(), z.unknown());

export function alertMessageRepository({ db, now, guard }: RepositoryContext): AlertMessageRepository {
  return {
    record: (m) =>
      guard('alertMessages.record', async () => {
        await db
          .insertInto('alert_messages')
          .values({ channel: m.channel, ts: m.ts, team_id: m.teamId, subscription_id: m.subscriptionId, content: toJson(m.content), posted_at: now() })
          .onConflict((oc) => oc.columns(['channel', 'ts']).doUpdateSet({ content: toJson(m.content) }))
          .execute();
      }),

    listBySubscription: (teamId, subscriptionId, limit) =>
      guard('alertMessages.listBySubscription', async () => {
        const rows = await db
          .selectFrom('alert_messages')
          .selectAll()
          .where('team_id', '=', teamId)
          .where('subscription_id', '=', subscriptionId)
          .orderBy('posted_at', 'desc')
          .orderBy('ts', 'desc')
          .limit(limit)
          .execute();
        return rows.map((r) => ({
          teamId: r.team_id,
          subscriptionId: r.subscription_id,
          channel: r.channel,
          ts: r.ts,
          content: parseJson(contentSchema, r.content, 'alert_messages', 'content') as JsonObject,
          postedAt: readInt8(r.posted_at, 'alert_messages', 'posted_at'),
        }));
      }),

    keepNewest: (teamId, subscriptionId, keep) =>
      guard('alertMessages.keepNewest', async () => {
        const old = await db
          .selectFrom('alert_messages')
          .select(['channel', 'ts'])
          .where('team_id', '=', teamId)
          .where('subscription_id', '=', subscriptionId)
          .orderBy('posted_at', 'desc')
          .orderBy('ts', 'desc')
          .offset(Math.max(0, keep))
          .limit(1_000)
          .execute();
        let forgotten = 0;
        for (const m of old) {
          const result = await db.deleteFrom('alert_messages').where('team_id', '=', teamId).where('channel', '=', m.channel).where('ts', '=', m.ts).executeTakeFirst();
          forgotten += Number(result.numDeletedRows);
        }
        return forgotten;
      }),

    forget: (teamId, channel, ts) =>
      guard('alertMessages.forget', async () => {
        const result = await db.deleteFrom('alert_messages').where('team_id', '=', teamId).where('channel', '=', channel).where('ts', '=', ts).executeTakeFirst();
        return result.numDeletedRows > 0n;
      }),
  };
}
