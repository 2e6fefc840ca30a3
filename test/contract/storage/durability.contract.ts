import type { Store } from '../../../src/ports/store';
import { newDigest, newSubscription, TEAM, T0, type ContractContext } from './context';
import { alertState } from './subscriptions.contract';

const reopen = (ctx: ContractContext): Promise<Store> => ctx.harness.reopen();

export function durabilityContract(ctx: ContractContext): void {
  describe('durability across a restart', () => {
    test('everything written is read back after reopening', async () => {
      const s1 = ctx.store;
      const digest = await s1.digests.create(newDigest());
      const paused = await s1.digests.pause(TEAM, (await s1.digests.create(newDigest({ channelId: 'C2' }))).id, 'is_archived');
      await s1.digestRuns.claim(digest.id, '2025-11-24', TEAM, T0, { lateMinutes: 3 });
      await s1.digestRuns.finish(digest.id, '2025-11-24', { state: 'sent', messageTs: '1.5', channelId: 'C0FACILITY' });
      const sub = await s1.subscriptions.create(newSubscription());
      const state = await s1.alertStates.put(alertState(sub.id));
      await s1.watermarks.advance({ scopeKind: 'zone', scopeId: 9, granularity: 'P1D' }, T0);
      await s1.notices.markOnce(TEAM, 'digest:1:paused');
      const runs = await s1.digestRuns.listForDigest(digest.id);

      const s2 = await reopen(ctx);
      expect(await s2.digests.get(TEAM, digest.id)).toEqual(digest);
      expect(await s2.digests.listByChannel(TEAM, 'C2')).toEqual([paused]);
      expect(await s2.digestRuns.listForDigest(digest.id)).toEqual(runs);
      expect(await s2.subscriptions.get(TEAM, sub.id)).toEqual(sub);
      expect(await s2.alertStates.get(sub.id)).toEqual(state);
      expect(await s2.watermarks.list()).toEqual([{ scopeKind: 'zone', scopeId: 9, granularity: 'P1D', lastBucketStart: T0, updatedAt: T0 }]);
      expect(await s2.notices.markOnce(TEAM, 'digest:1:paused')).toBe(false);
      const next = await s2.digests.create(newDigest());
      expect(next.id).toBeGreaterThan(paused?.id ?? Infinity);
    });

    test('a run claimed but never finished stays claimed after a restart, and cannot be claimed again', async () => {
      const digest = await ctx.store.digests.create(newDigest());
      expect(await ctx.store.digestRuns.claim(digest.id, '2025-11-25', TEAM, T0)).toBe(true);
      const s2 = await reopen(ctx);
      expect(await s2.digestRuns.get(digest.id, '2025-11-25')).toMatchObject({ state: 'claimed', finishedAt: null });
      expect((await s2.digestRuns.listUnfinished()).map((r) => [r.digestId, r.localDate])).toEqual([[digest.id, '2025-11-25']]);
      expect(await s2.digestRuns.claim(digest.id, '2025-11-25', TEAM, T0 + 60_000)).toBe(false);
      expect(await s2.digestRuns.finish(digest.id, '2025-11-25', { state: 'unknown', reason: 'process stopped mid-run' })).toBe(true);
    });

    test('a watermark never moves back across a restart', async () => {
      const key = { scopeKind: 'building', scopeId: 71, granularity: 'PT1H' } as const;
      await ctx.store.watermarks.advance(key, T0);
      const s2 = await reopen(ctx);
      expect(await s2.watermarks.advance(key, T0 - 1)).toBe(false);
      expect((await s2.watermarks.get(key))?.lastBucketStart).toBe(T0);
    });
  });
}
