import { DateTime } from 'luxon';
import { silentLogger } from '../../support/logger';
import { slotInstant } from '../../../src/services/digests';
import { openStore } from '../../../src/storage';
import { type Digest } from '../../../src/domain/digest';
import { answerTo, createDigestWorld, USERS, type DigestWorld } from './app-harness';
import { PATIENCE_MS } from '../../support/patience';

const TEAM = 'T0LOCAL';
const TORONTO = 'America/Toronto';
const MIN = 60_000;
const at = (date: string, time: string) => slotInstant(date, time, TORONTO);

/**
 * The real app over HTTP, stopped and started again on the same SQLite file, the same fake
 * Slack and the same clock: what a deploy or a crash looks like to the digests.
 */
describe('digests across restarts', () => {
  let world: DigestWorld;
  afterEach(async () => {
    await world?.close();
  });

  async function addDigest(driver: Awaited<ReturnType<DigestWorld['start']>>['driver'], text: string, channel = 'C0FACILITY'): Promise<Digest> {
    const res = await driver.command(USERS.grace, channel, '/occupancy', text);
    const { text: answer } = await answerTo(world, res);
    const id = Number(/Digest #(\d+)/.exec(answer)?.[1]);
    const store = await openStore({ url: `sqlite:${world.dbPath}`, logger: silentLogger() });
    try {
      return (await store.digests.get(TEAM, id))!;
    } finally {
      await store.close();
    }
  }
  const postsIn = (channel: string) => world.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);

  it('a run claimed (or even posted) by a process that then died is recorded unknown and never re-posted', async () => {
    world = await createDigestWorld();
    const first = await world.start();
    const before = await addDigest(first.driver, 'digest add building 71 at 08:00 daily');
    const after = await addDigest(first.driver, 'digest add building 71 at 08:00 daily', 'C0GENERAL');
    await first.app.stop();

    // What a crash leaves behind: both runs claimed; one of them had already reached Slack.
    const store = await openStore({ url: `sqlite:${world.dbPath}`, logger: silentLogger() });
    expect(await store.digestRuns.claim(before.id, '2026-11-26', TEAM, at('2026-11-26', '08:00'), { channelId: 'C0FACILITY' })).toBe(true);
    expect(await store.digestRuns.claim(after.id, '2026-11-26', TEAM, at('2026-11-26', '08:00'), { channelId: 'C0GENERAL' })).toBe(true);
    await store.close();
    world.slack.state.addMessage({ channel: 'C0GENERAL', user: world.slack.bot.userId, botId: world.slack.bot.botId, text: 'Occupancy for Wed 25 Nov' });

    world.clock.set(at('2026-11-26', '08:02'));
    const second = await world.start();
    await second.app.digests.runDue();
    for (const d of [before, after]) {
      expect(await second.app.store.digestRuns.get(d.id, '2026-11-26')).toMatchObject({ state: 'unknown', reason: expect.stringContaining('interrupted') });
    }
    expect(postsIn('C0FACILITY')).toHaveLength(0);
    expect(postsIn('C0GENERAL')).toHaveLength(0);
    expect(world.slack.state.timeline('C0GENERAL').filter((m) => m.user === world.slack.bot.userId)).toHaveLength(1);
    expect(world.logs.some((l) => l.includes('digest run was interrupted'))).toBe(true);
    // The next day runs as usual.
    world.clock.set(at('2026-11-27', '08:00'));
    await second.app.digests.runDue();
    expect(postsIn('C0FACILITY')).toHaveLength(1);
  });

  it('a run a dead process claimed but never handed to Slack is taken over and sent; one it was posting is recorded unknown', async () => {
    world = await createDigestWorld();
    const first = await world.start();
    const unsent = await addDigest(first.driver, 'digest add building 71 at 08:00 daily');
    const posting = await addDigest(first.driver, 'digest add building 71 at 08:00 daily', 'C0GENERAL');
    await first.app.stop();

    // What a crash leaves with leases: one run claimed while its content was being built, one
    // marked posting (its HTTP call was under way). Their leases have not even run out.
    const claimedAt = at('2026-11-26', '08:00');
    const store = await openStore({ url: `sqlite:${world.dbPath}`, logger: silentLogger() });
    const lease = { owner: 'dead-process', leaseUntil: claimedAt + 10 * MIN };
    expect(await store.digestRuns.claim(unsent.id, '2026-11-26', TEAM, claimedAt, { channelId: 'C0FACILITY', ...lease })).toBe(true);
    expect(await store.digestRuns.claim(posting.id, '2026-11-26', TEAM, claimedAt, { channelId: 'C0GENERAL', ...lease })).toBe(true);
    expect(await store.digestRuns.markPosting({ digestId: posting.id, localDate: '2026-11-26' }, 'dead-process', claimedAt + 1000)).toBe(true);
    await store.close();

    // One process owns a SQLite file: whatever another left claimed is known to be dead.
    world.clock.set(at('2026-11-26', '08:01'));
    const second = await world.start();
    // The catch-up at start does it; this tick only waits behind it.
    await second.app.digests.runDue();
    expect(world.logs.some((l) => l.includes('taken over'))).toBe(true);
    expect(await second.app.store.digestRuns.get(unsent.id, '2026-11-26')).toMatchObject({ state: 'sent', owner: second.app.replica });
    expect(await second.app.store.digestRuns.get(posting.id, '2026-11-26')).toMatchObject({ state: 'unknown', reason: expect.stringContaining('interrupted') });
    expect(postsIn('C0FACILITY')).toHaveLength(1);
    expect(postsIn('C0GENERAL')).toHaveLength(0);
  });

  it('a stop while a digest is being posted lets the post finish and record it: no duplicate after the restart', async () => {
    world = await createDigestWorld();
    const first = await world.start();
    const d = await addDigest(first.driver, 'digest add building 71 at 08:00 daily');
    world.clock.set(at('2026-11-26', '08:00'));
    world.slack.failNext('chat.postMessage', { delayMs: 1500 });
    const tick = first.app.digests.runDue();
    await world.slack.waitFor(() => world.slack.calls.some((c) => c.method === 'chat.postMessage'), PATIENCE_MS);
    await first.app.stop();
    await tick;

    world.clock.set(at('2026-11-26', '08:01'));
    const second = await world.start();
    await second.app.digests.runDue();
    await second.app.digests.runDue();
    expect(postsIn('C0FACILITY')).toHaveLength(1);
    expect(await second.app.store.digestRuns.get(d.id, '2026-11-26')).toMatchObject({ state: 'sent', messageTs: postsIn('C0FACILITY')[0]!.response?.ts });
  });

  it('catches up a run missed while stopped, marked late, inside the grace window; skips and logs it beyond', async () => {
    world = await createDigestWorld();
    const first = await world.start();
    const d = await addDigest(first.driver, 'digest add building 71 at 08:00 daily');
    world.clock.set(at('2026-11-26', '07:55'));
    await first.app.digests.runDue();
    await first.app.stop();

    world.clock.set(at('2026-11-26', '08:10'));
    const second = await world.start();
    await second.app.digests.runDue();
    const [post] = postsIn('C0FACILITY');
    expect(JSON.stringify(post?.args.blocks)).toContain('sent 10 min late');
    expect(await second.app.store.digestRuns.get(d.id, '2026-11-26')).toMatchObject({ state: 'sent', lateMinutes: 10 });

    world.clock.set(at('2026-11-27', '07:55'));
    await second.app.digests.runDue();
    await second.app.stop();
    world.clock.set(at('2026-11-27', '11:00'));
    const third = await world.start();
    await third.app.digests.runDue();
    expect(postsIn('C0FACILITY')).toHaveLength(1);
    expect(await third.app.store.digestRuns.get(d.id, '2026-11-27')).toMatchObject({ state: 'skipped', lateMinutes: 180 });
    expect(world.logs.some((l) => l.includes('digest run skipped') && l.includes(`"digestId":${d.id}`))).toBe(true);
  });

  it('two digests of one building due the same minute ask InnerSpace once for that day', async () => {
    world = await createDigestWorld();
    const { app, driver } = await world.start();
    await addDigest(driver, 'digest add building 118 at 08:00 daily');
    await addDigest(driver, 'digest add building 118 at 08:00 daily', 'C0GENERAL');
    world.clock.set(slotInstant('2026-11-26', '08:00', 'Australia/Sydney'));
    await app.digests.runDue();
    app.simulator!.resetStats();
    world.clock.set(slotInstant('2026-11-27', '08:00', 'Australia/Sydney'));
    const report = await app.digests.runDue();
    expect(report).toMatchObject({ sent: 2 });
    // The latest-day lookup, the covered day and the same weekday a week earlier: one query
    // each, for both channels.
    expect(app.simulator!.stats.rootFields.BUILDING_INSIGHTS).toBe(3);
    expect(postsIn('C0FACILITY')).toHaveLength(2);
    expect(postsIn('C0GENERAL')).toHaveLength(2);
  });

  it('runs tick by tick over the spring-forward weekend in Toronto: once a day, on the local clock', async () => {
    world = await createDigestWorld({ start: at('2027-03-12', '23:00') });
    const { app, driver } = await world.start();
    const eight = await addDigest(driver, 'digest add building 71 at 08:00 daily');
    const gap = await addDigest(driver, 'digest add building 71 at 02:30 daily', 'C0GENERAL');
    for (const date of ['2027-03-13', '2027-03-14', '2027-03-15']) {
      const midnight = DateTime.fromISO(date, { zone: TORONTO }).toMillis();
      for (let t = midnight; t <= at(date, '09:00'); t += MIN) {
        world.clock.set(t);
        await app.digests.runDue();
      }
    }
    const runsOf = async (d: Digest) => (await app.store.digestRuns.listForDigest(d.id)).reverse();
    const minute = (ms: number) => new Date(Math.floor(ms / MIN) * MIN).toISOString();
    const eights = await runsOf(eight);
    expect(eights.map((r) => [r.localDate, r.state, r.lateMinutes, minute(r.claimedAt)])).toEqual([
      ['2027-03-13', 'sent', 0, '2027-03-13T13:00:00.000Z'],
      ['2027-03-14', 'sent', 0, '2027-03-14T12:00:00.000Z'],
      ['2027-03-15', 'sent', 0, '2027-03-15T12:00:00.000Z'],
    ]);
    const gaps = await runsOf(gap);
    expect(gaps.map((r) => [r.localDate, r.state, minute(r.claimedAt)])).toEqual([
      ['2027-03-13', 'sent', '2027-03-13T07:30:00.000Z'],
      // 02:30 does not exist on the 14th: it went at 03:00 EDT.
      ['2027-03-14', 'sent', '2027-03-14T07:00:00.000Z'],
      ['2027-03-15', 'sent', '2027-03-15T06:30:00.000Z'],
    ]);
    expect(postsIn('C0FACILITY')).toHaveLength(3);
    expect(postsIn('C0GENERAL')).toHaveLength(3);
    expect(JSON.stringify(postsIn('C0FACILITY')[1]?.args.blocks)).toContain('Occupancy for Sat 13 Mar');
  }, 120_000);
});
