import { newDigest, TEAM, T0, type ContractContext } from './context';

const DAY = '2025-11-25';
const LEASE = 30_000;

/** Digest-run leases: what lets several replicas share runs and take over a dead one's. */
export function digestRunLeaseContract(ctx: ContractContext): void {
  describe('digest run leases', () => {
    async function claimedBy(owner: string, leaseUntil = T0 + LEASE) {
      const d = await ctx.store.digests.create(newDigest());
      expect(await ctx.store.digestRuns.claim(d.id, DAY, TEAM, T0, { owner, leaseUntil, channelId: 'C1' })).toBe(true);
      return { digestId: d.id, localDate: DAY };
    }

    test('a claim records its owner and lease; renew extends it only for the owner', async () => {
      const key = await claimedBy('a');
      expect(await ctx.store.digestRuns.get(key.digestId, DAY)).toMatchObject({ owner: 'a', leaseUntil: T0 + LEASE, postingAt: null });
      expect(await ctx.store.digestRuns.renew(key, 'b', T0 + 99_000)).toBe(false);
      expect(await ctx.store.digestRuns.renew(key, 'a', T0 + 60_000)).toBe(true);
      expect((await ctx.store.digestRuns.get(key.digestId, DAY))?.leaseUntil).toBe(T0 + 60_000);
    });

    test('takeover: never while the lease runs, once after it ends, by exactly one of many', async () => {
      const key = await claimedBy('a');
      expect(await ctx.store.digestRuns.takeOver(key, 'b', T0 + LEASE - 1, T0 + 2 * LEASE)).toBe(false);
      const racers = await Promise.all(['b', 'c', 'd', 'e', 'f'].map((o) => ctx.store.digestRuns.takeOver(key, o, T0 + LEASE + 1, T0 + 3 * LEASE, 4)));
      expect(racers.filter(Boolean)).toHaveLength(1);
      const run = await ctx.store.digestRuns.get(key.digestId, DAY);
      expect(run).toMatchObject({ state: 'claimed', leaseUntil: T0 + 3 * LEASE, lateMinutes: 4 });
      expect(['b', 'c', 'd', 'e', 'f']).toContain(run?.owner);
      // The old owner no longer holds it: it may neither renew nor hand it to Slack.
      expect(await ctx.store.digestRuns.renew(key, 'a', T0 + 9 * LEASE)).toBe(false);
      expect(await ctx.store.digestRuns.markPosting(key, 'a', T0 + LEASE + 2)).toBe(false);
    });

    test('marking posting is the fence: once, by the owner; a posting run is never taken over', async () => {
      const key = await claimedBy('a');
      expect(await ctx.store.digestRuns.markPosting(key, 'b', T0 + 1)).toBe(false);
      const marks = await Promise.all([1, 2, 3].map((i) => ctx.store.digestRuns.markPosting(key, 'a', T0 + i)));
      expect(marks.filter(Boolean)).toHaveLength(1);
      expect(await ctx.store.digestRuns.takeOver(key, 'b', T0 + 10 * LEASE, T0 + 11 * LEASE)).toBe(false);
      expect(await ctx.store.digestRuns.release(key, 'a')).toBe(false);
      // Slack refused the first post (429): nothing went out, so the owner may give the run back.
      expect(await ctx.store.digestRuns.release(key, 'b', { refused: true })).toBe(false);
      expect(await ctx.store.digestRuns.release(key, 'a', { refused: true })).toBe(true);
      expect(await ctx.store.digestRuns.get(key.digestId, key.localDate)).toBeNull();
    });

    test('expire records unknown only a posting run whose lease ended (or an ownerless claim)', async () => {
      const key = await claimedBy('a');
      // Claimed, never posting: not expired, whatever the time (it is taken over instead).
      expect(await ctx.store.digestRuns.expire(key, T0 + 10 * LEASE, 'gone')).toBe(false);
      expect(await ctx.store.digestRuns.markPosting(key, 'a', T0 + 1)).toBe(true);
      expect(await ctx.store.digestRuns.expire(key, T0 + LEASE - 1, 'gone')).toBe(false);
      expect(await ctx.store.digestRuns.expire(key, T0 + LEASE + 1, 'gone')).toBe(true);
      expect(await ctx.store.digestRuns.get(key.digestId, DAY)).toMatchObject({ state: 'unknown', reason: 'gone' });
      expect(await ctx.store.digestRuns.finish(key.digestId, DAY, { state: 'sent', messageTs: '1.1' })).toBe(false);

      const legacy = await ctx.store.digests.create(newDigest());
      await ctx.store.digestRuns.claim(legacy.id, DAY, TEAM, T0);
      expect(await ctx.store.digestRuns.expire({ digestId: legacy.id, localDate: DAY }, T0, 'gone')).toBe(true);
    });

    test('release gives the slot back (only for the owner, only before posting), so it can be claimed again', async () => {
      const key = await claimedBy('a');
      expect(await ctx.store.digestRuns.release(key, 'b')).toBe(false);
      expect(await ctx.store.digestRuns.release(key, 'a')).toBe(true);
      expect(await ctx.store.digestRuns.get(key.digestId, DAY)).toBeNull();
      expect(await ctx.store.digestRuns.claim(key.digestId, DAY, TEAM, T0 + 5, { owner: 'b', leaseUntil: T0 + LEASE })).toBe(true);
    });
  });
}

/** Alert scope claims, shared posting turns and open forms. */
export function coordinationContract(ctx: ContractContext): void {
  describe('alert scope checks', () => {
    const tick = (m: number) => new Date(T0 + m * 60_000).toISOString();

    test('one replica per scope per tick, even racing; the next tick only after release', async () => {
      const claims = await Promise.all(['a', 'b', 'c'].map((o) => ctx.store.scopeChecks.claim('building:71:PT1H', tick(0), o, T0, T0 + LEASE)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      const owner = ['a', 'b', 'c'][claims.indexOf(true)]!;
      // Held: nobody takes the next tick while the lease runs.
      expect(await ctx.store.scopeChecks.claim('building:71:PT1H', tick(15), 'z', T0 + 1000, T0 + LEASE)).toBe(false);
      expect(await ctx.store.scopeChecks.release('building:71:PT1H', owner)).toBe(true);
      // Released: the same tick is done, a later replica's timer for it gets nothing.
      expect(await ctx.store.scopeChecks.claim('building:71:PT1H', tick(0), 'z', T0 + 2000, T0 + LEASE)).toBe(false);
      expect(await ctx.store.scopeChecks.claim('building:71:PT1H', tick(15), 'z', T0 + 2000, T0 + LEASE)).toBe(true);
      // Other scopes are separate.
      expect(await ctx.store.scopeChecks.claim('zone:5:P1D', tick(15), 'y', T0 + 2000, T0 + LEASE)).toBe(true);
    });

    test('a dead holder: its lease runs out and the next tick is taken; renew keeps a live one', async () => {
      expect(await ctx.store.scopeChecks.claim('s', tick(0), 'a', T0, T0 + LEASE)).toBe(true);
      expect(await ctx.store.scopeChecks.renew('s', 'b', T0 + 2 * LEASE)).toBe(false);
      expect(await ctx.store.scopeChecks.renew('s', 'a', T0 + 2 * LEASE)).toBe(true);
      expect(await ctx.store.scopeChecks.claim('s', tick(15), 'b', T0 + LEASE + 1, T0 + 3 * LEASE)).toBe(false);
      expect(await ctx.store.scopeChecks.claim('s', tick(15), 'b', T0 + 2 * LEASE + 1, T0 + 3 * LEASE)).toBe(true);
      expect(await ctx.store.scopeChecks.renew('s', 'a', T0 + 9 * LEASE)).toBe(false);
    });

    test('a check by hand needs only a free lease and leaves the tick as it was', async () => {
      expect(await ctx.store.scopeChecks.claim('s', tick(15), 'a', T0, T0 + LEASE)).toBe(true);
      expect(await ctx.store.scopeChecks.claim('s', null, 'b', T0 + 1, T0 + LEASE)).toBe(false);
      await ctx.store.scopeChecks.release('s', 'a');
      expect(await ctx.store.scopeChecks.claim('s', null, 'b', T0 + 2, T0 + LEASE)).toBe(true);
      await ctx.store.scopeChecks.release('s', 'b');
      expect(await ctx.store.scopeChecks.claim('s', tick(15), 'c', T0 + 3, T0 + LEASE)).toBe(false);
      expect(await ctx.store.scopeChecks.claim('s', tick(30), 'c', T0 + 3, T0 + LEASE)).toBe(true);
      expect(await ctx.store.scopeChecks.releaseAll()).toBe(1);
      expect(await ctx.store.scopeChecks.claim('s', null, 'd', T0 + 4, T0 + LEASE)).toBe(true);
    });
  });

  describe('send slots', () => {
    test('turns are spaced per channel, never shared, even when asked for at once', async () => {
      const turns = await Promise.all(Array.from({ length: 6 }, () => ctx.store.sendSlots.reserve('T1:C1', T0, 1000)));
      expect([...turns].sort((a, b) => a - b)).toEqual([T0, T0 + 1000, T0 + 2000, T0 + 3000, T0 + 4000, T0 + 5000]);
      expect(await ctx.store.sendSlots.reserve('T1:C2', T0, 1000)).toBe(T0);
      // Long after the last turn: now again.
      expect(await ctx.store.sendSlots.reserve('T1:C1', T0 + 60_000, 1000)).toBe(T0 + 60_000);
    });

    test('a hold pushes the next turn out, never in', async () => {
      await ctx.store.sendSlots.holdOff('C', T0 + 30_000);
      await ctx.store.sendSlots.holdOff('C', T0 + 10_000);
      expect(await ctx.store.sendSlots.reserve('C', T0, 1000)).toBe(T0 + 30_000);
      expect(await ctx.store.sendSlots.reserve('C', T0, 1000)).toBe(T0 + 31_000);
      expect(await ctx.store.sendSlots.sweep(T0 + 40_000)).toBe(1);
      expect(await ctx.store.sendSlots.reserve('C', T0, 1000)).toBe(T0);
    });

    test('a turn further off than `latest` is not taken: the answer says when it would start, and nothing moves', async () => {
      await ctx.store.sendSlots.holdOff('H', T0 + 120_000);
      expect(await ctx.store.sendSlots.reserve('H', T0, 1000, T0 + 10_000)).toBe(T0 + 120_000);
      expect(await ctx.store.sendSlots.reserve('H', T0, 1000, T0 + 10_000)).toBe(T0 + 120_000);
      // Nothing was taken by the two refusals: the first turn after the hold is still free.
      expect(await ctx.store.sendSlots.reserve('H', T0, 1000)).toBe(T0 + 120_000);
      // Within `latest`: taken as without it, for a channel seen before or never.
      expect(await ctx.store.sendSlots.reserve('H', T0 + 120_500, 1000, T0 + 130_000)).toBe(T0 + 121_000);
      expect(await ctx.store.sendSlots.reserve('H', T0 + 120_500, 1000, T0 + 130_000)).toBe(T0 + 122_000);
      expect(await ctx.store.sendSlots.reserve('new', T0, 1000, T0)).toBe(T0);
      expect(await ctx.store.sendSlots.reserve('new', T0, 1000, T0 + 500)).toBe(T0 + 1000);
      expect(await ctx.store.sendSlots.reserve('new', T0, 1000, T0 + 500)).toBe(T0 + 1000);
    });

    test('replicas asking at once with a `latest` get distinct turns, none after it', async () => {
      const turns = await Promise.all(Array.from({ length: 6 }, () => ctx.store.sendSlots.reserve('L', T0, 1000, T0 + 2500)));
      const taken = turns.filter((t) => t <= T0 + 2500).sort((a, b) => a - b);
      expect(taken).toEqual([T0, T0 + 1000, T0 + 2000]);
      expect(turns.filter((t) => t > T0 + 2500)).toEqual([T0 + 3000, T0 + 3000, T0 + 3000]);
    });
  });

  describe('form views', () => {
    test('tickets count up per view; the newest drawing hash is kept', async () => {
      expect(await ctx.store.formViews.opened('V1', 'h0', T0)).toEqual({ seq: 1, hash: 'h0' });
      const inputs = await Promise.all([1, 2, 3].map(() => ctx.store.formViews.input('V1', 'stale', T0)));
      expect(inputs.map((i) => i.seq).sort()).toEqual([2, 3, 4]);
      expect(inputs.every((i) => i.hash === 'h0')).toBe(true);
      expect(await ctx.store.formViews.drawn('V1', 'h0', 'h1', T0)).toBe(true);
      // A drawing from an older hash arrives late: the newer one stays.
      expect(await ctx.store.formViews.drawn('V1', 'h0', 'hX', T0)).toBe(false);
      expect(await ctx.store.formViews.get('V1')).toEqual({ seq: 4, hash: 'h1' });
      await ctx.store.formViews.forget('V1', T0);
      expect(await ctx.store.formViews.input('V1', 'h7', T0)).toEqual({ seq: 5, hash: 'h7' });
      expect(await ctx.store.formViews.get('V2')).toBeNull();
      // The opening is ticket 1 whether or not it is recorded yet: an input is always after it.
      expect(await ctx.store.formViews.input('V2', null, T0)).toEqual({ seq: 2, hash: null });
      expect(await ctx.store.formViews.sweep(T0 + 1)).toBe(2);
    });

    test('an input recorded before the opening (it landed on another replica first) stays the newest', async () => {
      expect(await ctx.store.formViews.input('V3', 'h0', T0)).toEqual({ seq: 2, hash: 'h0' });
      expect(await ctx.store.formViews.opened('V3', 'h0', T0)).toEqual({ seq: 2, hash: 'h0' });
      expect(await ctx.store.formViews.input('V3', 'h0', T0)).toEqual({ seq: 3, hash: 'h0' });
      // A drawing stored already is newer than the hash views.open answered.
      expect(await ctx.store.formViews.drawn('V3', 'h0', 'h1', T0)).toBe(true);
      expect(await ctx.store.formViews.opened('V3', 'h0', T0)).toEqual({ seq: 3, hash: 'h1' });
    });
  });
}
