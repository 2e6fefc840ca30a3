import { OTHER_TEAM, TEAM, type ContractContext } from './context';

const DAY = 86_400_000;

export function localClockContract(ctx: ContractContext): void {
  describe('local clock', () => {
    test('nothing saved reads as null; a saved offset is read back per team, after a restart too', async () => {
      expect(await ctx.store.localClock.offset(TEAM)).toBeNull();
      await ctx.store.localClock.saveOffset(TEAM, 2 * DAY);
      // A clock that started in the past runs behind the system clock: a negative offset.
      await ctx.store.localClock.saveOffset(OTHER_TEAM, -3 * DAY);
      const s2 = await ctx.harness.reopen();
      expect(await s2.localClock.offset(TEAM)).toBe(2 * DAY);
      expect(await s2.localClock.offset(OTHER_TEAM)).toBe(-3 * DAY);
    });

    test('only moves forward, also when saves race', async () => {
      await ctx.store.localClock.saveOffset(TEAM, DAY);
      await ctx.store.localClock.saveOffset(TEAM, DAY - 1);
      expect(await ctx.store.localClock.offset(TEAM)).toBe(DAY);
      await Promise.all([5, 1, 9, 3].map((h) => ctx.store.localClock.saveOffset(TEAM, DAY + h * 3_600_000)));
      expect(await ctx.store.localClock.offset(TEAM)).toBe(DAY + 9 * 3_600_000);
    });
  });
}
