import { newDigest, OTHER_TEAM, TEAM, T0, type ContractContext } from './context';

export function digestContract(ctx: ContractContext): void {
  describe('digests', () => {
    test('create returns an active record with ids, stamps and JSON fields round-tripped', async () => {
      const created = await ctx.store.digests.create(newDigest());
      expect(created).toEqual({
        id: expect.any(Number),
        ...newDigest(),
        status: 'active',
        pausedReason: null,
        createdAt: T0,
        updatedAt: T0,
      });
      expect(Number.isInteger(created.id) && created.id > 0).toBe(true);
      expect(await ctx.store.digests.get(TEAM, created.id)).toEqual(created);
    });

    test('a weekly digest keeps its cadence; one stored without saying is daily; update changes it', async () => {
      const weekly = await ctx.store.digests.create(newDigest({ cadence: 'weekly', days: [1] }));
      expect(await ctx.store.digests.get(TEAM, weekly.id)).toMatchObject({ cadence: 'weekly', days: [1] });
      const { cadence: _unsaid, ...rest } = newDigest();
      const plain = await ctx.store.digests.create(rest);
      expect(plain.cadence).toBe('daily');
      expect(await ctx.store.digests.update(TEAM, plain.id, { cadence: 'weekly', days: [5] })).toMatchObject({ cadence: 'weekly', days: [5] });
      expect(await ctx.store.digests.update(TEAM, plain.id, { timeOfDay: '09:30' })).toMatchObject({ cadence: 'weekly', timeOfDay: '09:30' });
      expect((await ctx.store.digests.listActive()).find((d) => d.id === weekly.id)?.cadence).toBe('weekly');
    });

    test('keeps the group a digest reads; an update without one leaves it, null puts back the default', async () => {
      const sales = 'a9d1e4c7-52b3-4f08-8e6a-71c0b93d2e54';
      const d = await ctx.store.digests.create(newDigest({ groupId: sales }));
      expect(d.groupId).toBe(sales);
      expect((await ctx.store.digests.get(TEAM, d.id))?.groupId).toBe(sales);
      expect((await ctx.store.digests.update(TEAM, d.id, { timeOfDay: '09:00' }))?.groupId).toBe(sales);
      expect((await ctx.store.digests.update(TEAM, d.id, { groupId: null }))?.groupId).toBeNull();
      const { groupId: _omitted, ...withoutGroup } = newDigest();
      expect((await ctx.store.digests.create(withoutGroup)).groupId).toBeNull();
    });

    test('ids grow and are never reused after a delete', async () => {
      const a = await ctx.store.digests.create(newDigest());
      const b = await ctx.store.digests.create(newDigest());
      expect(b.id).toBeGreaterThan(a.id);
      await ctx.store.digests.delete(TEAM, b.id);
      const c = await ctx.store.digests.create(newDigest());
      expect(c.id).toBeGreaterThan(b.id);
    });

    test('another team cannot read, change, pause or delete a digest', async () => {
      const d = await ctx.store.digests.create(newDigest());
      expect(await ctx.store.digests.get(OTHER_TEAM, d.id)).toBeNull();
      expect(await ctx.store.digests.update(OTHER_TEAM, d.id, { timeOfDay: '09:00' })).toBeNull();
      expect(await ctx.store.digests.pause(OTHER_TEAM, d.id, 'manual')).toBeNull();
      expect(await ctx.store.digests.resume(OTHER_TEAM, d.id)).toBeNull();
      expect(await ctx.store.digests.delete(OTHER_TEAM, d.id)).toBe(false);
      expect(await ctx.store.digests.listByTeam(OTHER_TEAM)).toEqual([]);
      expect(await ctx.store.digests.listByChannel(OTHER_TEAM, d.channelId)).toEqual([]);
      expect(await ctx.store.digests.get(TEAM, d.id)).toEqual(d);
    });

    test('transfer hands a digest over only from whoever holds it, within its team', async () => {
      const d = await ctx.store.digests.create(newDigest());
      expect(await ctx.store.digests.transfer(OTHER_TEAM, d.id, d.createdBy, 'U0ADMIN')).toBeNull();
      expect(await ctx.store.digests.transfer(TEAM, d.id, 'U0SOMEONEELSE', 'U0ADMIN')).toBeNull();
      const [first, second] = await Promise.all([
        ctx.store.digests.transfer(TEAM, d.id, d.createdBy, 'U0ADMIN'),
        ctx.store.digests.transfer(TEAM, d.id, d.createdBy, 'U0OTHERADMIN'),
      ]);
      expect([first, second].filter((x) => x !== null)).toHaveLength(1);
      const now = await ctx.store.digests.get(TEAM, d.id);
      expect(['U0ADMIN', 'U0OTHERADMIN']).toContain(now?.createdBy);
      expect(now).toMatchObject({ channelId: d.channelId, buildingIds: d.buildingIds, status: d.status });
    });

    test('get of an unknown id is null', async () => {
      expect(await ctx.store.digests.get(TEAM, 987654)).toBeNull();
    });

    test('listByChannel and listByTeam filter by team and channel, ordered by id', async () => {
      const a = await ctx.store.digests.create(newDigest({ channelId: 'C1' }));
      const b = await ctx.store.digests.create(newDigest({ channelId: 'C2' }));
      const c = await ctx.store.digests.create(newDigest({ channelId: 'C1' }));
      await ctx.store.digests.create(newDigest({ teamId: OTHER_TEAM, channelId: 'C1' }));
      expect((await ctx.store.digests.listByChannel(TEAM, 'C1')).map((d) => d.id)).toEqual([a.id, c.id]);
      expect((await ctx.store.digests.listByTeam(TEAM)).map((d) => d.id)).toEqual([a.id, b.id, c.id]);
    });

    test('listActive spans teams and leaves paused digests out', async () => {
      const a = await ctx.store.digests.create(newDigest());
      const b = await ctx.store.digests.create(newDigest({ teamId: OTHER_TEAM }));
      const c = await ctx.store.digests.create(newDigest());
      await ctx.store.digests.pause(TEAM, c.id, null);
      expect((await ctx.store.digests.listActive()).map((d) => d.id)).toEqual([a.id, b.id]);
    });

    test('update changes only the given fields and moves updatedAt', async () => {
      const d = await ctx.store.digests.create(newDigest());
      const later = ctx.clock.advance(60_000);
      const options = { chart: false, topZones: false, perFloor: true, weekOverWeek: false, skipWhenNoData: false };
      const updated = await ctx.store.digests.update(TEAM, d.id, { timeOfDay: '07:30', days: [6, 7], buildingIds: [9], options });
      expect(updated).toEqual({ ...d, timeOfDay: '07:30', days: [6, 7], buildingIds: [9], options, updatedAt: later });
      expect(await ctx.store.digests.get(TEAM, d.id)).toEqual(updated);
      const moved = await ctx.store.digests.update(TEAM, d.id, { channelId: 'C0OTHER', timeZone: 'Asia/Kolkata' });
      expect(moved).toMatchObject({ channelId: 'C0OTHER', timeZone: 'Asia/Kolkata', timeOfDay: '07:30' });
    });

    test('options keep only the known keys', async () => {
      const options = { ...newDigest().options, extra: 'ignored' };
      const d = await ctx.store.digests.create(newDigest({ options }));
      expect(Object.keys((await ctx.store.digests.get(TEAM, d.id))?.options ?? {}).sort()).toEqual(
        ['chart', 'perFloor', 'skipWhenNoData', 'topZones', 'weekOverWeek'],
      );
      expect(d.options).toEqual(newDigest().options);
    });

    test('pause records the reason, resume clears it', async () => {
      const d = await ctx.store.digests.create(newDigest());
      const paused = await ctx.store.digests.pause(TEAM, d.id, 'channel_not_found');
      expect(paused).toMatchObject({ status: 'paused', pausedReason: 'channel_not_found' });
      expect(await ctx.store.digests.get(TEAM, d.id)).toMatchObject({ status: 'paused', pausedReason: 'channel_not_found' });
      const resumed = await ctx.store.digests.resume(TEAM, d.id);
      expect(resumed).toMatchObject({ status: 'active', pausedReason: null });
    });

    test('pauseAllForTeam pauses only the active digests of that team and counts them', async () => {
      const a = await ctx.store.digests.create(newDigest());
      const b = await ctx.store.digests.create(newDigest());
      await ctx.store.digests.pause(TEAM, b.id, 'manual');
      const other = await ctx.store.digests.create(newDigest({ teamId: OTHER_TEAM }));
      expect(await ctx.store.digests.pauseAllForTeam(TEAM, 'token_revoked')).toBe(1);
      expect(await ctx.store.digests.get(TEAM, a.id)).toMatchObject({ status: 'paused', pausedReason: 'token_revoked' });
      expect(await ctx.store.digests.get(TEAM, b.id)).toMatchObject({ status: 'paused', pausedReason: 'manual' });
      expect(await ctx.store.digests.get(OTHER_TEAM, other.id)).toMatchObject({ status: 'active' });
    });

    test('delete removes the digest and its runs, once', async () => {
      const d = await ctx.store.digests.create(newDigest());
      await ctx.store.digestRuns.claim(d.id, '2025-11-25', TEAM, T0);
      expect(await ctx.store.digests.delete(TEAM, d.id)).toBe(true);
      expect(await ctx.store.digests.delete(TEAM, d.id)).toBe(false);
      expect(await ctx.store.digests.get(TEAM, d.id)).toBeNull();
      expect(await ctx.store.digestRuns.get(d.id, '2025-11-25')).toBeNull();
      expect(await ctx.store.digestRuns.listForDigest(d.id)).toEqual([]);
    });

    test('records are copies: editing one does not change the store', async () => {
      const d = await ctx.store.digests.create(newDigest());
      d.buildingIds.push(999);
      (d.options as { chart: boolean }).chart = false;
      const again = await ctx.store.digests.get(TEAM, d.id);
      expect(again?.buildingIds).toEqual([71, 5]);
      expect(again?.options.chart).toBe(true);
    });
  });
}
