import type { ScopeKey } from '../../../src/domain/alert-state';
import { OTHER_TEAM, rejectionCode, TEAM, T0, type ContractContext } from './context';

const B71: ScopeKey = { scopeKind: 'building', scopeId: 71, granularity: 'PT1H' };
const HOUR = 3_600_000;

export function watermarkAndNoticeContract(ctx: ContractContext): void {
  describe('watermarks', () => {
    test('advance creates, then only moves forward', async () => {
      expect(await ctx.store.watermarks.get(B71)).toBeNull();
      expect(await ctx.store.watermarks.advance(B71, T0)).toBe(true);
      expect(await ctx.store.watermarks.get(B71)).toEqual({ ...B71, lastBucketStart: T0, updatedAt: T0 });
      const later = ctx.clock.advance(60_000);
      expect(await ctx.store.watermarks.advance(B71, T0 - HOUR)).toBe(false);
      expect(await ctx.store.watermarks.advance(B71, T0)).toBe(false);
      expect(await ctx.store.watermarks.get(B71)).toEqual({ ...B71, lastBucketStart: T0, updatedAt: T0 });
      expect(await ctx.store.watermarks.advance(B71, T0 + HOUR)).toBe(true);
      expect(await ctx.store.watermarks.get(B71)).toEqual({ ...B71, lastBucketStart: T0 + HOUR, updatedAt: later });
    });

    test('scope kind, id and granularity are separate keys; list is ordered', async () => {
      await ctx.store.watermarks.advance({ ...B71, granularity: 'P1D' }, T0 - 24 * HOUR);
      await ctx.store.watermarks.advance(B71, T0);
      await ctx.store.watermarks.advance({ ...B71, scopeKind: 'zone' }, T0 + HOUR);
      await ctx.store.watermarks.advance({ ...B71, scopeId: 5 }, T0 + 2 * HOUR);
      expect(await ctx.store.watermarks.get({ ...B71, scopeId: 6 })).toBeNull();
      expect((await ctx.store.watermarks.list()).map((w) => [w.scopeKind, w.scopeId, w.granularity, w.lastBucketStart])).toEqual([
        ['building', 5, 'PT1H', T0 + 2 * HOUR],
        ['building', 71, 'P1D', T0 - 24 * HOUR],
        ['building', 71, 'PT1H', T0],
        ['zone', 71, 'PT1H', T0 + HOUR],
      ]);
    });

    test('concurrent advances leave the greatest value', async () => {
      const values = [5, 1, 9, 3, 7, 2, 8].map((h) => T0 + h * HOUR);
      const moved = await Promise.all(values.map((v) => ctx.store.watermarks.advance(B71, v)));
      expect(moved[0]).toBe(true);
      expect((await ctx.store.watermarks.get(B71))?.lastBucketStart).toBe(T0 + 9 * HOUR);
    });
  });

  describe('notices', () => {
    test('markOnce is true once per (team, key) until cleared', async () => {
      expect(await ctx.store.notices.has(TEAM, 'digest:3:paused')).toBe(false);
      expect(await ctx.store.notices.markOnce(TEAM, 'digest:3:paused')).toBe(true);
      expect(await ctx.store.notices.markOnce(TEAM, 'digest:3:paused')).toBe(false);
      expect(await ctx.store.notices.has(TEAM, 'digest:3:paused')).toBe(true);
      expect(await ctx.store.notices.markOnce(OTHER_TEAM, 'digest:3:paused')).toBe(true);
      expect(await ctx.store.notices.markOnce(TEAM, 'digest:4:paused')).toBe(true);
      expect(await ctx.store.notices.clear(TEAM, 'digest:3:paused')).toBe(true);
      expect(await ctx.store.notices.clear(TEAM, 'digest:3:paused')).toBe(false);
      expect(await ctx.store.notices.has(OTHER_TEAM, 'digest:3:paused')).toBe(true);
      expect(await ctx.store.notices.markOnce(TEAM, 'digest:3:paused')).toBe(true);
    });

    test('concurrent markOnce: exactly one is told', async () => {
      const results = await Promise.all(Array.from({ length: 8 }, () => ctx.store.notices.markOnce(TEAM, 'digest:9:paused')));
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });

  describe('close', () => {
    test('after close every call fails with STORAGE; closing twice is fine', async () => {
      await ctx.store.close();
      await ctx.store.close();
      expect(await rejectionCode(ctx.store.digests.listActive())).toBe('STORAGE');
      expect(await rejectionCode(ctx.store.notices.has(TEAM, 'k'))).toBe('STORAGE');
      expect(await rejectionCode(ctx.store.watermarks.advance(B71, T0))).toBe('STORAGE');
    });
  });
}
