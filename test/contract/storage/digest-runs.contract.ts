import { newDigest, OTHER_TEAM, rejectionCode, TEAM, T0, type ContractContext } from './context';

const DAY = '2025-11-25';

export function digestRunContract(ctx: ContractContext): void {
  describe('digest runs', () => {
    test('a (digest, local date) can be claimed once; other dates and digests are separate', async () => {
      const a = await ctx.store.digests.create(newDigest());
      const b = await ctx.store.digests.create(newDigest());
      expect(await ctx.store.digestRuns.claim(a.id, DAY, TEAM, T0)).toBe(true);
      expect(await ctx.store.digestRuns.claim(a.id, DAY, TEAM, T0 + 1000)).toBe(false);
      expect(await ctx.store.digestRuns.claim(a.id, '2025-11-26', TEAM, T0)).toBe(true);
      expect(await ctx.store.digestRuns.claim(b.id, DAY, TEAM, T0)).toBe(true);
      expect((await ctx.store.digestRuns.get(a.id, DAY))?.claimedAt).toBe(T0);
    });

    test('concurrent claims of the same run: exactly one wins', async () => {
      const d = await ctx.store.digests.create(newDigest());
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => ctx.store.digestRuns.claim(d.id, DAY, TEAM, T0 + i)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await ctx.store.digestRuns.listForDigest(d.id)).toHaveLength(1);
    });

    test('a claimed run reads back as claimed with its claim details', async () => {
      const d = await ctx.store.digests.create(newDigest());
      await ctx.store.digestRuns.claim(d.id, DAY, TEAM, T0 + 5, { lateMinutes: 12, channelId: 'C0FACILITY' });
      expect(await ctx.store.digestRuns.get(d.id, DAY)).toEqual({
        digestId: d.id,
        localDate: DAY,
        teamId: TEAM,
        state: 'claimed',
        claimedAt: T0 + 5,
        finishedAt: null,
        messageTs: null,
        channelId: 'C0FACILITY',
        reason: null,
        lateMinutes: 12,
        owner: null,
        leaseUntil: null,
        postingAt: null,
      });
    });

    test('claiming for a digest of another team, or a missing digest, is NOT_FOUND', async () => {
      const d = await ctx.store.digests.create(newDigest());
      expect(await rejectionCode(ctx.store.digestRuns.claim(d.id, DAY, OTHER_TEAM, T0))).toBe('NOT_FOUND');
      expect(await rejectionCode(ctx.store.digestRuns.claim(d.id + 1000, DAY, TEAM, T0))).toBe('NOT_FOUND');
      expect(await ctx.store.digestRuns.claim(d.id, DAY, TEAM, T0)).toBe(true);
    });

    test('a malformed local date or negative lateness is BAD_INPUT', async () => {
      const d = await ctx.store.digests.create(newDigest());
      expect(await rejectionCode(ctx.store.digestRuns.claim(d.id, '2025-11-25T08:00', TEAM, T0))).toBe('BAD_INPUT');
      expect(await rejectionCode(ctx.store.digestRuns.claim(d.id, '20251125', TEAM, T0))).toBe('BAD_INPUT');
      expect(await rejectionCode(ctx.store.digestRuns.claim(d.id, DAY, TEAM, T0, { lateMinutes: -1 }))).toBe('BAD_INPUT');
      expect(await ctx.store.digestRuns.get(d.id, DAY)).toBeNull();
    });

    test('finish records a sent outcome once; the run can never be claimed again', async () => {
      const d = await ctx.store.digests.create(newDigest());
      await ctx.store.digestRuns.claim(d.id, DAY, TEAM, T0, { channelId: 'C0FACILITY' });
      const finishedAt = ctx.clock.advance(2500);
      expect(await ctx.store.digestRuns.finish(d.id, DAY, { state: 'sent', messageTs: '1732536000.000100' })).toBe(true);
      expect(await ctx.store.digestRuns.finish(d.id, DAY, { state: 'failed', reason: 'late' })).toBe(false);
      expect(await ctx.store.digestRuns.get(d.id, DAY)).toMatchObject({
        state: 'sent',
        messageTs: '1732536000.000100',
        channelId: 'C0FACILITY',
        finishedAt,
        reason: null,
      });
      expect(await ctx.store.digestRuns.claim(d.id, DAY, TEAM, T0)).toBe(false);
    });

    test('failed, unknown and skipped outcomes keep their reason; sent may name the channel', async () => {
      const d = await ctx.store.digests.create(newDigest());
      const outcomes = [
        ['2025-11-20', { state: 'failed', reason: 'channel_not_found' }],
        ['2025-11-21', { state: 'unknown', reason: 'timeout after send' }],
        ['2025-11-22', { state: 'skipped', reason: 'outside grace window' }],
        ['2025-11-23', { state: 'sent', messageTs: '1.2', channelId: 'C0MOVED' }],
      ] as const;
      for (const [date, outcome] of outcomes) {
        await ctx.store.digestRuns.claim(d.id, date, TEAM, T0);
        expect(await ctx.store.digestRuns.finish(d.id, date, outcome)).toBe(true);
      }
      expect(await ctx.store.digestRuns.get(d.id, '2025-11-20')).toMatchObject({ state: 'failed', reason: 'channel_not_found', messageTs: null });
      expect(await ctx.store.digestRuns.get(d.id, '2025-11-21')).toMatchObject({ state: 'unknown', reason: 'timeout after send' });
      expect(await ctx.store.digestRuns.get(d.id, '2025-11-22')).toMatchObject({ state: 'skipped', reason: 'outside grace window' });
      expect(await ctx.store.digestRuns.get(d.id, '2025-11-23')).toMatchObject({ state: 'sent', channelId: 'C0MOVED' });
      // A failed day is done: at most once means no second attempt under the same claim key.
      expect(await ctx.store.digestRuns.claim(d.id, '2025-11-20', TEAM, T0)).toBe(false);
    });

    test('finish of a run that was never claimed is false and creates nothing', async () => {
      const d = await ctx.store.digests.create(newDigest());
      expect(await ctx.store.digestRuns.finish(d.id, DAY, { state: 'sent', messageTs: '1.1' })).toBe(false);
      expect(await ctx.store.digestRuns.get(d.id, DAY)).toBeNull();
    });

    test('listForDigest is newest first and honours a limit; lastRun is the newest', async () => {
      const d = await ctx.store.digests.create(newDigest());
      for (const date of ['2025-11-24', '2025-11-26', '2025-11-25']) await ctx.store.digestRuns.claim(d.id, date, TEAM, T0);
      const other = await ctx.store.digests.create(newDigest());
      await ctx.store.digestRuns.claim(other.id, '2025-12-01', TEAM, T0);
      expect((await ctx.store.digestRuns.listForDigest(d.id)).map((r) => r.localDate)).toEqual(['2025-11-26', '2025-11-25', '2025-11-24']);
      expect((await ctx.store.digestRuns.listForDigest(d.id, 2)).map((r) => r.localDate)).toEqual(['2025-11-26', '2025-11-25']);
      expect((await ctx.store.digestRuns.lastRun(d.id))?.localDate).toBe('2025-11-26');
      expect(await ctx.store.digestRuns.lastRun(d.id + 1000)).toBeNull();
    });

    test('listUnfinished returns only runs still claimed, oldest claim first', async () => {
      const d = await ctx.store.digests.create(newDigest());
      await ctx.store.digestRuns.claim(d.id, '2025-11-24', TEAM, T0 + 2000);
      await ctx.store.digestRuns.claim(d.id, '2025-11-25', TEAM, T0 + 1000);
      await ctx.store.digestRuns.claim(d.id, '2025-11-26', TEAM, T0);
      await ctx.store.digestRuns.finish(d.id, '2025-11-26', { state: 'sent', messageTs: '1.1' });
      expect((await ctx.store.digestRuns.listUnfinished()).map((r) => r.localDate)).toEqual(['2025-11-25', '2025-11-24']);
    });
  });
}
